import * as assert from 'node:assert/strict';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CatalogIndexCache,
  MultiFolderCatalog,
  nodeCatalogFileSystem,
  parseCatalogFile,
  type CatalogFileSystem,
} from '../../../../src/catalog';
import { INDEX_CACHE_FORMAT, INDEX_CACHE_VERSION } from '../../../../src/catalog/catalogIndexCache';
import { sortedProblems, sortedRefs, sortedRelations } from '../../support/catalogFixtures';
import { generatedCatalogFile, plainParse } from '../../support/catalogCorpus';

/** Old enough that a cached parse of it is trusted (not "racily clean"). */
const LONG_AGO = new Date('2024-01-01T00:00:00Z');

function writeOld(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  utimesSync(file, LONG_AGO, LONG_AGO);
}

/** The node file system, counting catalog files read. */
function countingFileSystem(): CatalogFileSystem & { reads: string[] } {
  const reads: string[] = [];
  return {
    ...nodeCatalogFileSystem,
    reads,
    readFile: (file) => {
      reads.push(file);
      return nodeCatalogFileSystem.readFile(file);
    },
    readFileWithStat: (file, maxBytes) => {
      reads.push(file);
      return (nodeCatalogFileSystem.readFileWithStat as NonNullable<CatalogFileSystem['readFileWithStat']>)(
        file,
        maxBytes,
      );
    },
  };
}

describe('CatalogIndexCache', () => {
  let folder: string;
  let root: string;
  let cacheFile: string;

  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'greenroom-cache-'));
    root = path.join(folder, 'ws');
    cacheFile = path.join(folder, 'storage', 'catalog-index.jsonl');
    for (let seed = 1; seed <= 40; seed++) {
      writeOld(path.join(root, `service-${seed}`, 'catalog-info.yaml'), generatedCatalogFile(seed));
    }
    writeOld(
      path.join(root, 'org', 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n',
    );
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  async function load(
    fs: CatalogFileSystem = nodeCatalogFileSystem,
    options: { fingerprint?: string } = {},
  ): Promise<{ workspace: MultiFolderCatalog; cache: CatalogIndexCache }> {
    const cache = await CatalogIndexCache.load(cacheFile, options);
    const workspace = new MultiFolderCatalog({ fs, cache });
    workspace.addFolder(root);
    await workspace.loadAll();
    return { workspace, cache };
  }

  function state(workspace: MultiFolderCatalog): unknown {
    return {
      refs: sortedRefs(workspace.index),
      problems: sortedProblems(workspace.index),
      relations: sortedRelations(workspace.index),
    };
  }

  it('starts a second session from the cache: same index, no catalog file read', async () => {
    const cold = await load();
    assert.equal(cold.cache.status, 'missing');
    const saved = await cold.workspace.saveCache();
    assert.equal(saved?.entries, 41);
    const expected = state(cold.workspace);

    const fs = countingFileSystem();
    const warm = await load(fs);
    assert.equal(warm.cache.status, 'loaded');
    assert.deepStrictEqual(state(warm.workspace), expected);
    assert.deepStrictEqual(fs.reads, [], 'unchanged files are not read');
    // The records themselves, ranges included, are those of a fresh parse.
    for (const file of cold.workspace.index.indexedFiles()) {
      const fresh = await parseCatalogFile(file, readFileSync(file, 'utf8'), { type: 'workspace', folder: root });
      const cached = warm.cache.lookup(root, file, { mtimeMs: statSync(file).mtimeMs, size: statSync(file).size });
      assert.deepStrictEqual(plainParse(cached ?? assert.fail(`no cache entry for ${file}`)), plainParse(fresh));
    }
  });

  it('leaves the cache file untouched when a warm load found nothing changed, and rewrites it after a change', async () => {
    await (await load()).workspace.saveCache();
    // Backdated so a rewrite (which stamps "now") cannot hide within the file system's mtime granularity.
    utimesSync(cacheFile, LONG_AGO, LONG_AGO);
    const before = statSync(cacheFile).mtimeMs;

    const warm = await load();
    assert.equal(warm.cache.status, 'loaded');
    assert.equal(warm.cache.hasChanges, false);
    assert.equal(await warm.workspace.saveCache(), undefined, 'nothing to write');
    assert.equal(statSync(cacheFile).mtimeMs, before, 'the cache file was not rewritten');

    writeOld(
      path.join(root, 'service-new', 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: newcomer\nspec:\n  type: team\n  children: []\n',
    );
    const changed = await load();
    assert.equal((await changed.workspace.saveCache())?.entries, 42);
    assert.notEqual(statSync(cacheFile).mtimeMs, before, 'a change is written');
    assert.equal(changed.cache.hasChanges, false, 'clean again once written');
  });

  it('parses again what changed on disk (mtime or size), keeps the rest, and drops what is gone', async () => {
    await (await load()).workspace.saveCache();
    const changed = path.join(root, 'service-1', 'catalog-info.yaml');
    writeOld(
      changed,
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: renamed\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n',
    );
    const sameSize = path.join(root, 'service-2', 'catalog-info.yaml');
    const original = readFileSync(sameSize, 'utf8');
    writeFileSync(sameSize, original.replace(/svc-2-0/g, 'svc-2-Z'));
    utimesSync(sameSize, new Date('2024-02-01T00:00:00Z'), new Date('2024-02-01T00:00:00Z'));
    rmSync(path.join(root, 'service-3'), { recursive: true });
    writeOld(
      path.join(root, 'service-new', 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: newcomer\nspec:\n  type: team\n  children: []\n',
    );

    const fs = countingFileSystem();
    const warm = await load(fs);
    assert.deepStrictEqual(
      [...fs.reads].sort(),
      [changed, sameSize, path.join(root, 'service-new', 'catalog-info.yaml')].sort(),
    );
    const fresh = new MultiFolderCatalog({ fs: nodeCatalogFileSystem });
    fresh.addFolder(root);
    await fresh.loadAll();
    assert.deepStrictEqual(state(warm.workspace), state(fresh));
    assert.ok(warm.workspace.index.has('component:default/renamed'));
    assert.ok(warm.workspace.index.has('group:default/newcomer'));
  });

  it('does not trust a parse of a file modified around the time it was read (racily clean)', async () => {
    const fresh = path.join(root, 'service-5', 'catalog-info.yaml');
    writeFileSync(fresh, readFileSync(fresh, 'utf8')); // mtime: now
    const cold = await load();
    const saved = await cold.workspace.saveCache();
    assert.equal(saved?.entries, 40, 'the just-modified file is not written to the cache');
    const stat = statSync(fresh);
    assert.equal(cold.cache.lookup(root, fresh, { mtimeMs: stat.mtimeMs, size: stat.size }), undefined);
  });

  it('discards a corrupt, truncated, foreign or older cache and rebuilds it', async () => {
    await (await load()).workspace.saveCache();
    const good = readFileSync(cacheFile, 'utf8');
    const [header = '', ...entries] = good.split('\n');
    const variants: [string, string][] = [
      ['not JSON', 'garbage\n'],
      ['another format', `${JSON.stringify({ format: 'something-else' })}\n`],
      [
        'an older version',
        `${header.replace(`"version":${INDEX_CACHE_VERSION}`, `"version":${INDEX_CACHE_VERSION - 1}`)}\n${entries.join('\n')}`,
      ],
      ['truncated', good.slice(0, Math.floor(good.length / 2))],
      ['an empty file', ''],
    ];
    for (const [label, content] of variants) {
      writeFileSync(cacheFile, content);
      const fs = countingFileSystem();
      const reloaded = await load(fs);
      assert.notEqual(reloaded.cache.status, 'loaded', label);
      assert.equal(fs.reads.length, 41, `${label}: everything is parsed again`);
      await reloaded.workspace.saveCache();
      assert.equal((await CatalogIndexCache.load(cacheFile)).status, 'loaded', `${label}: rebuilt`);
    }
    // Another fingerprint (another extension version) is a miss as a whole.
    const other = await CatalogIndexCache.load(cacheFile, { fingerprint: 'other version' });
    assert.equal(other.status, 'discarded');
    assert.match(other.reason ?? '', /another version/);
    assert.ok(good.startsWith(`{"format":"${INDEX_CACHE_FORMAT}"`));
  });

  it('treats one undecodable entry as a miss, not the whole cache', async () => {
    await (await load()).workspace.saveCache();
    const lines = readFileSync(cacheFile, 'utf8').split('\n');
    const target = lines.findIndex((line) => line.includes('service-7'));
    lines[target] = (lines[target] ?? '').replace(/\t.*/, '\t{"l":[],"e":[{"broken":true}],"p":[]}');
    writeFileSync(cacheFile, lines.join('\n'));
    const fs = countingFileSystem();
    const warm = await load(fs);
    assert.equal(warm.cache.status, 'loaded');
    assert.deepStrictEqual(fs.reads, [path.join(root, 'service-7', 'catalog-info.yaml')]);
  });

  it('writes atomically: temp file, rename, nothing left behind; saves never interleave; stale temps are removed', async () => {
    const { workspace } = await load();
    const saves = await Promise.all([workspace.saveCache(), workspace.saveCache(), workspace.saveCache()]);
    assert.ok(saves.every((saved) => saved?.entries === 41));
    assert.deepStrictEqual(readdirSync(path.dirname(cacheFile)), ['catalog-index.jsonl']);
    assert.equal((await CatalogIndexCache.load(cacheFile)).size, 41);
    // A writer that died mid-save left its temp file: never read, removed at the next load.
    const stale = `${cacheFile}.999999.deadbeef.tmp`;
    writeFileSync(stale, 'half a cache');
    await CatalogIndexCache.load(cacheFile);
    assert.deepStrictEqual(readdirSync(path.dirname(cacheFile)), ['catalog-index.jsonl']);
    // A failing write leaves the previous cache as it was.
    const before = readFileSync(cacheFile, 'utf8');
    const blocked = new CatalogIndexCache(path.join(cacheFile, 'not-a-folder', 'x.jsonl'));
    blocked.remember(
      root,
      '/x',
      { mtimeMs: 0, size: 0 },
      { file: '/x', entities: [], problems: [], locationTargets: [] },
      10_000,
    );
    await assert.rejects(blocked.save());
    assert.equal(readFileSync(cacheFile, 'utf8'), before);
  });

  it('forgets files indexed from unsaved text, so the disk version is parsed next time', async () => {
    const { workspace, cache } = await load();
    const file = path.join(root, 'service-9', 'catalog-info.yaml');
    const stat = statSync(file);
    assert.ok(cache.lookup(root, file, { mtimeMs: stat.mtimeMs, size: stat.size }));
    await workspace.updateFile(
      file,
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: unsaved\nspec:\n  type: team\n  children: []\n',
    );
    assert.equal(cache.lookup(root, file, { mtimeMs: stat.mtimeMs, size: stat.size }), undefined);
    assert.equal((await workspace.saveCache())?.entries, 40);
  });
});
