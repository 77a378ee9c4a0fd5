// "Register in Backstage": a descriptor proposed by onboarding, served by a loopback HTTP server
// as a repository host would, registered with a real Backstage backend through
// POST /api/catalog/locations (dry run first), then found by by-query; a second registration
// gets Backstage's own conflict error.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  applyAnswers,
  catalogFactsOf,
  DEFAULT_ONBOARDING,
  proposeOnboarding,
  renderProposalYaml,
} from '../../src/onboarding';
import { CatalogIndex, nodeCatalogFileSystem, parseCatalogFile } from '../../src/catalog';
import { CatalogApiClient } from '../../src/registry/catalogApiClient';
import { RegistrySync } from '../../src/registry/registrySync';
import { LocationRegistrationError, registerLocation } from '../../src/registry/locationRegistration';
import { httpRequest, startBackstage, type RunningBackstage } from '../backstage/backstageServer';

const TOKEN = 'greenroom-register-token-7d2e41';
const FIXTURE = path.resolve(__dirname, '../../../test/fixtures/onboarding/swagger-petstore');

/** Serves a folder read-only over HTTP on 127.0.0.1, like a repository host's raw file URLs. */
async function serveFolder(root: string): Promise<{ server: http.Server; port: number; requests: string[] }> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    requests.push(pathname);
    const file = path.join(root, pathname);
    if (!file.startsWith(`${root}${path.sep}`) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, requests };
}

async function componentNamed(
  backend: RunningBackstage,
  name: string,
): Promise<{ kind: string; metadata: { name: string; annotations?: Record<string, string> } }[]> {
  const answer = await httpRequest(
    'GET',
    `${backend.baseUrl}/api/catalog/entities/by-query?filter=metadata.name=${encodeURIComponent(name)}`,
    { Authorization: `Bearer ${TOKEN}` },
  );
  assert.equal(answer.status, 200, answer.body.slice(0, 200));
  return (
    JSON.parse(answer.body) as {
      items: { kind: string; metadata: { name: string; annotations?: Record<string, string> } }[];
    }
  ).items;
}

describe('Register in Backstage against a real backend', function () {
  this.timeout(300_000);
  let folder: string;
  let repository: string;
  let host: Awaited<ReturnType<typeof serveFolder>>;
  let backend: RunningBackstage;
  let target: string;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-register-it-'));
    repository = path.join(folder, 'swagger-petstore');
    fs.cpSync(FIXTURE, repository, { recursive: true });
    fs.rmSync(path.join(repository, 'dot-git'), { recursive: true, force: true });
    // The descriptor onboarding proposes for the repository, answered as a user would.
    const proposal = await proposeOnboarding({
      fs: nodeCatalogFileSystem,
      boundary: repository,
      folder: repository,
      catalog: catalogFactsOf(new CatalogIndex()),
      defaults: DEFAULT_ONBOARDING,
    });
    fs.writeFileSync(
      path.join(repository, 'catalog-info.yaml'),
      renderProposalYaml(applyAnswers(proposal, { owner: 'platform' })),
    );
    const org = path.join(folder, 'org.yaml');
    fs.writeFileSync(
      org,
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: platform\nspec:\n  type: team\n  children: []\n',
    );
    host = await serveFolder(folder);
    target = `http://127.0.0.1:${host.port}/swagger-petstore/catalog-info.yaml`;
    backend = await startBackstage({
      token: TOKEN,
      catalogFiles: [org],
      processingIntervalSeconds: 2,
      readingAllow: [{ host: `127.0.0.1:${host.port}` }],
    });
    await backend.waitForEntityCount(2, 120_000);
  });

  after(async () => {
    await backend?.stop();
    host?.server.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('the dry run lists what the backend would create and registers nothing', async () => {
    const dryRun = await registerLocation(backend.baseUrl, target, { token: TOKEN, dryRun: true });
    assert.equal(dryRun.exists, false);
    // Backstage lists the Location it would generate for the URL too.
    assert.deepEqual(
      dryRun.entities
        .filter((entity) => entity.kind !== 'Location')
        .map((entity) => `${entity.kind}:${entity.metadata.name}`)
        .sort(),
      ['API:swagger-petstore-openapi-3.0', 'Component:swagger-petstore-v3'],
    );
    assert.equal(dryRun.entities.filter((entity) => entity.kind === 'Location').length, 1);
    assert.ok(
      host.requests.includes('/swagger-petstore/catalog-info.yaml'),
      'the backend read the descriptor from the loopback host',
    );
    assert.deepEqual(await componentNamed(backend, 'swagger-petstore-v3'), []);
  });

  it('registration makes the entities appear in by-query, $text definition resolved', async () => {
    const registered = await registerLocation(backend.baseUrl, target, { token: TOKEN, dryRun: false });
    assert.equal(registered.location.target, target);
    assert.ok(registered.location.id, 'a real registration returns the location id');
    const started = Date.now();
    let items: Awaited<ReturnType<typeof componentNamed>> = [];
    while (Date.now() - started < 90_000) {
      items = await componentNamed(backend, 'swagger-petstore-v3');
      if (items.length > 0 && (await componentNamed(backend, 'swagger-petstore-openapi-3.0')).length > 0) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    assert.equal(items[0]?.kind, 'Component');
    assert.equal(items[0]?.metadata.annotations?.['backstage.io/managed-by-location'], `url:${target}`);
    const api = await httpRequest(
      'GET',
      `${backend.baseUrl}/api/catalog/entities/by-name/api/default/swagger-petstore-openapi-3.0`,
      { Authorization: `Bearer ${TOKEN}` },
    );
    assert.match((JSON.parse(api.body) as { spec: { definition: string } }).spec.definition, /^openapi: 3\.0\.2/m);
  });

  it('after the next sync the local entity shows both origins, and is no duplicate', async () => {
    // The workspace copy, as the editor indexes it, then a sync from the backend it was registered with.
    const index = new CatalogIndex();
    const descriptor = path.join(repository, 'catalog-info.yaml');
    index.upsertFile(
      await parseCatalogFile(descriptor, fs.readFileSync(descriptor, 'utf8'), {
        type: 'workspace',
        folder: repository,
      }),
    );
    const result = await new RegistrySync(
      index,
      new CatalogApiClient({ name: 'company', baseUrl: backend.baseUrl }, { token: TOKEN, retries: 0 }),
      undefined,
    ).sync();
    assert.ok(result, 'the sync finished');
    const copies = index.getAll('component:default/swagger-petstore-v3');
    assert.deepEqual(copies.map((copy) => copy.origin.type).sort(), ['registry', 'workspace']);
    assert.equal(
      copies.find((copy) => copy.origin.type === 'registry')?.entity.metadata.annotations?.[
        'backstage.io/managed-by-location'
      ],
      `url:${target}`,
    );
    assert.deepEqual(
      index.problemsOf(descriptor).filter((problem) => problem.code === 'duplicate-entity'),
      [],
    );
    index.dispose();
  });

  it("a second registration gets Backstage's conflict error in its own words", async () => {
    await assert.rejects(
      registerLocation(backend.baseUrl, target, { token: TOKEN, dryRun: false }),
      (error: unknown) => {
        assert.ok(error instanceof LocationRegistrationError);
        assert.equal(error.status, 409);
        assert.equal(error.backstageName, 'ConflictError');
        assert.match(error.message, /already exists/);
        return true;
      },
    );
    const dryRun = await registerLocation(backend.baseUrl, target, { token: TOKEN, dryRun: true });
    assert.equal(dryRun.exists, true);
  });

  it("an invalid request and a missing token get Backstage's answers", async () => {
    await assert.rejects(
      registerLocation(backend.baseUrl, 'not a url', { token: TOKEN, dryRun: true }),
      (error: unknown) =>
        error instanceof LocationRegistrationError && error.status === 400 && error.message.length > 0,
    );
    await assert.rejects(
      registerLocation(backend.baseUrl, target, { dryRun: true }),
      (error: unknown) => error instanceof LocationRegistrationError && error.status === 401,
    );
  });
});
