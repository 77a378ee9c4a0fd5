import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CatalogIndex } from '../../../src/catalog';
import { buildIndexReport } from '../../../src/cli/catalogReport';
import { runCli } from '../support/runCli';
import {
  CatalogApiClient,
  DEFAULT_MAX_ENTITIES,
  DEFAULT_MAX_PAGES,
  MAX_CURSOR_LENGTH,
  type CatalogApiClientOptions,
} from '../../../src/registry/catalogApiClient';
import { RegistryCache } from '../../../src/registry/registryCache';
import { RegistryError } from '../../../src/registry/registryErrors';
import { isRegistryKey } from '../../../src/registry/registryRecords';
import { RegistrySync } from '../../../src/registry/registrySync';
import { BY_QUERY_PATH, component, components, fakeCatalog, sortedRefsOf } from './support/fakeCatalog';
import { LoopbackServers, sendJson, type LoopbackHandler, type LoopbackServer } from './support/loopbackServer';

const NAME = 'acme';

/** What the registry does after its first, honest answers. */
interface EndlessState {
  /** Serve a normal catalog of these entities (for the first sync). */
  honest?: ReturnType<typeof components> | undefined;
  /** Entities per endless page. */
  perPage: number;
  /** A description this long on every endless entity, to make memory growth visible. */
  padding: number;
  /** The cursor every endless page hands out; undefined hands out a fresh one each time. */
  fixedCursor?: string | undefined;
  /** Makes every cursor this long. */
  cursorLength?: number | undefined;
}

/** A registry that, once `honest` is cleared, returns full pages with fresh cursors forever. */
function endlessCatalog(state: EndlessState): LoopbackHandler {
  let served = 0;
  return (request, response) => {
    if (state.honest) {
      void fakeCatalog({ entities: state.honest })(request, response, 0);
      return;
    }
    const url = new URL(request.url ?? '/', 'http://loopback');
    if (url.pathname !== BY_QUERY_PATH) {
      sendJson(response, 404, {});
      return;
    }
    const items = Array.from({ length: state.perPage }, () => {
      const entity = component(`endless-${served++}`);
      return { ...entity, metadata: { ...entity.metadata, description: 'x'.repeat(state.padding) } };
    });
    const fresh = `n${served}`;
    const cursor = state.fixedCursor ?? (state.cursorLength ? fresh.padEnd(state.cursorLength, '=') : fresh);
    sendJson(response, 200, { items, totalItems: 1_000_000_000, pageInfo: { nextCursor: cursor } });
  };
}

async function failure(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => assert.fail('expected the sync to fail'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof RegistryError, String(error));
  return error;
}

describe('registry limits: endless and looping registries', function () {
  this.timeout(60_000);
  const servers = new LoopbackServers();
  let folder: string;
  let index: CatalogIndex;
  let server: LoopbackServer;
  let state: EndlessState;
  let cache: RegistryCache;

  function newSync(options: CatalogApiClientOptions): RegistrySync {
    return new RegistrySync(
      index,
      new CatalogApiClient({ name: NAME, baseUrl: server.baseUrl }, { retries: 0, timeoutMs: 5_000, ...options }),
      cache,
    );
  }

  beforeEach(async () => {
    folder = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'greenroom-registry-limits-')));
    index = new CatalogIndex();
    state = { honest: components(5), perPage: 100, padding: 0 };
    server = await servers.start(endlessCatalog(state));
    cache = new RegistryCache(folder, { name: NAME, baseUrl: server.baseUrl });
  });

  afterEach(async () => {
    await servers.closeAll();
    index.dispose();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('has generous defaults: 500,000 entities, and pages for them at 50 a page', () => {
    assert.equal(DEFAULT_MAX_ENTITIES, 500_000);
    assert.ok(DEFAULT_MAX_PAGES * 50 >= DEFAULT_MAX_ENTITIES);
  });

  it('stops at the entity cap with a clear error, keeping the last good sync in the index and the cache', async () => {
    const sync = newSync({ pageSize: 100, maxEntities: 2_000 });
    await sync.sync();
    const before = sortedRefsOf(components(5));
    assert.deepEqual([...index.refs()].sort(), before);
    const cachedBefore = await fs.readFile(cache.file, 'utf8');
    state.honest = undefined;

    const error = await failure(sync.sync());

    assert.equal(error.kind, 'limit-exceeded');
    assert.match(error.message, /more than 2000 entities \(greenroom\.registryMaxEntities\)/);
    assert.match(error.message, /kept the entities of the last complete sync/);
    assert.deepEqual(
      [...index.refs()].sort(),
      before,
      'the index holds the last good sync, nothing of the endless one',
    );
    assert.equal(index.indexedFiles().filter(isRegistryKey).length, 1);
    assert.equal(await fs.readFile(cache.file, 'utf8'), cachedBefore, 'the cache is untouched');
    assert.ok(server.requests.length <= 2_000 / 100 + 3, `${server.requests.length} requests`);
  });

  it('stops at the page cap when pages are small', async () => {
    state.honest = undefined;
    state.perPage = 1;
    const error = await failure(newSync({ pageSize: 100, maxPages: 40 }).sync());
    assert.equal(error.kind, 'limit-exceeded');
    assert.match(error.message, /more than 40 pages \(greenroom\.registryMaxPages\)/);
    assert.equal(server.requests.length, 40, 'no page past the cap is requested, not even ahead');
    assert.equal(index.size, 0);
  });

  it('detects a repeated cursor as a loop at once: two requests', async () => {
    state.honest = undefined;
    state.fixedCursor = 'again';
    const error = await failure(newSync({ pageSize: 100 }).sync());
    assert.equal(error.kind, 'pagination-loop');
    assert.equal(server.requests.length, 2);
  });

  it('refuses a cursor longer than a URL can carry, without requesting it', async () => {
    state.honest = undefined;
    state.cursorLength = MAX_CURSOR_LENGTH + 1;
    const error = await failure(newSync({ pageSize: 100 }).sync());
    assert.equal(error.kind, 'bad-response');
    assert.match(error.message, /page cursor of \d+ characters/);
    assert.equal(server.requests.length, 1);
  });

  it('the CLI report (index --registry) fails with the same clear error instead of running on', async () => {
    state.honest = undefined;
    const error = await failure(buildIndexReport(folder, { registryUrl: server.baseUrl, maxEntities: 1_000 }));
    assert.equal(error.kind, 'limit-exceeded');
    assert.match(error.message, /more than 1000 entities/);
  });

  it('greenroom index --registry-max-pages stops an endless registry: exit 1 and the reason, no stack trace', async () => {
    state.honest = undefined;
    const before = server.requests.length;
    const run = await runCli('index', folder, '--json', '--registry', server.baseUrl, '--registry-max-pages', '3');
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /^greenroom: registry failed: .*more than 3 pages/m);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'a stack trace is for Greenroom bugs, not for registries');
    assert.equal(run.stdout, '');
    assert.ok(
      server.requests.length - before <= 4,
      `${server.requests.length - before} pages requested with a cap of 3`,
    );
    const usage = await runCli('index', folder, '--registry', server.baseUrl, '--registry-max-entities', '-5');
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--registry-max-entities needs a whole number above 0/);
  });

  it('keeps memory bounded while an endless registry pages: the sync ends at the cap and RSS growth stays small', async () => {
    state.honest = undefined;
    state.perPage = 500;
    state.padding = 400;
    let peak = 0;
    const sample = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    global.gc?.();
    const start = process.memoryUsage().rss;
    try {
      const error = await failure(newSync({ pageSize: 500, maxEntities: 25_000 }).sync());
      assert.equal(error.kind, 'limit-exceeded');
    } finally {
      clearInterval(sample);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    const growthMb = (peak - start) / 1024 / 1024;
    // 25,000 entities of ~0.6 kB each, indexed: well under 250 MB; without the cap this never ends.
    assert.ok(growthMb < 250, `RSS grew by ${growthMb.toFixed(0)} MB`);
    assert.equal(index.size, 0, 'the partial sync was taken out of the index');
    console.log(
      `      endless registry: ${server.requests.length} requests, peak RSS growth ${growthMb.toFixed(0)} MB`,
    );
  });
});
