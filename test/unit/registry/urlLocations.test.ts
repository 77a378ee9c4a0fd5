import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import { CatalogIndex } from '../../../src/catalog';
import { UrlLocations } from '../../../src/registry/urlLocations';
import { startLoopbackServer, type LoopbackServer } from './support/loopbackServer';

const component = (name: string): string => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
  owner: team-a
`;

const location = (targets: readonly string[]): string => `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: remote-root
spec:
  targets:
${targets.map((target) => `    - ${target}`).join('\n')}
`;

/** URL locations: catalog files over HTTP, relative targets against their URL, no token ever. */
describe('UrlLocations', () => {
  let server: LoopbackServer;
  let files: Record<string, { status: number; body: string }>;

  beforeEach(async () => {
    files = {};
    server = await startLoopbackServer((request: http.IncomingMessage, response: http.ServerResponse) => {
      const file = files[request.url ?? ''];
      response.writeHead(file?.status ?? 404, { 'content-type': 'text/yaml' });
      response.end(file?.body ?? 'not found');
    });
  });

  afterEach(async () => {
    await server.close();
  });

  it('fetches a Location over HTTP and follows its relative targets against the URL', async () => {
    files['/repo/catalog-info.yaml'] = {
      status: 200,
      body: location(['./services/a.yaml', 'services/b.yaml', 'file:/etc/passwd', '/abs.yaml']),
    };
    files['/repo/services/a.yaml'] = { status: 200, body: component('remote-a') };
    files['/repo/services/b.yaml'] = {
      status: 200,
      body: `${component('remote-b')}---\n${location(['../../other/c.yaml'])}`,
    };
    files['/other/c.yaml'] = { status: 200, body: component('remote-c') };
    files['/abs.yaml'] = { status: 200, body: component('remote-abs') };
    const index = new CatalogIndex();
    const result = await new UrlLocations(index, { retries: 0 }).load([`${server.baseUrl}/repo/catalog-info.yaml`]);
    assert.deepEqual([...index.refs()].filter((ref) => ref.startsWith('component:')).sort(), [
      'component:default/remote-a',
      'component:default/remote-abs',
      'component:default/remote-b',
      'component:default/remote-c',
    ]);
    const record = index.get('component:default/remote-a');
    assert.deepEqual(record?.origin, { type: 'url', url: `${server.baseUrl}/repo/services/a.yaml` });
    assert.equal(result.failures.length, 0);
    assert.ok(
      server.requests.every((request) => request.headers['authorization'] === undefined),
      'no credentials are sent to URL locations',
    );
    assert.ok(!server.requests.some((request) => request.url?.includes('passwd')), 'a file: target is never fetched');
  });

  it('keeps what an earlier load found when a URL fails, and reports the failure', async () => {
    files['/catalog-info.yaml'] = { status: 200, body: component('kept') };
    const index = new CatalogIndex();
    const locations = new UrlLocations(index, { retries: 0 });
    await locations.load([`${server.baseUrl}/catalog-info.yaml`]);
    files['/catalog-info.yaml'] = { status: 500, body: 'boom' };
    const second = await locations.load([`${server.baseUrl}/catalog-info.yaml`]);
    assert.equal(second.failures.length, 1);
    assert.ok(index.has('component:default/kept'));
  });

  it('drops what a URL no longer reached serves, and stops at a cycle', async () => {
    files['/a.yaml'] = { status: 200, body: `${component('in-a')}---\n${location(['./b.yaml'])}` };
    files['/b.yaml'] = { status: 200, body: `${component('in-b')}---\n${location(['./a.yaml'])}` };
    const index = new CatalogIndex();
    const locations = new UrlLocations(index, { retries: 0 });
    const first = await locations.load([`${server.baseUrl}/a.yaml`]);
    assert.equal(first.urls.length, 2, 'each URL is fetched once despite the cycle');
    files['/a.yaml'] = { status: 200, body: component('in-a') };
    await locations.load([`${server.baseUrl}/a.yaml`]);
    assert.ok(index.has('component:default/in-a'));
    assert.ok(!index.has('component:default/in-b'), 'b is no longer reached, so its entities leave');
  });

  it('reports a broken YAML file as a problem on that URL', async () => {
    files['/bad.yaml'] = { status: 200, body: 'kind: Component\nmetadata: [unclosed\n' };
    const index = new CatalogIndex();
    await new UrlLocations(index, { retries: 0 }).load([`${server.baseUrl}/bad.yaml`]);
    const problems = index.problemsOf(`${server.baseUrl}/bad.yaml`);
    assert.ok(
      problems.some((problem) => problem.code === 'yaml-syntax'),
      JSON.stringify(problems),
    );
  });
});
