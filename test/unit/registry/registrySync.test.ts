import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CatalogIndex, parseCatalogFile, type CatalogProblem } from '../../../src/catalog';
import { CatalogApiClient, type CatalogApiClientOptions } from '../../../src/registry/catalogApiClient';
import { CACHE_FORMAT, CACHE_VERSION, RegistryCache } from '../../../src/registry/registryCache';
import { RegistryError } from '../../../src/registry/registryErrors';
import { isRegistryKey, registryOfKey } from '../../../src/registry/registryRecords';
import { RegistrySync } from '../../../src/registry/registrySync';
import {
  component,
  components,
  fakeCatalog,
  recordingSleep,
  sortedRefsOf,
  type FakeCatalogState,
} from './support/fakeCatalog';
import { LoopbackServers, type LoopbackServer } from './support/loopbackServer';

const NAME = 'acme';

function registryKeys(index: CatalogIndex): string[] {
  return index.indexedFiles().filter(isRegistryKey);
}

function sortedIndexRefs(index: CatalogIndex): string[] {
  return [...index.refs()].sort();
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('expected the promise to reject'),
    (error: unknown) => error,
  );
}

function duplicateProblems(problems: readonly CatalogProblem[]): CatalogProblem[] {
  return problems.filter((problem) => problem.code === 'duplicate-entity');
}

function componentYaml(name: string, owner = 'group:default/team-a'): string {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  type: service',
    '  lifecycle: production',
    `  owner: ${owner}`,
    '',
  ].join('\n');
}

describe('RegistrySync with a real CatalogIndex and a loopback Backstage', function () {
  this.timeout(15_000);
  const servers = new LoopbackServers();
  let folder: string;
  let index: CatalogIndex;
  let state: FakeCatalogState;
  let server: LoopbackServer;
  let cache: RegistryCache;
  let waits: ReturnType<typeof recordingSleep>;

  function newSync(options: CatalogApiClientOptions = {}): RegistrySync {
    const client = new CatalogApiClient(
      { name: NAME, baseUrl: server.baseUrl },
      { pageSize: 3, retries: 1, timeoutMs: 2_000, sleep: waits.sleep, ...options },
    );
    return new RegistrySync(index, client, cache);
  }

  async function cachedRefs(): Promise<string[] | string> {
    const loaded = await new RegistryCache(folder, { name: NAME, baseUrl: server.baseUrl }).load();
    return loaded.status === 'loaded' ? sortedRefsOf(loaded.snapshot.entities) : loaded.status;
  }

  beforeEach(async () => {
    folder = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'greenroom-registry-sync-')));
    index = new CatalogIndex();
    state = { entities: components(7) };
    server = await servers.start(fakeCatalog(state));
    cache = new RegistryCache(folder, { name: NAME, baseUrl: server.baseUrl });
    waits = recordingSleep();
  });

  afterEach(async () => {
    await servers.closeAll();
    index.dispose();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('a full sync puts every entity in the index, one record set per page, and saves the cache', async () => {
    const sync = newSync();
    const progress: [number, number | undefined][] = [];

    const result = await sync.sync(undefined, (fetched, total) => progress.push([fetched, total]));

    assert.equal(result.entities, 7);
    assert.equal(result.pages, 3);
    assert.equal(sync.entityCount, 7);
    assert.deepEqual(sortedIndexRefs(index), sortedRefsOf(state.entities));
    assert.deepEqual(progress, [
      [3, 7],
      [6, 7],
      [7, 7],
    ]);
    const keys = registryKeys(index);
    assert.equal(keys.length, 3);
    assert.deepEqual(
      keys.map((key) => index.byFile(key).map((record) => record.entity.metadata.name)),
      [['svc-00000', 'svc-00001', 'svc-00002'], ['svc-00003', 'svc-00004', 'svc-00005'], ['svc-00006']],
    );
    for (const key of keys) {
      assert.equal(registryOfKey(key), NAME);
      for (const record of index.byFile(key)) {
        assert.deepEqual(record.origin, { type: 'registry', registry: NAME });
        assert.equal(record.file, key);
        assert.equal(record.valid, true);
      }
    }
    const owned = index.byOwner('group:default/team-a').map((record) => record.ref);
    assert.equal(owned.length, 7, 'relations and owners are derived for registry entities');
    assert.deepEqual(await cachedRefs(), sortedRefsOf(state.entities));
    assert.ok(sync.lastSyncedAt);
  });

  it('keeps the descriptor, not the server-side relations and status, in the index and the cache', async () => {
    const served = component('with-extras');
    state.entities = [
      {
        ...served,
        relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
        status: {
          items: [
            {
              type: 'backstage.io/catalog-processing',
              level: 'error',
              message: 'boom',
              error: { name: 'Error', message: 'boom' },
            },
          ],
        },
      } as typeof served,
    ];
    await newSync().sync();

    const record = index.get('component:default/with-extras');
    assert.deepEqual(record?.entity, served, 'exactly the descriptor: apiVersion, kind, metadata, spec');
    assert.deepEqual(record?.relations, [
      { source: 'component:default/with-extras', type: 'ownedBy', target: 'group:default/team-a' },
      { source: 'group:default/team-a', type: 'ownerOf', target: 'component:default/with-extras' },
    ]);
    const loaded = await new RegistryCache(folder, { name: NAME, baseUrl: server.baseUrl }).load();
    assert.equal(loaded.status, 'loaded');
    assert.deepEqual(loaded.status === 'loaded' ? loaded.snapshot.entities : [], [served]);
  });

  it('a second sync replaces the set: entities gone from the server leave the index', async () => {
    const sync = newSync();
    await sync.sync();
    const firstKeys = registryKeys(index);

    state.entities = [...components(2), component('newcomer')];
    const result = await sync.sync();

    assert.equal(result.entities, 3);
    assert.deepEqual(sortedIndexRefs(index), sortedRefsOf(state.entities));
    assert.equal(index.has('component:default/svc-00006'), false);
    assert.equal(sync.entityCount, 3);
    assert.equal(registryKeys(index).length, 1);
    assert.ok(
      registryKeys(index).every((key) => !firstKeys.includes(key)),
      'the old generation is gone',
    );
    assert.deepEqual(await cachedRefs(), sortedRefsOf(state.entities));
  });

  it('a sync to an empty registry empties it', async () => {
    const sync = newSync();
    await sync.sync();
    state.entities = [];
    await sync.sync();
    assert.equal(index.size, 0);
    assert.equal(sync.entityCount, 0);
    assert.deepEqual(await cachedRefs(), []);
  });

  for (const failure of ['status-500', 'close'] as const) {
    it(`the registry stopped mid-sync (${failure === 'close' ? 'connection closed mid-body' : '500 forever'}): throws, and the index and the cache keep the previous sync`, async () => {
      const sync = newSync();
      await sync.sync();
      const previousRefs = sortedIndexRefs(index);
      const previousKeys = registryKeys(index);
      assert.equal(previousRefs.length, 7);

      state.entities = [...components(3, 'next'), ...components(4)];
      state.failFromPage = 1;
      state.failure = failure;
      const requestsBefore = server.requests.length;
      const error = await rejection(sync.sync());

      assert.ok(error instanceof RegistryError);
      assert.equal(error.kind, failure === 'close' ? 'unreachable' : 'server-error');
      assert.equal(server.requests.length - requestsBefore, 3, 'page 1, then page 2 and its one retry');
      assert.deepEqual(sortedIndexRefs(index), previousRefs);
      assert.deepEqual(registryKeys(index), previousKeys, 'no staged page is left behind');
      assert.equal(index.has('component:default/next-00000'), false);
      assert.equal(sync.entityCount, 7);
      assert.deepEqual(await cachedRefs(), previousRefs);

      state.failFromPage = undefined;
      await sync.sync();
      assert.deepEqual(sortedIndexRefs(index), sortedRefsOf(state.entities), 'the next good sync goes through');
    });
  }

  it('a first sync that fails leaves nothing behind and saves no cache', async () => {
    state.failFromPage = 1;
    const sync = newSync();
    await rejection(sync.sync());
    assert.equal(index.size, 0);
    assert.deepEqual(index.indexedFiles(), []);
    assert.equal(sync.entityCount, 0);
    assert.equal(await cachedRefs(), 'missing');
  });

  it('loadCache shows the cached entities before any network, and the next sync replaces them', async () => {
    const cached = components(4, 'cached');
    await cache.save({ syncedAt: '2026-03-04T05:06:07.000Z', entities: cached });
    const sync = newSync();

    const loaded = await sync.loadCache();

    assert.equal(loaded.status, 'loaded');
    assert.equal(server.requests.length, 0, 'no request before sync()');
    assert.deepEqual(sortedIndexRefs(index), sortedRefsOf(cached));
    assert.equal(sync.entityCount, 4);
    assert.equal(sync.lastSyncedAt, '2026-03-04T05:06:07.000Z');
    assert.ok(index.entities().every((record) => record.origin.type === 'registry'));

    await sync.sync();
    assert.deepEqual(sortedIndexRefs(index), sortedRefsOf(state.entities));
    assert.equal(sync.entityCount, 7);
  });

  it('loadCache does not replace entities a sync already put in the index', async () => {
    await cache.save({ syncedAt: 'old', entities: components(2, 'stale') });
    const sync = newSync();
    await sync.sync();
    await cache.save({ syncedAt: 'old', entities: components(2, 'stale') });
    await sync.loadCache();
    assert.deepEqual(sortedIndexRefs(index), sortedRefsOf(state.entities));
  });

  it('loadCache with a cache of non-entities discards it instead of throwing', async () => {
    await fs.writeFile(
      cache.file,
      JSON.stringify({
        format: CACHE_FORMAT,
        version: CACHE_VERSION,
        registry: { name: NAME, baseUrl: server.baseUrl },
        syncedAt: 'x',
        entities: [{ kind: 'Component' }, 7],
      }),
    );
    const sync = newSync();
    const loaded = await sync.loadCache();
    assert.equal(loaded.status, 'discarded');
    assert.equal(index.size, 0);
    assert.equal(sync.entityCount, 0);
  });

  it('cancellation mid-request leaves the previous state', async () => {
    const sync = newSync({ retries: 2, timeoutMs: 5_000 });
    await sync.sync();
    const previousRefs = sortedIndexRefs(index);
    const previousKeys = registryKeys(index);

    state.entities = components(9, 'other');
    const controller = new AbortController();
    state.hangFromPage = 1;
    state.onHang = () => setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    const error = await rejection(sync.sync(controller.signal));

    assert.ok(error instanceof RegistryError);
    assert.equal(error.kind, 'cancelled');
    assert.ok(Date.now() - started < 3_000);
    assert.deepEqual(sortedIndexRefs(index), previousRefs);
    assert.deepEqual(registryKeys(index), previousKeys, 'no staged page is left behind');
    assert.equal(index.has('component:default/other-00000'), false);
    assert.equal(sync.entityCount, 7);
    assert.deepEqual(await cachedRefs(), previousRefs);
  });

  it('cancellation between pages leaves the previous state', async () => {
    const sync = newSync();
    await sync.sync();
    const previousRefs = sortedIndexRefs(index);

    state.entities = components(9, 'other');
    const controller = new AbortController();
    const error = await rejection(sync.sync(controller.signal, () => controller.abort()));
    assert.ok(error instanceof RegistryError);
    assert.equal(error.kind, 'cancelled');
    assert.deepEqual(sortedIndexRefs(index), previousRefs);
    assert.equal(sync.entityCount, 7);
    assert.deepEqual(await cachedRefs(), previousRefs);
  });

  it('odd but nameable entities from the server are indexed without breaking the sync', async () => {
    const odd: unknown[] = [
      { kind: 'Component', metadata: { name: 'spec-string' }, spec: 'not an object' },
      {
        kind: 'Component',
        metadata: { name: 'owner-number', namespace: null },
        spec: { owner: 5, dependsOn: 'component:x', providesApis: [1, null, {}], system: ['a'] },
      },
      {
        kind: 'Group',
        metadata: { name: 'odd-group' },
        spec: { children: 'nope', members: [{}], parent: 9 },
        relations: 'x',
      },
      { kind: 'API', metadata: { name: 'no-spec' } },
    ];
    state.entities = [...components(2), ...(odd as typeof state.entities)];
    const sync = newSync();
    const result = await sync.sync();
    assert.equal(result.entities, 6);
    assert.equal(index.size, 6);
    assert.ok(index.has('component:default/owner-number'));
    assert.doesNotThrow(() => index.allProblems());
  });

  it('a second sync() while one runs joins it', async () => {
    const sync = newSync();
    const [first, second] = await Promise.all([sync.sync(), sync.sync()]);
    assert.deepEqual(first, second);
    assert.equal(server.requests.length, 3);
  });

  it('remove() takes the registry out of the index', async () => {
    const sync = newSync();
    await sync.sync();
    sync.remove();
    assert.equal(index.size, 0);
    assert.equal(sync.entityCount, 0);
  });

  describe('merge with workspace files', () => {
    const SHARED = 'component:default/svc-00001';
    const WORKSPACE_FILE = '/ws/services/catalog-info.yaml';
    const OTHER_WORKSPACE_FILE = '/ws/copy/catalog-info.yaml';

    async function upsertWorkspace(file: string, name = 'svc-00001'): Promise<void> {
      index.upsertFile(
        await parseCatalogFile(file, componentYaml(name, 'group:default/team-ws'), {
          type: 'workspace',
          folder: '/ws',
        }),
      );
    }

    function assertWorkspaceWins(): void {
      assert.equal(index.get(SHARED)?.origin.type, 'workspace');
      assert.equal(index.get(SHARED)?.file, WORKSPACE_FILE);
      assert.deepEqual(
        index
          .getAll(SHARED)
          .map((record) => record.origin.type)
          .sort(),
        ['registry', 'workspace'],
      );
      assert.deepEqual(
        index
          .entities()
          .filter((record) => record.ref === SHARED)
          .map((record) => record.origin.type),
        ['workspace'],
      );
      assert.deepEqual(duplicateProblems(index.problemsOf(WORKSPACE_FILE)), []);
      assert.deepEqual(
        duplicateProblems(index.allProblems()),
        [],
        'a workspace file beside a registry copy is the expected merge',
      );
      assert.ok(index.byOwner('group:default/team-ws').some((record) => record.ref === SHARED));
    }

    it('the workspace record wins when the workspace file came first', async () => {
      await upsertWorkspace(WORKSPACE_FILE);
      await newSync().sync();
      assertWorkspaceWins();
    });

    it('the workspace record wins when the registry came first', async () => {
      await newSync().sync();
      await upsertWorkspace(WORKSPACE_FILE);
      assertWorkspaceWins();
    });

    it('the workspace record still wins after a re-sync and after the workspace file is edited', async () => {
      const sync = newSync();
      await upsertWorkspace(WORKSPACE_FILE);
      await sync.sync();
      await sync.sync();
      assertWorkspaceWins();
      await upsertWorkspace(WORKSPACE_FILE);
      assertWorkspaceWins();
    });

    it('the registry record shows again when the workspace file goes away', async () => {
      await upsertWorkspace(WORKSPACE_FILE);
      await newSync().sync();
      index.removeFile(WORKSPACE_FILE);
      assert.equal(index.get(SHARED)?.origin.type, 'registry');
      assert.equal(index.getAll(SHARED).length, 1);
    });

    it('two workspace files with the same ref are still duplicates', async () => {
      await newSync().sync();
      await upsertWorkspace(WORKSPACE_FILE);
      await upsertWorkspace(OTHER_WORKSPACE_FILE);
      assert.equal(duplicateProblems(index.problemsOf(WORKSPACE_FILE)).length, 1);
      assert.equal(duplicateProblems(index.problemsOf(OTHER_WORKSPACE_FILE)).length, 1);
      const message = duplicateProblems(index.problemsOf(WORKSPACE_FILE))[0]?.message ?? '';
      assert.match(message, /copy\/catalog-info\.yaml/);
      assert.doesNotMatch(message, /greenroom-registry:/, 'the registry copy is not named as a duplicate');
      for (const key of registryKeys(index)) {
        assert.deepEqual(duplicateProblems(index.problemsOf(key)), []);
      }
      assert.equal(index.get(SHARED)?.file, WORKSPACE_FILE, 'the first workspace file wins');
    });
  });
});
