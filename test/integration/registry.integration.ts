// Greenroom's registry client against a real Backstage catalog backend, started here on
// 127.0.0.1 with a static token and a fixture catalog of more than 1,200 entities.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { CatalogIndex } from '../../src/catalog';
import { CatalogApiClient } from '../../src/registry/catalogApiClient';
import { RegistryCache } from '../../src/registry/registryCache';
import { RegistryError } from '../../src/registry/registryErrors';
import { RegistrySync } from '../../src/registry/registrySync';
import { httpRequest, startBackstage, type RunningBackstage } from '../backstage/backstageServer';
import { fixtureEntityCount, writeFixtureCatalog } from '../backstage/fixtureCatalog';

const TOKEN = 'greenroom-integration-token-5f1c9a';
const COMPONENTS = 1000;

/** Every entity ref the backend serves, fetched the plain way (no Greenroom code involved). */
async function backendRefs(backend: RunningBackstage): Promise<string[]> {
  const refs: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const query = cursor ? `cursor=${encodeURIComponent(cursor)}&limit=500` : 'limit=500&orderField=metadata.name,asc';
    const answer = await httpRequest('GET', `${backend.baseUrl}/api/catalog/entities/by-query?${query}`, {
      Authorization: `Bearer ${TOKEN}`,
    });
    assert.equal(answer.status, 200, answer.body.slice(0, 200));
    const page = JSON.parse(answer.body) as {
      items: { kind: string; metadata: { namespace?: string; name: string } }[];
      pageInfo: { nextCursor?: string };
    };
    refs.push(
      ...page.items.map(
        (item) =>
          `${item.kind.toLowerCase()}:${(item.metadata.namespace ?? 'default').toLowerCase()}/${item.metadata.name.toLowerCase()}`,
      ),
    );
    cursor = page.pageInfo.nextCursor;
    if (!cursor) {
      return refs.sort();
    }
  }
  throw new Error('the backend paged forever');
}

function registryRefs(index: CatalogIndex): string[] {
  return index
    .entities()
    .filter((record) => record.origin.type === 'registry')
    .map((record) => record.ref)
    .sort();
}

describe('Registry sync against a real Backstage backend', function () {
  this.timeout(240_000);
  let folder: string;
  let files: string[];
  let backend: RunningBackstage;
  const expected = fixtureEntityCount(COMPONENTS);

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-registry-it-'));
    files = writeFixtureCatalog(path.join(folder, 'catalog'), COMPONENTS);
    backend = await startBackstage({ token: TOKEN, catalogFiles: files, processingIntervalSeconds: 2 });
    await backend.waitForEntityCount(expected, 180_000);
  });

  after(async () => {
    await backend?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const client = (options: { token?: string; pageSize?: number } = {}): CatalogApiClient =>
    new CatalogApiClient(
      { name: 'it', baseUrl: backend.baseUrl },
      { token: options.token ?? TOKEN, pageSize: options.pageSize ?? 500, timeoutMs: 20_000, retries: 1 },
    );

  it(`syncs every entity (more than 1,200, over several pages), equal to the backend's own set`, async () => {
    const index = new CatalogIndex();
    const pages: number[] = [];
    const result = await new RegistrySync(index, client({ pageSize: 250 }), undefined).sync(undefined, (fetched) =>
      pages.push(fetched),
    );
    const served = await backendRefs(backend);
    assert.ok(served.length > 1200, `fixture too small: ${served.length}`);
    assert.deepEqual(registryRefs(index), served);
    assert.equal(result.entities, served.length);
    assert.ok(result.pages >= 5, `expected several pages, got ${result.pages}`);
    assert.deepEqual(
      pages,
      [...pages].sort((a, b) => a - b),
      'the index fills page by page',
    );
    const someComponent = index.byKind('component')[0];
    assert.ok(
      someComponent && index.relationsOf(someComponent.ref).outgoing.some((relation) => relation.type === 'ownedBy'),
      'relations are derived for remote entities',
    );
    // Entities are validated like workspace files: everything a real backend accepted passes.
    const invalid = index
      .entities()
      .filter((record) => !record.valid)
      .map((record) => record.ref);
    assert.deepEqual(invalid, [], 'a real Backstage backend serves only entities Greenroom also accepts');
  });

  it('is refused with 401 without a token and with a wrong one', async () => {
    for (const token of ['', 'not-the-token']) {
      const index = new CatalogIndex();
      const sync = new RegistrySync(
        index,
        new CatalogApiClient({ name: 'it', baseUrl: backend.baseUrl }, token ? { token, retries: 0 } : { retries: 0 }),
        undefined,
      );
      await assert.rejects(
        sync.sync(),
        (error: unknown) =>
          error instanceof RegistryError &&
          error.kind === 'unauthorized' &&
          error.status === 401 &&
          !error.message.includes(TOKEN),
      );
      assert.equal(index.size, 0);
    }
  });

  it('shows an edit made on the backend side after a refresh', async () => {
    const index = new CatalogIndex();
    const sync = new RegistrySync(index, client(), undefined);
    await sync.sync();
    const target = index.byKind('component').sort((a, b) => a.ref.localeCompare(b.ref))[0];
    assert.ok(target);
    const file = files.find((candidate) =>
      fs.readFileSync(candidate, 'utf8').includes(`name: ${target.entity.metadata.name}\n`),
    );
    assert.ok(file, `no fixture file holds ${target.ref}`);
    const marker = `edited on the backend ${Date.now()}`;
    const documents = parseAllDocuments(fs.readFileSync(file, 'utf8'));
    const document = documents.find(
      (candidate) => candidate.getIn(['metadata', 'name']) === target.entity.metadata.name,
    );
    assert.ok(document, `${target.ref} is not a document of ${file}`);
    document.setIn(['metadata', 'description'], marker);
    fs.writeFileSync(file, documents.map((candidate) => candidate.toString()).join('---\n'));
    await backend.refresh(target.ref);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await sync.sync();
      if (index.get(target.ref)?.entity.metadata.description === marker) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    assert.fail(
      `the edit of ${target.ref} did not appear; description is ${String(index.get(target.ref)?.entity.metadata.description)}`,
    );
  });

  it('the CLI merges the registry into `greenroom index --json`', async () => {
    const cli = path.resolve(__dirname, '..', '..', 'src', 'cli', 'main.js');
    const workspace = path.join(folder, 'workspace');
    fs.mkdirSync(workspace, { recursive: true });
    fs.writeFileSync(
      path.join(workspace, 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: local-only\nspec:\n  type: service\n  lifecycle: production\n  owner: team-0\n',
    );
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [cli, 'index', workspace, '--json', '--registry', backend.baseUrl],
      {
        env: { ...process.env, GREENROOM_TOKEN: TOKEN },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    assert.ok(!stdout.includes(TOKEN), 'the token must not be printed');
    const report = JSON.parse(stdout) as { entities: { ref: string; origin: string }[] };
    const origins = new Map(report.entities.map((entity) => [entity.ref, entity.origin]));
    assert.equal(origins.get('component:default/local-only'), 'workspace');
    const remote = report.entities.filter((entity) => entity.origin.startsWith('registry:'));
    assert.equal(remote.length, (await backendRefs(backend)).length);
  });

  it('when the backend stops mid-sync: a clear error, the cache intact, the previous entities still shown', async () => {
    const cacheFolder = path.join(folder, 'cache');
    const index = new CatalogIndex();
    const cache = new RegistryCache(cacheFolder, { name: 'it', baseUrl: backend.baseUrl });
    const first = await new RegistrySync(index, client(), cache).sync();
    const before = registryRefs(index);
    const cachedBefore = fs.readFileSync(cache.file, 'utf8');
    assert.equal(before.length, first.entities);

    // Pages of 5 (a delta lists versions in pages of 50): the backend stops while pages remain.
    const sync = new RegistrySync(index, client({ pageSize: 5 }), cache);
    // Replace what the first sync showed, as the extension does on its next refresh; the cache
    // is the baseline, so this sync is a delta.
    await sync.loadCache();
    let stopping: Promise<void> | undefined;
    await assert.rejects(
      sync.sync(undefined, (fetched) => {
        if (fetched >= 100 && !stopping) {
          stopping = backend.stop();
        }
      }),
      // A backend going down either refuses connections or, while it shuts down gracefully, answers 503.
      (error: unknown) =>
        error instanceof RegistryError &&
        ((error.kind === 'unreachable' && /cannot be reached/.test(error.message)) ||
          (error.kind === 'timeout' && /did not answer/.test(error.message)) ||
          (error.kind === 'server-error' && error.status === 503 && /internal error/.test(error.message))),
    );
    await stopping;
    assert.deepEqual(registryRefs(index), before, 'the catalog shows what the last good sync had');
    assert.equal(fs.readFileSync(cache.file, 'utf8'), cachedBefore, 'the cache is untouched');
    const reloaded = await new RegistryCache(cacheFolder, { name: 'it', baseUrl: backend.baseUrl }).load();
    assert.equal(reloaded.status, 'loaded');
  });
});
