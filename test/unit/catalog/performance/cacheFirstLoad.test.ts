import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CatalogIndexCache,
  MultiFolderCatalog,
  nodeCatalogFileSystem,
  type CatalogFileSystem,
} from '../../../../src/catalog';
import { sortedProblems, sortedRefs, sortedRelations } from '../../support/catalogFixtures';
import { generatedCatalogFile } from '../../support/catalogCorpus';

/** Old enough that a cached parse of it is trusted (not "racily clean"). */
const LONG_AGO = new Date('2024-01-01T00:00:00Z');

function writeOld(file: string, text: string, when = LONG_AGO): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  utimesSync(file, when, when);
}

const LOCATION = (targets: readonly string[]): string =>
  `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: extras\nspec:\n  targets:\n${targets.map((target) => `    - ./${target}`).join('\n')}\n`;
const GROUP = (name: string): string =>
  `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${name}\nspec:\n  type: team\n  children: []\n`;

/** The node file system, recording which catalog files were read. */
function watchedFileSystem(): CatalogFileSystem & { reads: string[] } {
  const watched = {
    ...nodeCatalogFileSystem,
    reads: [] as string[],
    readFile: (file: string) => {
      watched.reads.push(file);
      return nodeCatalogFileSystem.readFile(file);
    },
    readFileWithStat: (file: string, maxBytes: number) => {
      watched.reads.push(file);
      return (nodeCatalogFileSystem.readFileWithStat as NonNullable<CatalogFileSystem['readFileWithStat']>)(
        file,
        maxBytes,
      );
    },
  };
  return watched;
}

describe('a load with a warm cache shows the cached catalog first, then checks it against the disk', () => {
  let folder: string;
  let root: string;
  let cacheFile: string;

  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'greenroom-cache-first-'));
    root = path.join(folder, 'ws');
    cacheFile = path.join(folder, 'storage', 'catalog-index.jsonl');
    for (let seed = 1; seed <= 30; seed++) {
      writeOld(path.join(root, `service-${seed}`, 'catalog-info.yaml'), generatedCatalogFile(seed));
    }
    writeOld(path.join(root, 'org', 'catalog-info.yaml'), GROUP('team-a'));
    writeOld(path.join(root, 'gone', 'catalog-info.yaml'), GROUP('gone-team'));
    // A Location that reaches files no glob matches: they are in the catalog only through it.
    writeOld(path.join(root, 'catalog-info.yaml'), LOCATION(['extra/one.yaml', 'extra/two.yaml']));
    writeOld(path.join(root, 'extra', 'one.yaml'), GROUP('reached-one'));
    writeOld(path.join(root, 'extra', 'two.yaml'), GROUP('reached-two'));
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  function state(workspace: MultiFolderCatalog): unknown {
    return {
      refs: sortedRefs(workspace.index),
      problems: sortedProblems(workspace.index),
      relations: sortedRelations(workspace.index),
      files: workspace.index.indexedFiles().sort(),
    };
  }

  async function coldState(): Promise<unknown> {
    const fresh = new MultiFolderCatalog({ fs: nodeCatalogFileSystem });
    fresh.addFolder(root);
    await fresh.loadAll();
    const result = state(fresh);
    fresh.dispose();
    return result;
  }

  async function saveSession(): Promise<unknown> {
    const cache = await CatalogIndexCache.load(cacheFile);
    const workspace = new MultiFolderCatalog({ fs: nodeCatalogFileSystem, cache });
    workspace.addFolder(root);
    await workspace.loadAll();
    await workspace.saveCache();
    const result = state(workspace);
    workspace.dispose();
    return result;
  }

  async function warmWorkspace(fs: CatalogFileSystem = nodeCatalogFileSystem): Promise<MultiFolderCatalog> {
    const cache = await CatalogIndexCache.load(cacheFile);
    const workspace = new MultiFolderCatalog({ fs, cache });
    workspace.addFolder(root);
    return workspace;
  }

  it('shows every cached entity before any file is read, and the load changes nothing when the disk did not', async () => {
    const previous = await saveSession();
    const fs = watchedFileSystem();
    const workspace = await warmWorkspace(fs);
    const shown = await workspace.showCached();
    assert.equal(shown, 35, '33 glob files (the Location file is one) and its two targets');
    assert.deepStrictEqual(fs.reads, [], 'nothing read to show the cache');
    assert.deepStrictEqual(sortedRefs(workspace.index), (previous as { refs: unknown }).refs);
    const changedFiles: string[] = [];
    const listener = workspace.index.onDidChange((event) => changedFiles.push(...event.files));
    await workspace.loadAll();
    listener.dispose();
    assert.deepStrictEqual(state(workspace), previous);
    assert.deepStrictEqual(fs.reads, [], 'unchanged files are not read by the check either');
    assert.deepStrictEqual(
      changedFiles.sort(),
      [],
      'an unchanged file is not indexed twice (views do not refresh for nothing)',
    );
    assert.deepStrictEqual(state(workspace), await coldState());
    workspace.dispose();
  });

  it('after the check equals a cold load: files changed while closed are parsed again, deleted files disappear, new ones appear', async () => {
    await saveSession();
    const changed = path.join(root, 'service-1', 'catalog-info.yaml');
    writeOld(
      changed,
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: renamed\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n',
    );
    // Same size, later mtime: only the stamp tells.
    const sameSize = path.join(root, 'service-2', 'catalog-info.yaml');
    writeOld(sameSize, readFileSync(sameSize, 'utf8').replace(/svc-2-0/g, 'svc-2-Z'), new Date('2024-02-01T00:00:00Z'));
    rmSync(path.join(root, 'gone'), { recursive: true });
    writeOld(path.join(root, 'service-new', 'catalog-info.yaml'), GROUP('newcomer'));
    // The Location no longer reaches two.yaml: its entity leaves the catalog though the file is still there.
    writeOld(path.join(root, 'catalog-info.yaml'), LOCATION(['extra/one.yaml']), new Date('2024-03-01T00:00:00Z'));

    const workspace = await warmWorkspace();
    await workspace.showCached();
    // Shown from the cache: last session's catalog, stale entries included.
    assert.ok(workspace.index.has('group:default/reached-two'));
    assert.ok(!workspace.index.has('component:default/renamed'));
    assert.ok(workspace.index.has('group:default/gone-team'), 'a deleted file is shown until the check');

    await workspace.loadAll();
    assert.deepStrictEqual(state(workspace), await coldState());
    assert.ok(workspace.index.has('component:default/renamed'));
    assert.ok(workspace.index.has('group:default/newcomer'));
    assert.ok(!workspace.index.has('group:default/reached-two'));
    assert.ok(!workspace.index.has('group:default/gone-team'), 'the deleted file is gone');
    workspace.dispose();
  });

  it('a file event between showing the cache and the load ends as the disk is', async () => {
    await saveSession();
    const workspace = await warmWorkspace();
    await workspace.showCached();
    const edited = path.join(root, 'org', 'catalog-info.yaml');
    writeOld(edited, GROUP('team-b'), new Date('2024-04-01T00:00:00Z'));
    const event = workspace.updateFile(edited);
    await Promise.all([event, workspace.loadAll()]);
    assert.ok(workspace.index.has('group:default/team-b'));
    assert.ok(!workspace.index.has('group:default/team-a'));
    assert.deepStrictEqual(state(workspace), await coldState());
    workspace.dispose();
  });

  it('shows nothing early when catalog rules decide what is stored (an app-config): the cache holds raw parses', async () => {
    writeOld(path.join(root, 'app-config.yaml'), 'catalog:\n  rules:\n    - allow: [Component, Location]\n');
    const previous = await saveSession();
    const workspace = await warmWorkspace();
    assert.equal(await workspace.showCached(), 0);
    assert.equal(workspace.index.size, 0);
    await workspace.loadAll();
    assert.deepStrictEqual(state(workspace), previous);
    workspace.dispose();
  });

  it('a second load (a reload) does not show the cache over the index', async () => {
    await saveSession();
    const workspace = await warmWorkspace();
    await workspace.loadAll();
    rmSync(path.join(root, 'service-4'), { recursive: true });
    assert.equal(await workspace.showCached(), 0);
    await workspace.loadAll();
    assert.deepStrictEqual(state(workspace), await coldState());
    workspace.dispose();
  });
});
