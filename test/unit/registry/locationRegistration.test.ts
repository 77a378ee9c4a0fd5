import * as assert from 'node:assert/strict';
import type { Entity } from '@backstage/catalog-model';
import {
  entityRefsToCome,
  waitForEntities,
  type LocationRegistration,
} from '../../../src/registry/locationRegistration';
import { LoopbackServers, sendJson, unusedBaseUrl } from './support/loopbackServer';

const TOKEN = 'tok-registration-5e1b';

function entity(kind: string, name: string, namespace?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}) },
  };
}

/** A clock that moves only when the code under test sleeps. */
function steppingClock(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let time = 0;
  const slept: number[] = [];
  return {
    now: () => time,
    sleep: (ms: number) => {
      slept.push(ms);
      time += ms;
      return Promise.resolve();
    },
    slept,
  };
}

describe('locationRegistration: after a registration', () => {
  const servers = new LoopbackServers();
  afterEach(() => servers.closeAll());

  it('expects what the dry run listed, without the Location Backstage generates for the URL', () => {
    const dryRun: LocationRegistration = {
      location: { type: 'url', target: 'https://git.example.com/a/catalog-info.yaml' },
      entities: [
        entity('Location', 'generated-83ac042a'),
        entity('API', 'Inventory-API'),
        entity('Component', 'inventory', 'Retail'),
      ],
      exists: false,
    };
    assert.deepEqual(entityRefsToCome(dryRun), ['api:default/inventory-api', 'component:retail/inventory']);
  });

  it('waits until the backend serves every ref, asking by name with the token', async () => {
    // The component shows up on the third look, the API on the second.
    const looks = new Map<string, number>();
    const server = await servers.start((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const seen = (looks.get(path) ?? 0) + 1;
      looks.set(path, seen);
      const ready = path.endsWith('/component/default/inventory') ? seen >= 3 : seen >= 2;
      if (!ready) {
        sendJson(response, 404, { error: { name: 'NotFoundError', message: 'not found' } });
        return;
      }
      const [, , , , , kind = '', , name = ''] = path.split('/');
      sendJson(response, 200, entity(kind, name));
    });
    const clock = steppingClock();
    const missing = await waitForEntities(server.baseUrl, ['component:default/inventory', 'api:default/inventory'], {
      token: TOKEN,
      intervalMs: 500,
      sleep: clock.sleep,
      now: clock.now,
    });
    assert.deepEqual(missing, []);
    assert.deepEqual(clock.slept, [500, 500]);
    assert.deepEqual(
      server.requests.map((request) => request.path),
      [
        '/api/catalog/entities/by-name/component/default/inventory',
        '/api/catalog/entities/by-name/api/default/inventory',
        '/api/catalog/entities/by-name/component/default/inventory',
        '/api/catalog/entities/by-name/api/default/inventory',
        '/api/catalog/entities/by-name/component/default/inventory',
      ],
      'a served ref is not asked for again',
    );
    assert.ok(server.requests.every((request) => request.headers.authorization === `Bearer ${TOKEN}`));
  });

  it('gives up when time runs out and says what is still missing', async () => {
    const server = await servers.start((_request, response) => {
      sendJson(response, 404, { error: { name: 'NotFoundError', message: 'not found' } });
    });
    const clock = steppingClock();
    const missing = await waitForEntities(server.baseUrl, ['component:default/late'], {
      timeoutMs: 3000,
      intervalMs: 1000,
      sleep: clock.sleep,
      now: clock.now,
    });
    assert.deepEqual(missing, ['component:default/late']);
    assert.equal(clock.slept.length, 3);
    assert.ok(
      server.requests.every((request) => request.headers.authorization === undefined),
      'no token configured, none sent',
    );
  });

  it('treats an unreachable backend as not served yet, never as an error', async () => {
    const clock = steppingClock();
    const missing = await waitForEntities(await unusedBaseUrl(), ['component:default/x'], {
      timeoutMs: 2000,
      intervalMs: 1000,
      sleep: clock.sleep,
      now: clock.now,
    });
    assert.deepEqual(missing, ['component:default/x']);
  });

  it('stops at once when cancelled', async () => {
    const server = await servers.start((_request, response) => {
      sendJson(response, 404, {});
    });
    const controller = new AbortController();
    controller.abort();
    const clock = steppingClock();
    const missing = await waitForEntities(server.baseUrl, ['component:default/x'], {
      signal: controller.signal,
      sleep: clock.sleep,
      now: clock.now,
    });
    assert.deepEqual(missing, ['component:default/x']);
    assert.deepEqual(clock.slept, []);
  });
});
