import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { CatalogIndex } from '../../../src/catalog';
import { CatalogApiClient, type CatalogApiClientOptions } from '../../../src/registry/catalogApiClient';
import { planDelta, sameVersion } from '../../../src/registry/deltaPlan';
import { CACHE_FORMAT, RegistryCache } from '../../../src/registry/registryCache';
import { RegistryError } from '../../../src/registry/registryErrors';
import { RegistrySync } from '../../../src/registry/registrySync';
import {
  BY_REFS_PATH,
  component,
  components,
  fakeCatalog,
  recordingSleep,
  refOf,
  stamp,
  type FakeCatalogState,
} from './support/fakeCatalog';
import { LoopbackServers, type LoopbackServer } from './support/loopbackServer';

const NAME = 'acme';

/** Everything the index says about the registry's entities, in a form two indexes can be compared by. */
function snapshot(index: CatalogIndex): unknown[] {
  return index
    .entities()
    .map((record) => ({
      ref: record.ref,
      entity: record.entity,
      valid: record.valid,
      relations: record.relations,
      problems: index
        .allProblems()
        .filter((problem) => problem.entityRef === record.ref)
        .map((problem) => problem.message)
        .sort(),
    }))
    .sort((a, b) => a.ref.localeCompare(b.ref));
}

function changed(entity: Entity, etag: string, description: string): Entity {
  return { ...entity, metadata: { ...entity.metadata, etag, description } };
}

describe('planDelta', () => {
  const v = (
    etag: string | undefined,
    uid: string | undefined = 'u',
  ): { uid: string | undefined; etag: string | undefined } => ({ uid, etag });

  it('fetches new and changed refs, keeps the unchanged, lists the deleted', () => {
    const baseline = new Map([
      ['a', v('1')],
      ['b', v('1')],
      ['c', v('1')],
    ]);
    const plan = planDelta(baseline, [
      ['b', v('2')],
      ['a', v('1')],
      ['d', v('1')],
    ]);
    assert.deepEqual(plan, { order: ['b', 'a', 'd'], fetch: ['b', 'd'], deleted: ['c'] });
  });

  it('an unknown version is fetched: no etag on either side, or another uid (deleted and re-created)', () => {
    assert.equal(sameVersion(v(undefined), v(undefined)), false);
    assert.equal(sameVersion(v('1', 'u1'), v('1', 'u2')), false);
    assert.equal(sameVersion(v('1'), v('1')), true);
  });

  it('a ref listed twice counts once', () => {
    const plan = planDelta(new Map([['a', v('1')]]), [
      ['a', v('1')],
      ['a', v('2')],
    ]);
    assert.deepEqual(plan, { order: ['a'], fetch: [], deleted: [] });
  });
});

describe('RegistrySync delta against a loopback Backstage', function () {
  this.timeout(15_000);
  const servers = new LoopbackServers();
  let folder: string;
  let index: CatalogIndex;
  let state: FakeCatalogState;
  let server: LoopbackServer;
  let cache: RegistryCache;

  function newSync(
    into: CatalogIndex = index,
    options: CatalogApiClientOptions = {},
    withCache: RegistryCache | undefined = cache,
  ): RegistrySync {
    const client = new CatalogApiClient(
      { name: NAME, baseUrl: server.baseUrl },
      { pageSize: 4, retries: 0, timeoutMs: 2_000, sleep: recordingSleep().sleep, ...options },
    );
    return new RegistrySync(into, client, withCache);
  }

  /** A full sync of what the server holds now, into a fresh index, without a cache. */
  async function fullSyncSnapshot(): Promise<unknown[]> {
    const fresh = new CatalogIndex();
    const result = await newSync(fresh, {}, undefined).sync();
    assert.equal(result.mode, 'full');
    const shown = snapshot(fresh);
    fresh.dispose();
    return shown;
  }

  async function cachedEntities(): Promise<Entity[] | string> {
    const loaded = await new RegistryCache(folder, { name: NAME, baseUrl: server.baseUrl }).load();
    return loaded.status === 'loaded' ? loaded.snapshot.entities : loaded.status;
  }

  const requestsSince = (from: number): { path: string; fields: string | null; method: string }[] =>
    server.requests
      .slice(from)
      .map((request) => ({ path: request.path, fields: request.query.get('fields'), method: request.method }));

  beforeEach(async () => {
    folder = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'greenroom-registry-delta-')));
    index = new CatalogIndex();
    state = { entities: stamp(components(10)) };
    server = await servers.start(fakeCatalog(state));
    cache = new RegistryCache(folder, { name: NAME, baseUrl: server.baseUrl });
  });

  afterEach(async () => {
    await servers.closeAll();
    index.dispose();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('added, changed (etag) and deleted entities: lists versions only, fetches just those by ref, equals a full sync', async () => {
    const sync = newSync();
    assert.equal((await sync.sync()).mode, 'full');
    const [first, second, third] = state.entities as [Entity, Entity, Entity];
    state.entities = [
      changed(first, 'e2', 'edited on the backend'),
      ...state.entities.slice(3),
      ...stamp([component('newcomer', 'group:default/team-b')]),
      changed(third, 'e2', 'also edited'),
    ];
    const from = server.requests.length;
    const refsAsked: string[][] = [];
    const tamper = state.tamperByRefs;
    state.tamperByRefs = (items) => {
      assert.ok(
        items.every((item) => item && !('relations' in item)),
        'by-refs asks for the kept fields only',
      );
      refsAsked.push(items.map((item) => (item ? refOf(item) : 'null')));
      return tamper ? tamper(items) : items;
    };

    const result = await sync.sync();

    assert.equal(result.mode, 'delta');
    assert.equal(result.entities, 10);
    assert.equal(result.fetched, 3);
    assert.equal(result.deleted, 1);
    const requests = requestsSince(from);
    assert.ok(
      requests
        .filter((request) => request.method === 'GET')
        .every((request) => request.fields === 'kind,metadata.namespace,metadata.name,metadata.uid,metadata.etag'),
      JSON.stringify(requests),
    );
    assert.deepEqual(refsAsked, [
      ['component:default/svc-00000', 'component:default/newcomer', 'component:default/svc-00002'],
    ]);
    assert.equal(index.has(refOf(second)), false, 'the deleted entity left the index');
    assert.equal(index.get(refOf(first))?.entity.metadata.description, 'edited on the backend');
    assert.deepEqual(snapshot(index), await fullSyncSnapshot());
    assert.equal(sync.entityCount, 10);
    // The cache is what a full sync would write: the registry's order, fresh entities.
    const fullFolder = path.join(folder, 'full');
    const fullCache = new RegistryCache(fullFolder, { name: NAME, baseUrl: server.baseUrl });
    const other = new CatalogIndex();
    await newSync(other, {}, fullCache).sync();
    other.dispose();
    const fullLoaded = await fullCache.load();
    assert.deepEqual(
      await cachedEntities(),
      fullLoaded.status === 'loaded' ? fullLoaded.snapshot.entities : fullLoaded.status,
    );
  });

  it('nothing changed: no by-refs request and no change to the index', async () => {
    const sync = newSync();
    await sync.sync();
    const events: unknown[] = [];
    const listener = index.onDidChange((event) => events.push(event));
    const from = server.requests.length;

    const result = await sync.sync();

    listener.dispose();
    assert.equal(result.mode, 'delta');
    assert.equal(result.fetched, 0);
    assert.deepEqual(
      requestsSince(from).filter((request) => request.path === BY_REFS_PATH),
      [],
    );
    assert.deepEqual(events, []);
    assert.equal(index.size, 10);
  });

  it('re-created under a new uid with the same etag, or respelled in another case: fetched, equals a full sync', async () => {
    const sync = newSync();
    await sync.sync();
    const [first, second] = state.entities as [Entity, Entity];
    state.entities = [
      { ...first, metadata: { ...first.metadata, uid: 'uid-re-created', description: 're-created' } },
      {
        ...second,
        metadata: { ...second.metadata, name: second.metadata.name.toUpperCase(), etag: 'e2' },
      },
      ...state.entities.slice(2),
    ];
    const from = server.requests.length;

    const result = await sync.sync();

    assert.equal(result.mode, 'delta');
    assert.equal(result.fetched, 2);
    assert.equal(requestsSince(from).filter((request) => request.path === BY_REFS_PATH).length, 1);
    assert.deepEqual(snapshot(index), await fullSyncSnapshot());
    assert.equal(index.get(refOf(first))?.entity.metadata.uid, 'uid-re-created');
    assert.equal(index.get(refOf(second))?.entity.metadata.name, second.metadata.name.toUpperCase());
  });

  it('a cache from the last run is the baseline: the first sync after a restart is a delta', async () => {
    await newSync().sync();
    state.entities = [...state.entities.slice(1), ...stamp([component('later')])];
    const restarted = new CatalogIndex();
    const sync = newSync(restarted);
    assert.equal((await sync.loadCache()).status, 'loaded');

    const result = await sync.sync();

    assert.equal(result.mode, 'delta');
    assert.equal(result.fetched, 1);
    assert.deepEqual(snapshot(restarted), await fullSyncSnapshot());
    restarted.dispose();
  });

  it('a cache of the older format is discarded and the next sync is full', async () => {
    await newSync().sync();
    const written = JSON.parse(await fs.readFile(cache.file, 'utf8')) as Record<string, unknown>;
    assert.equal(written['format'], CACHE_FORMAT);
    await fs.writeFile(cache.file, JSON.stringify({ ...written, version: 1 }));
    const restarted = new CatalogIndex();
    const sync = newSync(restarted);

    const loaded = await sync.loadCache();

    assert.equal(loaded.status, 'discarded');
    assert.match(loaded.status === 'discarded' ? loaded.reason : '', /version 1/);
    const from = server.requests.length;
    const result = await sync.sync();
    assert.equal(result.mode, 'full');
    assert.ok(
      requestsSince(from).every((request) => request.fields === 'apiVersion,kind,metadata,spec'),
      'whole entities (what a sync keeps of them) are listed',
    );
    assert.deepEqual(snapshot(restarted), await fullSyncSnapshot());
    restarted.dispose();
  });

  it('a registry that serves no etags is synced in full every time', async () => {
    state.entities = components(6);
    const sync = newSync();
    await sync.sync();
    state.entities = components(5);
    const result = await sync.sync();
    assert.equal(result.mode, 'full');
    assert.equal(index.size, 5);
  });

  it('most entities changed: a full sync instead of thousands of by-refs', async () => {
    state.entities = stamp(components(250));
    const sync = newSync(index, { pageSize: 100 });
    await sync.sync();
    state.entities = stamp(components(250), 'e2');
    const from = server.requests.length;
    const result = await sync.sync();
    assert.equal(result.mode, 'full');
    assert.deepEqual(
      requestsSince(from).filter((request) => request.path === BY_REFS_PATH),
      [],
    );
  });

  it('an entity deleted between the listing and by-refs (null) is dropped', async () => {
    const sync = newSync();
    await sync.sync();
    state.entities = [changed(state.entities[0] as Entity, 'e2', 'x'), ...state.entities.slice(1)];
    state.tamperByRefs = (items) => items.map(() => null);
    const result = await sync.sync();
    assert.equal(result.mode, 'delta');
    assert.equal(result.deleted, 1);
    assert.equal(index.has('component:default/svc-00000'), false);
    assert.equal(index.size, 9);
    const cached = await cachedEntities();
    assert.ok(Array.isArray(cached) && cached.length === 9);
  });

  const hostile: { name: string; tamper: (items: (Entity | null)[]) => unknown }[] = [
    { name: 'another entity under the ref asked for', tamper: (items) => items.map(() => component('impostor')) },
    { name: 'fewer items than refs', tamper: () => [] },
    { name: 'items that are not entities', tamper: (items) => items.map(() => ({ kind: 7 })) },
    { name: 'no items array', tamper: () => 'nope' },
  ];
  for (const { name, tamper } of hostile) {
    it(`by-refs answers ${name}: refused, and a full sync gives the right set`, async () => {
      const sync = newSync();
      await sync.sync();
      state.entities = [changed(state.entities[0] as Entity, 'e2', 'edited'), ...state.entities.slice(1)];
      state.tamperByRefs = (items) => ({ items: tamper(items) }).items;
      const result = await sync.sync();
      assert.equal(result.mode, 'full');
      assert.equal(index.has('component:default/impostor'), false);
      assert.equal(index.get('component:default/svc-00000')?.entity.metadata.description, 'edited');
      assert.equal(index.size, 10);
    });
  }

  it('a backend without by-refs (404): a full sync instead', async () => {
    const sync = newSync();
    await sync.sync();
    state.entities = [...state.entities.slice(2), ...stamp([component('fresh')])];
    state.noByRefs = true;
    const result = await sync.sync();
    assert.equal(result.mode, 'full');
    assert.deepEqual(snapshot(index), await fullSyncSnapshot());
  });

  it('a delta that fails (server error, cancelled) leaves the index and the cache as they were', async () => {
    const sync = newSync();
    await sync.sync();
    const before = snapshot(index);
    const cachedBefore = await cachedEntities();
    state.entities = [changed(state.entities[0] as Entity, 'e2', 'edited'), ...state.entities.slice(1)];
    state.failFromPage = 0; // the listing of versions (one page of up to 40) answers 500
    const error = await sync.sync().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    assert.ok(error instanceof RegistryError && error.kind === 'server-error', String(error));
    assert.deepEqual(snapshot(index), before);
    assert.deepEqual(await cachedEntities(), cachedBefore);

    state.failFromPage = undefined;
    const controller = new AbortController();
    const cancelled = sync.sync(controller.signal, () => controller.abort());
    await assert.rejects(
      cancelled,
      (failure: unknown) => failure instanceof RegistryError && failure.kind === 'cancelled',
    );
    assert.deepEqual(snapshot(index), before);
  });

  describe('by-refs while the listing goes on', function () {
    this.timeout(40_000);
    /** 1,000 entities, listed in ten pages of 100; every fourth one edited on the backend (250). */
    async function editedQuarter(): Promise<RegistrySync> {
      state.entities = stamp(components(1000));
      const sync = newSync(index, { pageSize: 10 });
      assert.equal((await sync.sync()).mode, 'full');
      state.entities = state.entities.map((entity, position) =>
        position % 4 === 0 ? changed(entity, 'e2', `edited ${position}`) : entity,
      );
      return sync;
    }

    it('asks for a batch before the listing ends, and equals a full sync', async () => {
      const sync = await editedQuarter();
      const from = server.requests.length;
      const result = await sync.sync();
      assert.equal(result.mode, 'delta');
      assert.equal(result.fetched, 250);
      const requests = requestsSince(from);
      const firstByRefs = requests.findIndex((request) => request.path === BY_REFS_PATH);
      const lastListing = requests.map((request) => request.method).lastIndexOf('GET');
      assert.ok(firstByRefs >= 0 && firstByRefs < lastListing, JSON.stringify(requests.map((r) => r.method)));
      assert.equal(requests.filter((request) => request.path === BY_REFS_PATH).length, 2);
      assert.equal(index.get('component:default/svc-00004')?.entity.metadata.description, 'edited 4');
      assert.deepEqual(snapshot(index), await fullSyncSnapshot());
    });

    it('a batch asked ahead that is refused gives a full sync with the right set', async () => {
      const sync = await editedQuarter();
      state.tamperByRefs = () => [];
      const result = await sync.sync();
      assert.equal(result.mode, 'full');
      assert.equal(index.get('component:default/svc-00996')?.entity.metadata.description, 'edited 996');
      assert.equal(index.size, 1000);
    });

    it('a listing that fails after a batch was asked leaves the index and the cache as they were', async () => {
      const sync = await editedQuarter();
      const before = snapshot(index);
      const cachedBefore = await cachedEntities();
      state.failFromPage = 9; // the last page of versions
      const from = server.requests.length;
      await assert.rejects(
        sync.sync(),
        (failure: unknown) => failure instanceof RegistryError && failure.kind === 'server-error',
      );
      assert.ok(requestsSince(from).some((request) => request.path === BY_REFS_PATH));
      assert.deepEqual(snapshot(index), before);
      assert.deepEqual(await cachedEntities(), cachedBefore);
    });
  });

  it('the entity cap holds for the listing of versions too', async () => {
    const sync = newSync(index, { maxEntities: 12 });
    await sync.sync();
    state.entities = stamp(components(20));
    await assert.rejects(
      sync.sync(),
      (error: unknown) => error instanceof RegistryError && error.kind === 'limit-exceeded',
    );
    assert.equal(index.size, 10);
  });
});
