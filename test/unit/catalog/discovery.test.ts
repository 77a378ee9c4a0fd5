import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  MultiFolderCatalog,
  DEFAULT_CATALOG_GLOBS,
  DEFAULT_EXCLUDE_GLOBS,
  listFolder,
  nodeCatalogFileSystem,
} from '../../../src/catalog';
import { componentYaml, groupYaml, ROOT, sortedRefs, spanOf } from '../support/catalogFixtures';
import { MemoryFileSystem } from '../support/memoryFileSystem';

/** Catalog files found below ROOT, as root-relative paths. */
function relativeCatalogFiles(catalogFiles: readonly string[], root = ROOT): string[] {
  return catalogFiles.map((file) => path.relative(root, file).split(path.sep).join('/')).sort();
}

const WORKSPACE: Record<string, string> = {
  [`${ROOT}/catalog-info.yaml`]: 'root',
  [`${ROOT}/services/player/catalog-info.yaml`]: 'nested yaml',
  [`${ROOT}/services/search/catalog-info.yml`]: 'nested yml',
  [`${ROOT}/org/teams.catalog-info.yaml`]: 'prefixed',
  [`${ROOT}/a/b/c/d/catalog-info.yaml`]: 'deep',
  [`${ROOT}/.config/catalog-info.yaml`]: 'hidden folder',
  [`${ROOT}/services/player/mycatalog-info.yaml`]: 'no dot before catalog-info',
  [`${ROOT}/services/player/catalog-info.json`]: 'wrong extension',
  [`${ROOT}/services/player/catalog-info.yaml.bak`]: 'backup',
  [`${ROOT}/node_modules/pkg/catalog-info.yaml`]: 'dependency',
  [`${ROOT}/services/player/node_modules/x/catalog-info.yaml`]: 'nested dependency',
  [`${ROOT}/.git/catalog-info.yaml`]: 'git internals',
  [`${ROOT}/templates/node/skeleton/catalog-info.yaml`]: 'template skeleton',
  [`${ROOT}/templates/node/template.yaml`]: 'template',
};

describe('discovery (listFolder)', () => {
  it('finds catalog-info.yaml, catalog-info.yml and *.catalog-info.yaml at any depth, the root included', async () => {
    const listing = await listFolder(new MemoryFileSystem(WORKSPACE), ROOT);
    assert.deepEqual(relativeCatalogFiles(listing.catalogFiles), [
      '.config/catalog-info.yaml',
      'a/b/c/d/catalog-info.yaml',
      'catalog-info.yaml',
      'org/teams.catalog-info.yaml',
      'services/player/catalog-info.yaml',
      'services/search/catalog-info.yml',
    ]);
    assert.equal(listing.root, ROOT);
  });

  it('skips node_modules, .git and skeleton folders without even reading them', async () => {
    const memory = new MemoryFileSystem(WORKSPACE);
    const listing = await listFolder(memory, ROOT);
    assert.ok(
      listing.files.every((file) => !/(^|\/)(node_modules|\.git|skeleton)\//.test(file)),
      listing.files.join(', '),
    );
    for (const skipped of ['node_modules', '.git', 'skeleton']) {
      assert.ok(!memory.directoryReads.some((folder) => folder.split('/').includes(skipped)), `${skipped} was read`);
    }
  });

  it('lists every other file, sorted, as root-relative POSIX paths', async () => {
    const listing = await listFolder(new MemoryFileSystem(WORKSPACE), ROOT);
    assert.ok(listing.files.includes('templates/node/template.yaml'));
    assert.ok(listing.files.includes('services/player/catalog-info.json'));
    assert.deepEqual(listing.files, [...listing.files].sort());
    assert.equal(listing.files.length, 10);
  });

  it('honours custom catalog globs and excludes', async () => {
    const listing = await listFolder(new MemoryFileSystem(WORKSPACE), ROOT, {
      catalogGlobs: ['templates/**/*.yaml'],
      exclude: ['**/.git/**'],
    });
    assert.deepEqual(relativeCatalogFiles(listing.catalogFiles), [
      'templates/node/skeleton/catalog-info.yaml',
      'templates/node/template.yaml',
    ]);
  });

  it('exposes the default globs the extension settings also use', () => {
    assert.deepEqual(DEFAULT_CATALOG_GLOBS, ['**/catalog-info.{yaml,yml}', '**/*.catalog-info.{yaml,yml}']);
    assert.deepEqual(DEFAULT_EXCLUDE_GLOBS, ['**/node_modules/**', '**/.git/**', '**/skeleton/**']);
  });

  it('counts a linked file inside the root as the file it names, reports one that leaves it, and does not follow linked folders', async () => {
    const memory = new MemoryFileSystem(
      {
        [`${ROOT}/real/catalog-info.yaml`]: 'inside',
        '/elsewhere/catalog-info.yaml': 'outside',
        '/elsewhere/deep/catalog-info.yaml': 'outside',
      },
      {
        symlinks: {
          [`${ROOT}/inside/catalog-info.yaml`]: `${ROOT}/real/catalog-info.yaml`,
          [`${ROOT}/escape/catalog-info.yaml`]: '/elsewhere/catalog-info.yaml',
          [`${ROOT}/linked-folder`]: '/elsewhere',
        },
      },
    );
    const listing = await listFolder(memory, ROOT);
    assert.deepEqual(relativeCatalogFiles(listing.catalogFiles), ['real/catalog-info.yaml']);
    assert.deepEqual(listing.links, [['inside/catalog-info.yaml', 'real/catalog-info.yaml']]);
    assert.deepEqual(listing.refusedLinks, [[`${ROOT}/escape/catalog-info.yaml`, '/elsewhere/catalog-info.yaml']]);
    assert.ok(
      !memory.directoryReads.some((folder) => folder.startsWith('/elsewhere') || folder.includes('linked-folder')),
      memory.directoryReads.join(', '),
    );
  });

  it('reports a real symbolic link to a file outside the root, and counts a link inside as its target once', async () => {
    const sandbox = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'greenroom-discovery-')));
    try {
      const root = path.join(sandbox, 'workspace');
      await fs.mkdir(path.join(root, 'svc'), { recursive: true });
      await fs.writeFile(path.join(sandbox, 'outside.yaml'), componentYaml('outside'));
      await fs.writeFile(path.join(root, 'svc', 'catalog-info.yaml'), componentYaml('inside'));
      await fs.symlink(path.join(sandbox, 'outside.yaml'), path.join(root, 'catalog-info.yaml'));
      await fs.symlink(path.join(root, 'svc', 'catalog-info.yaml'), path.join(root, 'alias.catalog-info.yaml'));
      const listing = await listFolder(nodeCatalogFileSystem, root);
      assert.deepEqual(relativeCatalogFiles(listing.catalogFiles, root), ['svc/catalog-info.yaml']);
      assert.deepEqual(listing.refusedLinks, [
        [path.join(root, 'catalog-info.yaml'), path.join(sandbox, 'outside.yaml')],
      ]);
    } finally {
      await fs.rm(sandbox, { recursive: true, force: true });
    }
  });

  it('gives an empty listing for a missing root instead of failing', async () => {
    const listing = await listFolder(new MemoryFileSystem({}), '/nowhere');
    assert.deepEqual(listing, { root: '/nowhere', files: [], catalogFiles: [], links: [], refusedLinks: [] });
  });
});

describe('discovery in a MultiFolderCatalog', () => {
  it('reports files above maxFileSizeBytes as file-too-large at the start of the file, without parsing them', async () => {
    const big = `${ROOT}/big/catalog-info.yaml`;
    const bigText = componentYaml('big', { spec: [`  description: "${'x'.repeat(300)}"`] });
    const memory = new MemoryFileSystem({ [big]: bigText, [`${ROOT}/catalog-info.yaml`]: groupYaml('team-a') });
    const workspace = new MultiFolderCatalog({ fs: memory, maxFileSizeBytes: 300 });
    workspace.addFolder(ROOT);
    await workspace.loadAll();
    const problems = workspace.index.allProblems();
    assert.deepEqual(
      problems.map((problem) => [problem.file, problem.code, problem.severity, spanOf(problem.range)]),
      [[big, 'file-too-large', 'error', '0:0-0:0']],
    );
    assert.match(
      problems[0]?.message ?? '',
      new RegExp(`^Catalog file is ${Buffer.byteLength(bigText)} bytes, above the 300-byte limit`),
    );
    assert.deepEqual(sortedRefs(workspace.index), ['group:default/team-a']);
    assert.ok(!memory.reads.includes(big), 'the large file is not read');
    workspace.dispose();
  });

  it('uses custom globs from its options', async () => {
    const memory = new MemoryFileSystem({
      [`${ROOT}/catalog-info.yaml`]: groupYaml('default-glob'),
      [`${ROOT}/backstage/team.yaml`]: groupYaml('custom-glob'),
    });
    const workspace = new MultiFolderCatalog({ fs: memory, catalogGlobs: ['backstage/*.yaml'] });
    workspace.addFolder(ROOT);
    await workspace.loadAll();
    assert.deepEqual(sortedRefs(workspace.index), ['group:default/custom-glob']);
    assert.equal(workspace.tracks(`${ROOT}/backstage/other.yaml`), true);
    assert.equal(workspace.tracks(`${ROOT}/catalog-info.yaml`), false);
    workspace.dispose();
    assert.equal(workspace.index.size, 0);
  });
});
