import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MultiFolderCatalog, listFolder, nodeCatalogFileSystem } from '../../../../src/catalog';
import { inProcessParser, ParseWorkerPool } from '../../../../src/catalog/parseWorkerPool';
import type { ReadCatalogFile } from '../../../../src/catalog/readCatalogFile';
import { sortedProblems, sortedRefs, sortedRelations } from '../../support/catalogFixtures';
import { generatedCatalogFile, plainParse, repositoryYamlFiles } from '../../support/catalogCorpus';

/** The worker entry as tsc compiled it (the extension and the CLI load the esbuild bundle). */
const WORKER_SCRIPT = path.resolve(__dirname, '../../../../src/catalog/catalogWorker.js');

describe('ParseWorkerPool', function () {
  // Workers load the parser and compile Backstage's schemas once each.
  this.timeout(60_000);
  let folder: string;
  let files: string[];
  let pool: ParseWorkerPool | undefined;

  before(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'greenroom-workers-'));
    files = [];
    const add = (relative: string, text: string): void => {
      const file = path.join(folder, relative);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      files.push(file);
    };
    repositoryYamlFiles().forEach((source, position) =>
      add(path.join('repo', `${position}`, 'catalog-info.yaml'), source.text),
    );
    for (let seed = 1; seed <= 150; seed++) {
      add(path.join('generated', `${seed}`, 'catalog-info.yaml'), generatedCatalogFile(seed));
    }
    // A Location with a glob target: resolving it needs every file of the folder, listed on demand.
    add(
      'locations/catalog-info.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: globbed\nspec:\n  targets:\n    - ./teams/*.yaml\n    - ./missing.yaml\n',
    );
    add(
      'locations/teams/a.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: globbed-team-a\nspec:\n  type: team\n  children: []\n',
    );
    add(
      'locations/teams/b.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: globbed-team-b\nspec:\n  type: team\n  children: []\n',
    );
    add('edge/empty.catalog-info.yaml', '');
    add(
      'edge/bom.catalog-info.yaml',
      '\ufeffapiVersion: backstage.io/v1alpha1\r\nkind: Group\r\nmetadata:\r\n  name: bom\r\nspec:\r\n  type: team\r\n  children: []\r\n',
    );
    add(
      'edge/nan.catalog-info.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: nan\nspec:\n  type: service\n  lifecycle: production\n  owner: a\n  weight: .nan\n',
    );
    add('edge/big.catalog-info.yaml', `description: ${'x'.repeat(3000)}\n`);
    mkdirSync(path.join(folder, 'edge', 'folder.catalog-info.yaml'));
    files.push(
      path.join(folder, 'edge', 'folder.catalog-info.yaml'),
      path.join(folder, 'edge', 'missing.catalog-info.yaml'),
    );
  });

  afterEach(() => {
    pool?.dispose();
    pool = undefined;
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  async function parseAll(parser: { parseMany: ParseWorkerPool['parseMany'] }, limit = 2_000): Promise<unknown[]> {
    const results = new Array<ReadCatalogFile | undefined>(files.length);
    await parser.parseMany(folder, files, limit, (position, result) => {
      assert.equal(results[position], undefined, `file ${position} reported twice`);
      results[position] = result;
    });
    return results.map((result, position) => {
      assert.ok(result, `no result for ${files[position]}`);
      return { parsed: plainParse(result.parsed), stamped: result.stamp !== undefined };
    });
  }

  it('parses in worker threads exactly what this thread parses, file by file', async () => {
    pool = new ParseWorkerPool({ script: WORKER_SCRIPT, workers: 2, batchSize: 16 });
    assert.ok(pool.usable);
    assert.deepStrictEqual(await parseAll(pool), await parseAll(inProcessParser));
  });

  it('parses single files and unsaved text in a worker with the same results', async () => {
    pool = new ParseWorkerPool({ script: WORKER_SCRIPT });
    for (const file of files.slice(0, 20)) {
      const inWorker = await pool.parseFile(folder, file, 5_000_000);
      const here = await inProcessParser.parseFile(folder, file, 5_000_000);
      assert.deepStrictEqual(plainParse(inWorker.result.parsed), plainParse(here.result.parsed));
      assert.deepStrictEqual(inWorker.result.stamp, here.result.stamp);
    }
    const text = generatedCatalogFile(7);
    assert.deepStrictEqual(
      plainParse(await pool.parseText(folder, '/x/catalog-info.yaml', text)),
      plainParse(await inProcessParser.parseText(folder, '/x/catalog-info.yaml', text)),
    );
  });

  it('lists a folder in a worker exactly as listFolder does, with a stat of each catalog file and its links', async () => {
    pool = new ParseWorkerPool({ script: WORKER_SCRIPT });
    const options = { exclude: ['**/generated/1*/**'] };
    // A link to a catalog file inside (counted as that file) and one out (refused), for this test only.
    const links = [path.join(folder, 'alias.catalog-info.yaml'), path.join(folder, 'out.catalog-info.yaml')];
    symlinkSync(path.join(folder, 'edge', 'big.catalog-info.yaml'), links[0] as string);
    symlinkSync(path.join(os.tmpdir(), 'greenroom-no-such-file.yaml'), links[1] as string);
    try {
      const listed = await pool.list(folder, options, true);
      const expected = await listFolder(nodeCatalogFileSystem, folder, options);
      assert.deepStrictEqual(
        [listed.files, listed.catalogFiles, listed.links, listed.refusedLinks],
        [expected.files, expected.catalogFiles, expected.links, expected.refusedLinks],
      );
      assert.equal(expected.links.length, 1);
      assert.equal(expected.refusedLinks.length, 1);
      assert.deepStrictEqual(
        listed.stats,
        await Promise.all(expected.catalogFiles.map((file) => nodeCatalogFileSystem.stat(file))),
      );
      // Without asking, only the catalog files (and the links) come back.
      const short = await pool.list(folder, options);
      assert.deepStrictEqual(
        [short.files, short.catalogFiles, short.links],
        [undefined, expected.catalogFiles, expected.links],
      );
    } finally {
      links.forEach((link) => unlinkSync(link));
    }
  });

  it('streams the plain catalog files it finds before the listing ends, each once, with their stats', async () => {
    pool = new ParseWorkerPool({ script: WORKER_SCRIPT });
    const link = path.join(folder, 'alias.catalog-info.yaml');
    symlinkSync(path.join(folder, 'edge', 'big.catalog-info.yaml'), link);
    try {
      const found: string[] = [];
      const stats = new Map<string, unknown>();
      let partials = 0;
      const listed = await pool.list(folder, {}, false, (files, fileStats) => {
        partials++;
        files.forEach((file, position) => {
          found.push(file);
          stats.set(file, fileStats?.[position]);
        });
      });
      assert.ok(partials > 1, `the files came in ${partials} message(s)`);
      // Plain catalog files, each once (the last few come with the result only); never the link.
      const plain = listed.catalogFiles.filter((file) => file !== link);
      assert.equal(new Set(found).size, found.length);
      assert.ok(found.length >= plain.length / 2, `${found.length} of ${plain.length} streamed`);
      assert.ok(found.every((file) => plain.includes(file)));
      assert.ok(!found.includes(link));
      listed.catalogFiles.forEach((file, position) => {
        if (stats.has(file)) {
          assert.deepStrictEqual(stats.get(file), listed.stats[position]);
        }
      });
      // The same through the fallback on this thread.
      const here: string[] = [];
      await inProcessParser.list(folder, {}, false, (files) => here.push(...files));
      assert.deepStrictEqual(here.sort(), plain);
    } finally {
      unlinkSync(link);
    }
  });

  it('falls back to this thread when the worker script is missing, with the same results', async () => {
    pool = new ParseWorkerPool({ script: path.join(folder, 'no-such-worker.js') });
    assert.equal(pool.usable, false);
    assert.deepStrictEqual(await parseAll(pool), await parseAll(inProcessParser));
  });

  it('falls back to this thread when a worker dies, with the same results', async () => {
    const crashing = path.join(folder, 'crashing-worker.js');
    writeFileSync(crashing, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
    pool = new ParseWorkerPool({ script: crashing, workers: 2 });
    assert.deepStrictEqual(await parseAll(pool), await parseAll(inProcessParser));
    assert.equal(pool.usable, false);
  });

  it('gives a workspace the same index with workers as without', async () => {
    const withWorkers = new MultiFolderCatalog({ fs: nodeCatalogFileSystem, workerScript: WORKER_SCRIPT, workers: 2 });
    const without = new MultiFolderCatalog({ fs: nodeCatalogFileSystem });
    try {
      for (const workspace of [withWorkers, without]) {
        workspace.addFolder(folder);
        await workspace.loadAll();
      }
      const state = (workspace: MultiFolderCatalog): unknown => ({
        refs: sortedRefs(workspace.index),
        problems: sortedProblems(workspace.index),
        relations: sortedRelations(workspace.index),
      });
      assert.ok(without.index.size > 100);
      assert.ok(withWorkers.index.has('group:default/globbed-team-b'), 'a glob Location target is followed');
      assert.deepStrictEqual(state(withWorkers), state(without));
      // Edits go through the worker too.
      const file = files[files.length - 10] as string;
      const text =
        'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: edited\nspec:\n  type: team\n  children: []\n';
      await withWorkers.updateFile(file, text);
      await without.updateFile(file, text);
      assert.deepStrictEqual(state(withWorkers), state(without));
    } finally {
      withWorkers.dispose();
      without.dispose();
    }
  });
});
