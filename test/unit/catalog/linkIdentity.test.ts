import * as assert from 'node:assert/strict';
import { promises as fs, symlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CatalogIndex,
  MultiFolderCatalog,
  nodeCatalogFileSystem,
  FolderCatalog,
  type CatalogProblem,
} from '../../../src/catalog';
import { componentYaml, locationYaml, sortedProblems, sortedRefs } from '../support/catalogFixtures';

/**
 * Identity by real path, on real symbolic links: a link loop is found once, a file reached
 * through several links is indexed once, nothing outside the workspace is read through a link,
 * and Location targets into `.git/` or excluded folders are refused without quoting them.
 */

const SECRET = 'ghp_S3cr3tT0kenFromTheCheckout';

/** A full load that must end within `ms`: the link loops this suite builds made it run forever. */
async function loadWithin(
  root: string,
  ms = 5000,
  exclude?: readonly string[],
): Promise<{ index: CatalogIndex; catalog: FolderCatalog }> {
  const index = new CatalogIndex();
  const catalog = new FolderCatalog(root, { fs: nodeCatalogFileSystem, index, ...(exclude ? { exclude } : {}) });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(new Error(`load did not finish within ${ms} ms; ${index.indexedFiles().length} files indexed so far`)),
      ms,
    );
  });
  try {
    await Promise.race([catalog.loadAll(), timeout]);
  } finally {
    clearTimeout(timer);
  }
  return { index, catalog };
}

/** Problem codes, sorted; the fixtures' owner group is not in these catalogs, so dangling refs are left out. */
function codes(problems: readonly CatalogProblem[]): string[] {
  return problems
    .map((problem) => problem.code)
    .filter((code) => code !== 'dangling-ref')
    .sort();
}

function relativeFiles(index: CatalogIndex, root: string): string[] {
  return index
    .indexedFiles()
    .map((file) => path.relative(root, file))
    .sort();
}

describe('identity by real path (real symbolic links)', () => {
  let sandbox: string;
  let root: string;
  let outside: string;

  beforeEach(async () => {
    sandbox = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'greenroom-links-')));
    root = path.join(sandbox, 'workspace');
    outside = path.join(sandbox, 'outside');
    await fs.mkdir(root, { recursive: true });
    await fs.mkdir(outside, { recursive: true });
  });

  afterEach(async () => {
    await fs.rm(sandbox, { recursive: true, force: true });
  });

  describe('link loops', () => {
    it('a Location whose targets go through two links to its own folder is indexed once, with one cycle problem', async () => {
      symlinkSync('.', path.join(root, 'a'));
      symlinkSync('.', path.join(root, 'b'));
      await fs.writeFile(
        path.join(root, 'catalog-info.yaml'),
        locationYaml('root', ['./a/catalog-info.yaml', './b/catalog-info.yaml']),
      );
      const { index } = await loadWithin(root);
      assert.deepEqual(relativeFiles(index, root), ['catalog-info.yaml']);
      assert.deepEqual(codes(index.allProblems()), ['location-cycle']);
      assert.equal(
        index.allProblems()[0]?.message,
        'Location cycle: catalog-info.yaml → catalog-info.yaml ("./a/catalog-info.yaml" leads there through a symbolic link); this target is not followed',
      );
    });

    it('a loop through a link to the parent folder ends, and every file is indexed once', async () => {
      await fs.mkdir(path.join(root, 'team'));
      symlinkSync('..', path.join(root, 'team', 'up'));
      await fs.writeFile(
        path.join(root, 'catalog-info.yaml'),
        locationYaml('root', ['./team/svc.yaml', './team/up/team/svc.yaml']),
      );
      await fs.writeFile(
        path.join(root, 'team', 'svc.yaml'),
        locationYaml('svc', ['./up/catalog-info.yaml', './up/team/up/component.yaml']),
      );
      await fs.writeFile(path.join(root, 'component.yaml'), componentYaml('player'));
      const { index } = await loadWithin(root);
      assert.deepEqual(relativeFiles(index, root), [
        'catalog-info.yaml',
        'component.yaml',
        path.join('team', 'svc.yaml'),
      ]);
      assert.deepEqual(sortedRefs(index), [
        'component:default/player',
        'location:default/root',
        'location:default/svc',
      ]);
      assert.deepEqual(codes(index.allProblems()), ['location-cycle']);
    });

    it('a link to itself and two links to each other are clear problems on the target, and the load ends', async () => {
      symlinkSync('self.yaml', path.join(root, 'self.yaml'));
      symlinkSync('two', path.join(root, 'one'));
      symlinkSync('one', path.join(root, 'two'));
      await fs.writeFile(path.join(root, 'catalog-info.yaml'), locationYaml('root', ['./self.yaml', './one/x.yaml']));
      const { index } = await loadWithin(root);
      assert.deepEqual(relativeFiles(index, root), ['catalog-info.yaml']);
      const problems = index.allProblems();
      assert.deepEqual(codes(problems), ['location-missing', 'location-missing']);
      assert.ok(
        problems.every((problem) => /link loop|does not exist/.test(problem.message)),
        problems.map((problem) => problem.message).join('\n'),
      );
    });

    it('a discovered folder full of links back up is listed once', async () => {
      await fs.mkdir(path.join(root, 'svc'));
      symlinkSync('..', path.join(root, 'svc', 'parent'));
      symlinkSync('.', path.join(root, 'svc', 'here'));
      await fs.writeFile(path.join(root, 'svc', 'catalog-info.yaml'), componentYaml('player'));
      const { index } = await loadWithin(root);
      assert.deepEqual(relativeFiles(index, root), [path.join('svc', 'catalog-info.yaml')]);
    });
  });

  describe('several paths to one file', () => {
    it('a file that discovery finds and two links point at is indexed once, under its real path, without a duplicate problem', async () => {
      await fs.mkdir(path.join(root, 'svc'));
      await fs.mkdir(path.join(root, 'alias'));
      await fs.writeFile(path.join(root, 'svc', 'catalog-info.yaml'), componentYaml('player'));
      symlinkSync('../svc/catalog-info.yaml', path.join(root, 'alias', 'catalog-info.yaml'));
      symlinkSync('svc/catalog-info.yaml', path.join(root, 'player.yaml'));
      await fs.writeFile(
        path.join(root, 'catalog-info.yaml'),
        locationYaml('root', ['./player.yaml', './alias/catalog-info.yaml']),
      );
      const { index } = await loadWithin(root);
      assert.deepEqual(relativeFiles(index, root), ['catalog-info.yaml', path.join('svc', 'catalog-info.yaml')]);
      assert.deepEqual(sortedRefs(index), ['component:default/player', 'location:default/root']);
      assert.deepEqual(codes(index.allProblems()), []);
    });

    it('a workspace opened through a link keeps the paths the user opened', async () => {
      await fs.writeFile(path.join(root, 'catalog-info.yaml'), componentYaml('player'));
      const opened = path.join(sandbox, 'opened');
      symlinkSync(root, opened);
      const { index } = await loadWithin(opened);
      assert.deepEqual(index.indexedFiles(), [path.join(opened, 'catalog-info.yaml')]);
    });
  });

  describe('links out of the workspace', () => {
    it('a discovered catalog file that links outside is a clear problem, never read', async () => {
      await fs.writeFile(path.join(outside, 'catalog-info.yaml'), componentYaml('secret-service'));
      await fs.mkdir(path.join(root, 'svc'));
      symlinkSync(path.join(outside, 'catalog-info.yaml'), path.join(root, 'svc', 'catalog-info.yaml'));
      const { index } = await loadWithin(root);
      assert.deepEqual(sortedRefs(index), []);
      const problems = index.allProblems();
      assert.deepEqual(codes(problems), ['link-outside']);
      assert.equal(problems[0]?.file, path.join(root, 'svc', 'catalog-info.yaml'));
      assert.match(problems[0]?.message ?? '', /symbolic link to .*outside the workspace folder/);
    });
  });

  describe('Location targets into .git and excluded folders', () => {
    beforeEach(async () => {
      await fs.mkdir(path.join(root, '.git'));
      await fs.writeFile(
        path.join(root, '.git', 'config'),
        `[remote "origin"]\n\turl = https://x-access-token:${SECRET}@github.com/org/repo\n`,
      );
      await fs.mkdir(path.join(root, 'node_modules', 'pkg'), { recursive: true });
      await fs.writeFile(path.join(root, 'node_modules', 'pkg', 'catalog-info.yaml'), componentYaml('vendored'));
    });

    function assertNoSecret(index: CatalogIndex): void {
      for (const problem of index.allProblems()) {
        assert.ok(!problem.message.includes(SECRET) && !problem.message.includes('x-access-token'), problem.message);
      }
      assert.ok(!JSON.stringify(index.entities()).includes(SECRET));
    }

    for (const target of ['./.git/config', '.git/config', './svc/../.git/config', './.git/./config']) {
      it(`refuses ${target} with a problem that says why, and never reads it`, async () => {
        await fs.writeFile(path.join(root, 'catalog-info.yaml'), locationYaml('root', [target]));
        const { index } = await loadWithin(root);
        assert.deepEqual(relativeFiles(index, root), ['catalog-info.yaml']);
        const problems = index.allProblems();
        assert.deepEqual(codes(problems), ['location-refused']);
        assert.match(problems[0]?.message ?? '', /\.git/);
        assertNoSecret(index);
      });
    }

    it('refuses a link that leads into .git/', async () => {
      symlinkSync('.git/config', path.join(root, 'innocent.yaml'));
      await fs.writeFile(path.join(root, 'catalog-info.yaml'), locationYaml('root', ['./innocent.yaml']));
      const { index } = await loadWithin(root);
      assert.deepEqual(codes(index.allProblems()), ['location-refused']);
      assertNoSecret(index);
    });

    it('refuses a target in an excluded folder, naming greenroom.exclude', async () => {
      await fs.writeFile(
        path.join(root, 'catalog-info.yaml'),
        locationYaml('root', ['./node_modules/pkg/catalog-info.yaml']),
      );
      const { index } = await loadWithin(root);
      assert.deepEqual(sortedRefs(index), ['location:default/root']);
      const problems = index.allProblems();
      assert.deepEqual(codes(problems), ['location-refused']);
      assert.match(problems[0]?.message ?? '', /greenroom\.exclude/);
    });

    it('refuses a target in a folder the user excluded, and follows it once the folder is no longer excluded', async () => {
      await fs.mkdir(path.join(root, 'private'));
      await fs.writeFile(path.join(root, 'private', 'svc.yaml'), componentYaml('private-svc'));
      await fs.writeFile(path.join(root, 'catalog-info.yaml'), locationYaml('root', ['./private/svc.yaml']));
      const refused = await loadWithin(root, 5000, ['**/private/**']);
      assert.deepEqual(codes(refused.index.allProblems()), ['location-refused']);
      const followed = await loadWithin(root, 5000, []);
      assert.ok(
        sortedRefs(followed.index).includes('component:default/private-svc'),
        sortedRefs(followed.index).join(', '),
      );
      assert.deepEqual(codes(followed.index.allProblems()), []);
    });

    it('a glob target never reaches into .git, even when nothing is excluded', async () => {
      await fs.writeFile(path.join(root, '.git', 'catalog-info.yaml'), componentYaml('in-git'));
      await fs.writeFile(path.join(root, 'catalog-info.yaml'), locationYaml('root', ['./**/*.yaml']));
      const { index } = await loadWithin(root, 5000, []);
      assert.ok(!sortedRefs(index).includes('component:default/in-git'), sortedRefs(index).join(', '));
      assertNoSecret(index);
    });
  });

  describe('incremental updates end where a full load does', () => {
    async function assertSameAsFreshLoad(index: CatalogIndex, step: string): Promise<void> {
      const fresh = await loadWithin(root);
      assert.deepEqual(
        { files: index.indexedFiles().sort(), refs: sortedRefs(index), problems: sortedProblems(index) },
        {
          files: fresh.index.indexedFiles().sort(),
          refs: sortedRefs(fresh.index),
          problems: sortedProblems(fresh.index),
        },
        `after ${step}`,
      );
    }

    it('through links created, edited and deleted after the load', async () => {
      await fs.mkdir(path.join(root, 'svc'));
      await fs.writeFile(path.join(root, 'svc', 'catalog-info.yaml'), componentYaml('player'));
      symlinkSync('.', path.join(root, 'a'));
      await fs.writeFile(path.join(root, 'catalog-info.yaml'), locationYaml('root', ['./a/api.yaml']));
      const { index, catalog } = await loadWithin(root);
      await assertSameAsFreshLoad(index, 'the load');

      // A file a Location wants only through a linked folder.
      await fs.writeFile(path.join(root, 'api.yaml'), componentYaml('api'));
      assert.ok(catalog.tracks(path.join(root, 'api.yaml')));
      await catalog.updateFile(path.join(root, 'api.yaml'));
      await assertSameAsFreshLoad(index, 'creating the wanted file');

      // A glob-matched link to a file already indexed.
      await fs.mkdir(path.join(root, 'alias'));
      symlinkSync('../svc/catalog-info.yaml', path.join(root, 'alias', 'catalog-info.yaml'));
      await catalog.updateFile(path.join(root, 'alias', 'catalog-info.yaml'));
      await assertSameAsFreshLoad(index, 'adding a link to an indexed file');

      // Unsaved text in an editor opened on the link edits the file it names.
      await catalog.updateFile(path.join(root, 'alias', 'catalog-info.yaml'), componentYaml('renamed'));
      assert.deepEqual(
        index.indexedFiles().sort(),
        [
          path.join(root, 'api.yaml'),
          path.join(root, 'catalog-info.yaml'),
          path.join(root, 'svc', 'catalog-info.yaml'),
        ].sort(),
      );
      assert.ok(sortedRefs(index).includes('component:default/renamed'));
      await catalog.updateFile(path.join(root, 'svc', 'catalog-info.yaml'));
      await assertSameAsFreshLoad(index, 'saving without changes');

      // A glob-matched link out of the workspace, then deleted.
      await fs.writeFile(path.join(outside, 'catalog-info.yaml'), componentYaml('secret-service'));
      await fs.mkdir(path.join(root, 'out'));
      symlinkSync(path.join(outside, 'catalog-info.yaml'), path.join(root, 'out', 'catalog-info.yaml'));
      await catalog.updateFile(path.join(root, 'out', 'catalog-info.yaml'));
      await assertSameAsFreshLoad(index, 'adding a link out');
      await fs.unlink(path.join(root, 'out', 'catalog-info.yaml'));
      await catalog.deleteFile(path.join(root, 'out', 'catalog-info.yaml'));
      await assertSameAsFreshLoad(index, 'deleting the link out');

      // Deleting the alias, then the linked folder the Location goes through.
      await fs.unlink(path.join(root, 'alias', 'catalog-info.yaml'));
      await catalog.deleteFile(path.join(root, 'alias', 'catalog-info.yaml'));
      await assertSameAsFreshLoad(index, 'deleting the alias');
      await fs.unlink(path.join(root, 'a'));
      await catalog.deleteFile(path.join(root, 'a'));
      await assertSameAsFreshLoad(index, 'deleting the linked folder');
    });
  });

  describe('folders created and deleted as links (MultiFolderCatalog)', () => {
    it('a new link to the workspace itself is not listed through, and its files stay indexed once', async () => {
      await fs.mkdir(path.join(root, 'svc'));
      await fs.writeFile(path.join(root, 'svc', 'catalog-info.yaml'), componentYaml('player'));
      await fs.writeFile(
        path.join(root, 'catalog-info.yaml'),
        locationYaml('root', ['./mirror/svc/api.yaml'], ['  presence: optional']),
      );
      await fs.writeFile(path.join(root, 'svc', 'api.yaml'), componentYaml('api'));
      const workspace = new MultiFolderCatalog({ fs: nodeCatalogFileSystem });
      try {
        workspace.addFolder(root);
        await workspace.loadAll();
        assert.deepEqual(relativeFiles(workspace.index, root), [
          'catalog-info.yaml',
          path.join('svc', 'catalog-info.yaml'),
        ]);
        symlinkSync('.', path.join(root, 'mirror'));
        await workspace.addedFolder(path.join(root, 'mirror'));
        assert.deepEqual(relativeFiles(workspace.index, root), [
          'catalog-info.yaml',
          path.join('svc', 'api.yaml'),
          path.join('svc', 'catalog-info.yaml'),
        ]);
        await fs.unlink(path.join(root, 'mirror'));
        await workspace.deletedFolder(path.join(root, 'mirror'));
        assert.deepEqual(relativeFiles(workspace.index, root), [
          'catalog-info.yaml',
          path.join('svc', 'catalog-info.yaml'),
        ]);
      } finally {
        workspace.dispose();
      }
    });
  });

  describe('excerpts in problem messages', () => {
    it('a Location target that is not a .yaml/.yml file gets problems that quote none of its content', async () => {
      await fs.writeFile(
        path.join(root, 'notes.txt'),
        `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: "${SECRET}!!"\n  : [\n`,
      );
      await fs.writeFile(
        path.join(root, 'env.txt'),
        `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: "${SECRET}!!"\nspec: {}\n`,
      );
      await fs.writeFile(path.join(root, 'catalog-info.yaml'), locationYaml('root', ['./notes.txt', './env.txt']));
      const { index } = await loadWithin(root);
      const problems = index.allProblems().filter((problem) => problem.file !== path.join(root, 'catalog-info.yaml'));
      assert.ok(problems.length > 0, 'the broken files still get problems');
      for (const problem of problems) {
        assert.ok(!problem.message.includes(SECRET), problem.message);
        assert.match(problem.message, /not a \.yaml\/\.yml file/);
      }
    });

    it('a catalog file quotes at most 80 characters of any value', async () => {
      const long = `x${'-y'.repeat(200)}`;
      await fs.writeFile(path.join(root, 'catalog-info.yaml'), componentYaml(long));
      const { index } = await loadWithin(root);
      const problems = index.allProblems();
      assert.ok(problems.length > 0);
      for (const problem of problems) {
        assert.ok(!problem.message.includes(long.slice(0, 81)), problem.message);
      }
      assert.ok(
        problems.some((problem) => problem.message.includes(`${long.slice(0, 80)}…`)),
        'the excerpt is kept, shortened',
      );
    });
  });
});
