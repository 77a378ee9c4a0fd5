// Delta sync against a real Backstage catalog backend: entities added, changed and deleted on the
// backend between syncs; the result must equal a full sync of the same backend.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CatalogIndex } from '../../src/catalog';
import { CatalogApiClient } from '../../src/registry/catalogApiClient';
import { RegistryCache } from '../../src/registry/registryCache';
import { RegistrySync } from '../../src/registry/registrySync';
import { httpRequest, startBackstage, type RunningBackstage } from '../backstage/backstageServer';
import { fixtureEntityCount, writeFixtureCatalog } from '../backstage/fixtureCatalog';

const TOKEN = 'greenroom-delta-token-8e21d4';
const COMPONENTS = 40;
const AUTH = { Authorization: `Bearer ${TOKEN}` };

interface Served {
  readonly kind: string;
  readonly metadata: {
    readonly namespace?: string;
    readonly name: string;
    readonly uid: string;
    readonly etag: string;
    readonly description?: string;
  };
}

/** The backend's entities by ref, fetched the plain way (no Greenroom code involved). */
async function served(backend: RunningBackstage): Promise<Map<string, Served>> {
  const answer = await httpRequest(
    'GET',
    `${backend.baseUrl}/api/catalog/entities/by-query?limit=1000&orderField=metadata.name,asc`,
    AUTH,
  );
  assert.equal(answer.status, 200, answer.body.slice(0, 200));
  const page = JSON.parse(answer.body) as { items: Served[]; pageInfo: { nextCursor?: string } };
  assert.equal(page.pageInfo.nextCursor, undefined, 'the fixture fits one page');
  return new Map(
    page.items.map((item) => [
      `${item.kind}:${item.metadata.namespace ?? 'default'}/${item.metadata.name}`.toLowerCase(),
      item,
    ]),
  );
}

/** What the index shows of the registry, comparable between two indexes. */
function snapshot(index: CatalogIndex): unknown[] {
  return index
    .entities()
    .filter((record) => record.origin.type === 'registry')
    .map((record) => ({ ref: record.ref, entity: record.entity, valid: record.valid, relations: record.relations }))
    .sort((a, b) => a.ref.localeCompare(b.ref));
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.fail(`timed out waiting until ${what}`);
}

describe('Registry delta sync against a real Backstage backend', function () {
  this.timeout(300_000);
  let folder: string;
  let componentFile: string;
  let backend: RunningBackstage;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-delta-it-'));
    const files = writeFixtureCatalog(path.join(folder, 'catalog'), COMPONENTS);
    componentFile = files.find((file) => path.basename(file).startsWith('components-')) as string;
    backend = await startBackstage({ token: TOKEN, catalogFiles: files, processingIntervalSeconds: 1 });
    await backend.waitForEntityCount(fixtureEntityCount(COMPONENTS), 180_000);
  });

  after(async () => {
    await backend?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const client = (): CatalogApiClient =>
    new CatalogApiClient(
      { name: 'delta-it', baseUrl: backend.baseUrl },
      { token: TOKEN, pageSize: 25, timeoutMs: 20_000, retries: 1 },
    );

  async function fullSnapshot(): Promise<unknown[]> {
    const fresh = new CatalogIndex();
    const result = await new RegistrySync(fresh, client(), undefined).sync();
    assert.equal(result.mode, 'full');
    const shown = snapshot(fresh);
    fresh.dispose();
    return shown;
  }

  it('added, changed (etag) and deleted on the backend: a delta fetches only those and equals a full sync; a restart deltas from the cache; an old cache gives a full sync', async () => {
    const cacheFolder = path.join(folder, 'cache');
    const index = new CatalogIndex();
    const sync = new RegistrySync(
      index,
      client(),
      new RegistryCache(cacheFolder, { name: 'delta-it', baseUrl: backend.baseUrl }),
    );
    const first = await sync.sync();
    assert.equal(first.mode, 'full');
    const before = await served(backend);
    assert.equal(first.entities, before.size);
    assert.deepEqual(snapshot(index), await fullSnapshot());

    // On the backend: edit one component, add one, delete one (from its file, then by uid, as an
    // admin unregisters an orphan).
    const documents = parseAllDocuments(fs.readFileSync(componentFile, 'utf8'));
    const names = documents.map((document) => String(document.getIn(['metadata', 'name'])));
    const [editedName, deletedName] = names as [string, string];
    const marker = `edited on the backend ${Date.now()}`;
    documents[0]?.setIn(['metadata', 'description'], marker);
    const added = documents[2]?.clone();
    added?.setIn(['metadata', 'name'], 'delta-newcomer');
    const kept = documents.filter((document) => document.getIn(['metadata', 'name']) !== deletedName);
    fs.writeFileSync(componentFile, [...kept, added].map((document) => String(document)).join('---\n'));
    await backend.refresh(`component:default/${editedName}`);
    await until('the backend shows the edit and the new component', async () => {
      const now = await served(backend);
      return (
        now.get(`component:default/${editedName}`)?.metadata.description === marker &&
        now.has('component:default/delta-newcomer')
      );
    });
    const orphan = (await served(backend)).get(`component:default/${deletedName}`);
    if (orphan) {
      const removed = await httpRequest(
        'DELETE',
        `${backend.baseUrl}/api/catalog/entities/by-uid/${encodeURIComponent(orphan.metadata.uid)}`,
        AUTH,
      );
      assert.ok(
        removed.status === 204 || removed.status === 200,
        `DELETE by uid: HTTP ${removed.status} ${removed.body.slice(0, 200)}`,
      );
    }
    await until(
      'the deleted component is gone',
      async () => !(await served(backend)).has(`component:default/${deletedName}`),
    );
    // Let processing settle: etags stop moving once relations are rebuilt.
    let settled = await served(backend);
    await until('the backend is stable', async () => {
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const now = await served(backend);
      const same =
        now.size === settled.size &&
        [...now].every(([ref, entity]) => settled.get(ref)?.metadata.etag === entity.metadata.etag);
      settled = now;
      return same;
    });
    const changedOnBackend = [...settled]
      .filter(([ref, entity]) => before.get(ref)?.metadata.etag !== entity.metadata.etag)
      .map(([ref]) => ref);

    const delta = await sync.sync();

    assert.equal(delta.mode, 'delta');
    assert.equal(delta.deleted, 1);
    assert.equal(
      delta.fetched,
      changedOnBackend.length,
      `fetched exactly the new and changed: ${changedOnBackend.join(', ')}`,
    );
    assert.ok(delta.fetched >= 2 && delta.fetched < settled.size / 2, `fetched ${delta.fetched} of ${settled.size}`);
    assert.equal(index.get(`component:default/${editedName}`)?.entity.metadata.description, marker);
    assert.ok(index.has('component:default/delta-newcomer'));
    assert.equal(index.has(`component:default/${deletedName}`), false);
    assert.deepEqual(snapshot(index), await fullSnapshot(), 'the delta equals a full sync');

    // A restart: the cache is the baseline, nothing changed, nothing fetched.
    const restarted = new CatalogIndex();
    const cache = new RegistryCache(cacheFolder, { name: 'delta-it', baseUrl: backend.baseUrl });
    const again = new RegistrySync(restarted, client(), cache);
    assert.equal((await again.loadCache()).status, 'loaded');
    const resumed = await again.sync();
    assert.equal(resumed.mode, 'delta');
    assert.equal(resumed.fetched, 0);
    assert.deepEqual(snapshot(restarted), snapshot(index));

    // A cache of the older format: discarded, and the next sync is full and equal.
    const written = JSON.parse(fs.readFileSync(cache.file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(cache.file, JSON.stringify({ ...written, version: 1 }));
    const upgraded = new CatalogIndex();
    const afterUpgrade = new RegistrySync(
      upgraded,
      client(),
      new RegistryCache(cacheFolder, { name: 'delta-it', baseUrl: backend.baseUrl }),
    );
    assert.equal((await afterUpgrade.loadCache()).status, 'discarded');
    const full = await afterUpgrade.sync();
    assert.equal(full.mode, 'full');
    assert.deepEqual(snapshot(upgraded), snapshot(index));
    for (const open of [index, restarted, upgraded]) {
      open.dispose();
    }
  });
});
