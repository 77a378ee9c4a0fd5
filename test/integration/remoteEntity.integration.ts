// One registry entity re-read on demand, and who the signed-in user is, against a real Backstage
// catalog backend. The backend reprocesses only every 5 minutes here, so an edit shows up in the
// test's time only if Greenroom's POST /api/catalog/refresh really made it reprocess.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CatalogIndex, entityDescription } from '../../src/catalog';
import { CatalogApiClient, type RegistryConfig } from '../../src/registry/catalogApiClient';
import { refreshRegistryEntity } from '../../src/registry/registryEntityRefresh';
import { RegistryError } from '../../src/registry/registryErrors';
import { fetchRegistryIdentity } from '../../src/registry/registryIdentity';
import { RegistrySync } from '../../src/registry/registrySync';
import { startBackstage, type RunningBackstage } from '../backstage/backstageServer';

const TOKEN = 'greenroom-refresh-token-7c2e41';
const REF = 'component:default/order-history';

function descriptor(description: string): string {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    '  name: order-history',
    `  description: ${description}`,
    'spec:',
    '  type: service',
    '  lifecycle: production',
    '  owner: team-orders',
    '',
  ].join('\n');
}

/** A JWT shaped like a Backstage user token, unsigned: Greenroom reads its claims only for display. */
function userToken(): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'ES256' })}.${part({ sub: 'user:default/amara.osei', ent: ['user:default/amara.osei', 'group:default/team-orders'] })}.c2ln`;
}

describe('A registry entity refreshed on demand, against a real Backstage backend', function () {
  this.timeout(240_000);
  let folder: string;
  let file: string;
  let backend: RunningBackstage;
  let config: RegistryConfig;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-refresh-it-'));
    file = path.join(folder, 'catalog-info.yaml');
    fs.writeFileSync(file, descriptor('Lists past orders.'));
    backend = await startBackstage({ token: TOKEN, catalogFiles: [file], processingIntervalSeconds: 300 });
    await backend.waitForEntityCount(2, 120_000); // the Location and the Component
    config = { name: 'it', baseUrl: backend.baseUrl };
  });

  after(async () => {
    await backend?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('asks the backend to reprocess the entity, fetches the new copy and puts it in the index', async () => {
    const index = new CatalogIndex();
    const sync = new RegistrySync(
      index,
      new CatalogApiClient(config, { token: TOKEN, timeoutMs: 20_000, retries: 1 }),
      undefined,
    );
    await sync.sync();
    const held = index.get(REF);
    assert.ok(held, `${REF} was not synced`);
    assert.equal(entityDescription(held.entity), 'Lists past orders.');

    fs.writeFileSync(file, descriptor('Lists past orders, with refunds.'));
    const started = Date.now();
    const result = await refreshRegistryEntity(config, REF, {
      token: TOKEN,
      knownEtag: held.entity.metadata.etag,
      attempts: 30,
      intervalMs: 500,
    });
    assert.equal(result.refreshRequested, true, `the backend refused the refresh: ${result.refreshSkipped ?? ''}`);
    assert.ok(result.entity, 'the entity is still served');
    assert.equal(
      entityDescription(result.entity),
      'Lists past orders, with refunds.',
      `the edit did not show up within ${Date.now() - started} ms`,
    );
    console.log(`    refresh → new copy in ${Date.now() - started} ms`);

    assert.equal(await sync.replaceEntity(REF, result.entity), true);
    assert.equal(
      entityDescription(index.get(REF)?.entity ?? { metadata: { name: 'x' } }),
      'Lists past orders, with refunds.',
    );
    assert.ok(
      index.relationsOf(REF).outgoing.some((relation) => relation.type === 'ownedBy'),
      'the fresh copy has its relations derived',
    );
  });

  it('says an entity is gone (404), and that a wrong token is refused', async () => {
    const gone = await refreshRegistryEntity(config, 'component:default/never-registered', {
      token: TOKEN,
      attempts: 1,
    });
    assert.equal(gone.entity, undefined);
    await assert.rejects(
      refreshRegistryEntity(config, REF, { token: 'wrong-token', attempts: 1 }),
      (error: unknown) => error instanceof RegistryError && error.kind === 'unauthorized',
    );
  });

  it("takes the user from a user token's claims where the backend has no /api/auth/v1/userinfo", async () => {
    const identity = await fetchRegistryIdentity(config, userToken());
    assert.deepEqual(identity, {
      userEntityRef: 'user:default/amara.osei',
      ownershipEntityRefs: ['user:default/amara.osei', 'group:default/team-orders'],
      source: 'token',
      registry: 'it',
    });
    assert.equal(await fetchRegistryIdentity(config, TOKEN), undefined, 'a static token names no user');
  });
});
