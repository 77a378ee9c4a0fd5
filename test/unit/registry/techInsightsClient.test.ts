import * as assert from 'node:assert/strict';
import { RegistryError } from '../../../src/registry/registryErrors';
import { TechInsightsCache } from '../../../src/registry/techInsightsCache';
import {
  runTechInsightsChecks,
  TECH_INSIGHTS_MAX_RESULTS,
  techInsightsRunUrl,
  type TechInsightsAnswer,
} from '../../../src/registry/techInsightsClient';
import { withRemoteRows } from '../../../src/plugins/builtin/scorecardPlugin';
import { LoopbackServers, sendJson } from './support/loopbackServer';

const RUN_PATH = '/api/tech-insights/checks/run/default/component/payments';

function result(id: unknown, passed: unknown, extra: Record<string, unknown> = {}): unknown {
  return {
    facts: {},
    result: passed,
    check: { id, type: 'json-rules-engine', name: `Check ${String(id)}`, description: 'why', factIds: [], ...extra },
  };
}

function results(answer: TechInsightsAnswer): [string, boolean][] {
  assert.equal(answer.state, 'results');
  return answer.state === 'results' ? [...answer.results.values()].map((item) => [item.id, item.passed]) : [];
}

describe('Tech Insights client against a loopback backend', function () {
  this.timeout(10_000);
  const servers = new LoopbackServers();
  afterEach(() => servers.closeAll());

  async function serve(
    status: number,
    body: unknown,
  ): Promise<{ baseUrl: string; requests: { method: string; path: string; headers: Record<string, unknown> }[] }> {
    return servers.start((_request, response) => sendJson(response, status, body));
  }

  it('POSTs to the run route of the entity and keeps each boolean result by check id', async () => {
    const server = await serve(200, [result('groupOwnerCheck', true), result('descriptionCheck', false)]);
    const answer = await runTechInsightsChecks({ name: 'r', baseUrl: server.baseUrl }, 'component:default/payments', {
      token: 'secret',
    });
    assert.deepEqual(results(answer), [
      ['groupOwnerCheck', true],
      ['descriptionCheck', false],
    ]);
    assert.equal(server.requests[0]?.method, 'POST');
    assert.equal(server.requests[0]?.path, RUN_PATH);
    assert.equal(server.requests[0]?.headers['authorization'], 'Bearer secret');
  });

  it('says the backend has no Tech Insights on a 404, rather than failing', async () => {
    const server = await serve(404, { error: { name: 'NotFoundError' } });
    assert.deepEqual(
      await runTechInsightsChecks({ name: 'r', baseUrl: server.baseUrl }, 'component:default/payments'),
      { state: 'unavailable' },
    );
  });

  it('refuses answers that are not a list, or a list past the cap', async () => {
    for (const body of [{ results: [] }, 'ok', null, { length: 3 }]) {
      const server = await serve(200, body);
      await assert.rejects(
        runTechInsightsChecks({ name: 'r', baseUrl: server.baseUrl }, 'component:default/payments'),
        (error: unknown) => error instanceof RegistryError && error.kind === 'bad-response',
      );
    }
    const many = Array.from({ length: TECH_INSIGHTS_MAX_RESULTS + 1 }, (_, index) => result(`c${index}`, true));
    const server = await serve(200, many);
    await assert.rejects(
      runTechInsightsChecks({ name: 'r', baseUrl: server.baseUrl }, 'component:default/payments'),
      (error: unknown) => error instanceof RegistryError && error.kind === 'limit-exceeded',
    );
  });

  it('drops results without a boolean verdict, a string id, or with a repeated id; prototype names are plain keys', async () => {
    const server = await serve(200, [
      result('__proto__', true),
      result('constructor', false),
      result('ok', 'true'),
      result(42, true),
      result('', true),
      result('x'.repeat(201), true),
      { result: true },
      null,
      result('ok', true),
      result('ok', false),
      result('long', true, { name: 'n'.repeat(10_000), description: { html: '<b>' } }),
    ]);
    const answer = await runTechInsightsChecks({ name: 'r', baseUrl: server.baseUrl }, 'component:default/payments');
    assert.deepEqual(results(answer), [
      ['__proto__', true],
      ['constructor', false],
      ['ok', true],
      ['long', true],
    ]);
    assert.equal(answer.state === 'results' ? answer.skipped : -1, 7);
    const long = answer.state === 'results' ? answer.results.get('long') : undefined;
    assert.equal(long?.name.length, 500);
    assert.equal(long?.description, '');
  });

  it('refuses a body past the size cap and one that is not JSON', async () => {
    const big = await servers.start((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`[${JSON.stringify(result('a', true, { description: 'd'.repeat(2 * 1024 * 1024) }))}]`);
    });
    await assert.rejects(
      runTechInsightsChecks({ name: 'r', baseUrl: big.baseUrl }, 'component:default/payments'),
      (error: unknown) => error instanceof RegistryError && error.kind === 'too-large',
    );
    const html = await servers.start((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>login</html>');
    });
    await assert.rejects(
      runTechInsightsChecks({ name: 'r', baseUrl: html.baseUrl }, 'component:default/payments'),
      (error: unknown) => error instanceof RegistryError && error.kind === 'not-json',
    );
  });

  it('does not follow a redirect, so the token stays with the registry origin', async () => {
    const elsewhere = await serve(200, [result('a', true)]);
    const server = await servers.start((_request, response) => {
      response.writeHead(307, { location: `${elsewhere.baseUrl}${RUN_PATH}` });
      response.end();
    });
    await assert.rejects(
      runTechInsightsChecks({ name: 'r', baseUrl: server.baseUrl }, 'component:default/payments', { token: 'secret' }),
    );
    assert.equal(elsewhere.requests.length, 0);
  });
});

describe('Tech Insights run URL, cache and rows', () => {
  it('encodes each part of the ref into the path', () => {
    assert.equal(
      techInsightsRunUrl('https://b.example/base/', 'component:team a/pay#ments'),
      'https://b.example/base/api/tech-insights/checks/run/team%20a/component/pay%23ments',
    );
    assert.equal(techInsightsRunUrl('https://b.example', 'not a ref:'), undefined);
  });

  it('asks once within the time to live, again after it, and again after a failure', async () => {
    let now = 0;
    let calls = 0;
    let fail = false;
    const cache = new TechInsightsCache(
      1000,
      () => now,
      () => {
        calls++;
        return fail ? Promise.reject(new Error('down')) : Promise.resolve({ state: 'unavailable' });
      },
    );
    const config = { name: 'r', baseUrl: 'http://127.0.0.1:1' };
    await cache.resultsFor(config, 'component:default/a', undefined);
    await cache.resultsFor(config, 'component:default/a', undefined);
    assert.equal(calls, 1);
    now = 1500;
    fail = true;
    await assert.rejects(cache.resultsFor(config, 'component:default/a', undefined));
    fail = false;
    await cache.resultsFor(config, 'component:default/a', undefined);
    assert.equal(calls, 3);
  });

  it('adds the registry rows to the local summary, marked as from the registry', () => {
    const merged = withRemoteRows(
      { passed: 1, total: 2, rows: [] },
      {
        state: 'results',
        registry: 'corp',
        results: [
          { id: 'a', name: 'A', description: '', passed: true },
          { id: 'b', name: 'B', description: '', passed: false },
        ],
      },
    );
    assert.deepEqual([merged.passed, merged.total], [2, 4]);
    assert.deepEqual(
      merged.rows.map((row) => [row.id, row.passed, row.origin]),
      [
        ['tech-insights:a', true, 'registry corp · Tech Insights'],
        ['tech-insights:b', false, 'registry corp · Tech Insights'],
      ],
    );
    assert.deepEqual(withRemoteRows(undefined, { state: 'unavailable', registry: 'corp' }), {
      passed: 0,
      total: 0,
      rows: [],
    });
  });
});
