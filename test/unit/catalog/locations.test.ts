import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CatalogIndex,
  nodeCatalogFileSystem,
  FolderCatalog,
  type CatalogFileSystem,
  type CatalogProblem,
} from '../../../src/catalog';
import {
  componentYaml,
  groupYaml,
  locationYaml,
  ROOT,
  sortedProblems,
  sortedRefs,
  startOf,
  yamlLines,
} from '../support/catalogFixtures';
import { MemoryFileSystem } from '../support/memoryFileSystem';

const LOCATION_FILE = `${ROOT}/catalog-info.yaml`;

interface Loaded {
  readonly fs: MemoryFileSystem;
  readonly index: CatalogIndex;
  readonly catalog: FolderCatalog;
}

async function loadWith(
  fileSystem: CatalogFileSystem,
  root = ROOT,
): Promise<{ readonly index: CatalogIndex; readonly catalog: FolderCatalog }> {
  const index = new CatalogIndex();
  const catalog = new FolderCatalog(root, { fs: fileSystem, index });
  await catalog.loadAll();
  return { index, catalog };
}

async function load(files: Record<string, string>): Promise<Loaded> {
  const memory = new MemoryFileSystem(files);
  return { fs: memory, ...(await loadWith(memory)) };
}

function problemsWithCode(index: CatalogIndex, code: CatalogProblem['code']): CatalogProblem[] {
  return index.allProblems().filter((problem) => problem.code === code);
}

/** The state a fresh full load of the same files produces, to compare an incremental one with. */
async function freshState(fileSystem: MemoryFileSystem): Promise<{ refs: string[]; problems: string[] }> {
  const fresh = await load(fileSystem.snapshot());
  return { refs: sortedRefs(fresh.index), problems: sortedProblems(fresh.index) };
}

async function assertSameAsFreshLoad(loaded: Loaded, step: string): Promise<void> {
  const expected = await freshState(loaded.fs);
  assert.deepEqual(
    { refs: sortedRefs(loaded.index), problems: sortedProblems(loaded.index) },
    expected,
    `after ${step}`,
  );
}

describe('Locations (through FolderCatalog)', () => {
  it('follows target and targets, each relative to the file that holds it', async () => {
    const { index } = await load({
      [LOCATION_FILE]: yamlLines(
        'apiVersion: backstage.io/v1alpha1',
        'kind: Location',
        'metadata:',
        '  name: root',
        'spec:',
        '  target: ./org/teams.yaml',
        '  targets:',
        '    - ./nested/more.yaml',
      ),
      [`${ROOT}/org/teams.yaml`]: groupYaml('team-a'),
      [`${ROOT}/nested/more.yaml`]: locationYaml('nested', ['./svc.yaml']),
      // Relative to nested/more.yaml, so this one must not be picked up...
      [`${ROOT}/svc.yaml`]: componentYaml('wrong-one'),
      // ...but this one must.
      [`${ROOT}/nested/svc.yaml`]: componentYaml('player'),
    });
    assert.deepEqual(sortedRefs(index), [
      'component:default/player',
      'group:default/team-a',
      'location:default/nested',
      'location:default/root',
    ]);
    assert.deepEqual(index.allProblems(), []);
  });

  it('expands glob targets against the files below the root', async () => {
    const { index } = await load({
      [LOCATION_FILE]: locationYaml('systems', ['./systems/*.yaml']),
      [`${ROOT}/systems/audio.yaml`]: componentYaml('audio', { owner: 'group:team-a' }),
      [`${ROOT}/systems/video.yaml`]: componentYaml('video'),
      [`${ROOT}/systems/deeper/other.yaml`]: componentYaml('not-matched'),
      [`${ROOT}/systems/notes.md`]: '# not yaml',
      [`${ROOT}/org.yaml`]: groupYaml('team-a'),
    });
    assert.deepEqual(sortedRefs(index), [
      'component:default/audio',
      'component:default/video',
      'location:default/systems',
    ]);
    // org.yaml is neither glob-matched nor targeted, so team-a dangles.
    assert.equal(problemsWithCode(index, 'dangling-ref').length, 2);
  });

  it('indexes a file both glob-matched and targeted only once', async () => {
    const { index } = await load({
      [LOCATION_FILE]: locationYaml('root', ['./services/catalog-info.yaml']),
      [`${ROOT}/services/catalog-info.yaml`]: componentYaml('player'),
      [`${ROOT}/org.catalog-info.yaml`]: groupYaml('team-a'),
    });
    assert.equal(index.getAll('component:default/player').length, 1);
    assert.deepEqual(index.allProblems(), []);
  });

  it('stops a cycle A → B → A with one location-cycle problem, and indexes both files', async function () {
    this.timeout(5000);
    const { index } = await load({
      [LOCATION_FILE]: locationYaml('a', ['./b.yaml']),
      [`${ROOT}/b.yaml`]: locationYaml('b', ['./catalog-info.yaml']),
    });
    assert.deepEqual(sortedRefs(index), ['location:default/a', 'location:default/b']);
    const cycles = problemsWithCode(index, 'location-cycle');
    assert.equal(cycles.length, 1);
    const [cycle] = cycles;
    assert.equal(cycle?.file, `${ROOT}/b.yaml`);
    assert.equal(cycle?.severity, 'error');
    assert.equal(cycle?.message, 'Location cycle: b.yaml → catalog-info.yaml → b.yaml; this target is not followed');
    assert.equal(startOf(cycle?.range ?? assert.fail('no range')), '6:6');
    assert.equal(cycle?.entityRef, 'location:default/b');
  });

  it('stops a longer cycle among files that only Locations reach', async function () {
    this.timeout(5000);
    const { index } = await load({
      [LOCATION_FILE]: locationYaml('entry', ['./b.yaml']),
      [`${ROOT}/b.yaml`]: locationYaml('b', ['./c.yaml']),
      [`${ROOT}/c.yaml`]: locationYaml('c', ['./b.yaml']),
    });
    assert.deepEqual(sortedRefs(index), ['location:default/b', 'location:default/c', 'location:default/entry']);
    assert.deepEqual(
      problemsWithCode(index, 'location-cycle').map((problem) => problem.file),
      [`${ROOT}/c.yaml`],
    );
  });

  it('refuses a Location that targets itself', async () => {
    const { index } = await load({ [LOCATION_FILE]: locationYaml('self', ['./catalog-info.yaml']) });
    const cycles = problemsWithCode(index, 'location-cycle');
    assert.equal(cycles.length, 1);
    assert.equal(cycles[0]?.file, LOCATION_FILE);
    assert.match(cycles[0]?.message ?? '', /^Location cycle: catalog-info\.yaml → catalog-info\.yaml;/);
    assert.equal(index.size, 1);
  });

  describe('refused targets', () => {
    const outside = '/elsewhere/catalog-info.yaml';

    async function problemFor(target: string): Promise<CatalogProblem> {
      const files = {
        [LOCATION_FILE]: locationYaml('root', [target]),
        [outside]: componentYaml('outside'),
        '/outside.yaml': componentYaml('outside2'),
      };
      const { index, fs: memory } = await load(files);
      const problems = index.allProblems();
      assert.equal(problems.length, 1, JSON.stringify(problems.map((problem) => problem.message)));
      assert.deepEqual(sortedRefs(index), ['location:default/root'], 'nothing outside the root is indexed');
      assert.ok(
        !memory.reads.includes(outside) && !memory.reads.includes('/outside.yaml'),
        'nothing outside the root is read',
      );
      return problems[0] ?? assert.fail('no problem');
    }

    it('refuses ../outside.yaml as location-escape, on the target', async () => {
      const problem = await problemFor('../outside.yaml');
      assert.equal(problem.code, 'location-escape');
      assert.equal(problem.severity, 'error');
      assert.match(
        problem.message,
        /^Location target "\.\.\/outside\.yaml" resolves to \/outside\.yaml, outside the workspace folder \/ws; refused$/,
      );
      assert.equal(startOf(problem.range), '6:6');
      assert.equal(problem.entityRef, 'location:default/root');
    });

    it('refuses an absolute path outside the root as location-escape', async () => {
      const problem = await problemFor(outside);
      assert.equal(problem.code, 'location-escape');
      assert.match(problem.message, /resolves to \/elsewhere\/catalog-info\.yaml, outside/);
    });

    it('refuses a path that climbs out and back in lexically only when it ends outside', async () => {
      const { index } = await load({
        [LOCATION_FILE]: locationYaml('root', ['./a/../b/x.yaml']),
        [`${ROOT}/b/x.yaml`]: componentYaml('x', { owner: 'user:u' }),
        [`${ROOT}/u.catalog-info.yaml`]: yamlLines(
          'apiVersion: backstage.io/v1alpha1',
          'kind: User',
          'metadata:',
          '  name: u',
          'spec:',
          '  memberOf: []',
        ),
      });
      assert.deepEqual(index.allProblems(), []);
      assert.ok(index.has('component:default/x'));
    });

    for (const target of ['.\\org\\teams.yaml', 'C:\\catalog\\teams.yaml', 'C:/catalog/teams.yaml']) {
      it(`refuses the Windows-style path ${target} as location-invalid`, async () => {
        const problem = await problemFor(JSON.stringify(target));
        assert.equal(problem.code, 'location-invalid');
        assert.equal(problem.severity, 'error');
        assert.match(problem.message, /Windows-style path/);
      });
    }

    it('refuses a folder as location-invalid', async () => {
      const { index } = await load({
        [LOCATION_FILE]: locationYaml('root', ['./org']),
        [`${ROOT}/org/x.yaml`]: 'kind: X\n',
      });
      assert.deepEqual(
        index.allProblems().map((problem) => [problem.code, problem.message]),
        [['location-invalid', 'Location target "./org" is not a file']],
      );
    });
  });

  describe('missing targets', () => {
    it('warns location-missing on the target, naming the resolved path', async () => {
      const { index } = await load({
        [LOCATION_FILE]: locationYaml('root', ['./exists.yaml', './gone.yaml']),
        [`${ROOT}/exists.yaml`]: groupYaml('team-a'),
      });
      const problems = index.allProblems();
      assert.deepEqual(
        problems.map((problem) => [problem.code, problem.severity, startOf(problem.range), problem.message]),
        [
          [
            'location-missing',
            'warning',
            '7:6',
            'Location target "./gone.yaml" does not exist (/ws/gone.yaml), or is a symbolic link to nothing or a link loop',
          ],
        ],
      );
    });

    it('says nothing for a missing target when presence is optional', async () => {
      const { index } = await load({
        [LOCATION_FILE]: locationYaml('root', ['./gone.yaml'], ['  presence: optional']),
      });
      assert.deepEqual(index.allProblems(), []);
    });

    it('warns about a required glob that matches nothing (Backstage reports it as not found), not an optional one', async () => {
      const { index } = await load({ [LOCATION_FILE]: locationYaml('root', ['./nothing/*.yaml']) });
      assert.deepEqual(
        index.allProblems().map((problem) => `${problem.code} ${problem.severity}`),
        ['location-missing warning'],
      );
      const optional = await load({
        [LOCATION_FILE]: locationYaml('root', ['./nothing/*.yaml'], ['  presence: optional']),
      });
      assert.deepEqual(optional.index.allProblems(), []);
    });
  });

  it('collects URL targets for remoteLocationTargets() without reading them', async () => {
    const url = 'https://github.com/acme/infra/blob/main/catalog-info.yaml';
    const {
      index,
      catalog,
      fs: memory,
    } = await load({
      [LOCATION_FILE]: locationYaml('root', [url, 'https://example.com/**/catalog-info.yaml', './team.yaml']),
      [`${ROOT}/team.yaml`]: groupYaml('team-a'),
    });
    assert.deepEqual(catalog.remoteLocationTargets(), [url, 'https://example.com/**/catalog-info.yaml']);
    assert.deepEqual(index.allProblems(), []);
    assert.deepEqual([...memory.reads].sort(), [LOCATION_FILE, `${ROOT}/team.yaml`]);
  });

  describe('incremental updates', () => {
    it('drops a file reached only through a Location when the Location stops pointing at it', async () => {
      const loaded = await load({
        [LOCATION_FILE]: locationYaml('root', ['./teams.yaml', './nested.yaml']),
        [`${ROOT}/teams.yaml`]: groupYaml('team-a'),
        [`${ROOT}/nested.yaml`]: locationYaml('nested', ['./deep.yaml']),
        [`${ROOT}/deep.yaml`]: componentYaml('deep'),
      });
      assert.deepEqual(sortedRefs(loaded.index), [
        'component:default/deep',
        'group:default/team-a',
        'location:default/nested',
        'location:default/root',
      ]);

      const edited = locationYaml('root', ['./teams.yaml']);
      loaded.fs.write(LOCATION_FILE, edited);
      await loaded.catalog.updateFile(LOCATION_FILE, edited);
      // nested.yaml and what only it reached (deep.yaml) are gone.
      assert.deepEqual(sortedRefs(loaded.index), ['group:default/team-a', 'location:default/root']);
      assert.deepEqual(loaded.index.indexedFiles().sort(), [LOCATION_FILE, `${ROOT}/teams.yaml`]);
      assert.equal(loaded.catalog.tracks(`${ROOT}/deep.yaml`), false);
      await assertSameAsFreshLoad(loaded, 'removing a target');
    });

    it('uses unsaved text given to updateFile instead of the file on disk', async () => {
      const loaded = await load({ [LOCATION_FILE]: componentYaml('on-disk') });
      await loaded.catalog.updateFile(LOCATION_FILE, componentYaml('unsaved'));
      assert.deepEqual(sortedRefs(loaded.index), ['component:default/unsaved']);
    });

    it('tracks, then indexes, a new file that a Location glob or a missing target wants', async () => {
      const loaded = await load({ [LOCATION_FILE]: locationYaml('root', ['./systems/*.yaml', './later.yaml']) });
      assert.deepEqual(
        loaded.index.allProblems().map((problem) => problem.code),
        ['location-missing', 'location-missing'],
      );
      for (const [file, name] of [
        [`${ROOT}/systems/audio.yaml`, 'audio'],
        [`${ROOT}/later.yaml`, 'later'],
      ] as const) {
        assert.equal(loaded.catalog.tracks(file), true, `${file} is wanted before it exists`);
        loaded.fs.write(file, groupYaml(name));
        await loaded.catalog.updateFile(file);
      }
      assert.deepEqual(sortedRefs(loaded.index), [
        'group:default/audio',
        'group:default/later',
        'location:default/root',
      ]);
      assert.deepEqual(loaded.index.allProblems(), []);
      assert.equal(loaded.catalog.tracks(`${ROOT}/systems/deeper/x.yaml`), false);
      assert.equal(loaded.catalog.tracks(`${ROOT}/other.yaml`), false);
    });

    it('ignores files that are neither glob-matched nor targeted', async () => {
      const loaded = await load({ [LOCATION_FILE]: componentYaml('player') });
      loaded.fs.write(`${ROOT}/random.yaml`, componentYaml('random'));
      await loaded.catalog.updateFile(`${ROOT}/random.yaml`);
      assert.deepEqual(sortedRefs(loaded.index), ['component:default/player']);
    });

    it('ends in the same state as a fresh loadAll after every step of a series of edits', async () => {
      const loaded = await load({
        [LOCATION_FILE]: locationYaml('root', ['./systems/*.yaml', './org/teams.yaml', './later.yaml']),
        [`${ROOT}/systems/audio.yaml`]: componentYaml('audio', { owner: 'team-a' }),
        [`${ROOT}/org/teams.yaml`]: groupYaml('team-a'),
        [`${ROOT}/services/catalog-info.yaml`]: componentYaml('player', {
          owner: 'team-b',
          spec: ['  dependsOn: [component:audio]'],
        }),
      });
      await assertSameAsFreshLoad(loaded, 'the first load');

      const steps: { name: string; run: () => Promise<void> }[] = [
        {
          name: 'editing a glob-matched catalog file',
          run: async () => {
            loaded.fs.write(`${ROOT}/services/catalog-info.yaml`, componentYaml('player', { owner: 'team-a' }));
            await loaded.catalog.updateFile(`${ROOT}/services/catalog-info.yaml`);
          },
        },
        {
          name: 'editing a targeted file',
          run: async () => {
            loaded.fs.write(
              `${ROOT}/org/teams.yaml`,
              yamlLines(
                'apiVersion: backstage.io/v1alpha1',
                'kind: Group',
                'metadata:',
                '  name: Team A!',
                'spec:',
                '  type: team',
                '  children: []',
              ),
            );
            await loaded.catalog.updateFile(`${ROOT}/org/teams.yaml`);
          },
        },
        {
          name: 'creating a file that a Location glob matches',
          run: async () => {
            loaded.fs.write(`${ROOT}/systems/video.yaml`, componentYaml('video'));
            await loaded.catalog.updateFile(`${ROOT}/systems/video.yaml`);
          },
        },
        {
          name: 'creating the file a Location reported missing',
          run: async () => {
            loaded.fs.write(`${ROOT}/later.yaml`, groupYaml('team-b'));
            await loaded.catalog.updateFile(`${ROOT}/later.yaml`);
          },
        },
        {
          name: 'deleting a targeted file',
          run: async () => {
            loaded.fs.delete(`${ROOT}/org/teams.yaml`);
            await loaded.catalog.deleteFile(`${ROOT}/org/teams.yaml`);
          },
        },
        {
          name: 'deleting a file matched by a Location glob',
          run: async () => {
            loaded.fs.delete(`${ROOT}/systems/audio.yaml`);
            await loaded.catalog.deleteFile(`${ROOT}/systems/audio.yaml`);
          },
        },
        {
          name: 'turning a targeted file into a Location that closes a cycle',
          run: async () => {
            loaded.fs.write(
              `${ROOT}/later.yaml`,
              locationYaml('later', ['./catalog-info.yaml', './services/catalog-info.yaml']),
            );
            await loaded.catalog.updateFile(`${ROOT}/later.yaml`);
          },
        },
        {
          name: 'deleting the Location file',
          run: async () => {
            loaded.fs.delete(LOCATION_FILE);
            await loaded.catalog.deleteFile(LOCATION_FILE);
          },
        },
        {
          name: 'creating a new glob-matched catalog file',
          run: async () => {
            loaded.fs.write(`${ROOT}/new/catalog-info.yml`, groupYaml('team-b'));
            await loaded.catalog.updateFile(`${ROOT}/new/catalog-info.yml`);
          },
        },
      ];
      for (const step of steps) {
        await step.run();
        await assertSameAsFreshLoad(loaded, step.name);
      }
    });
  });

  describe('on the real file system', () => {
    let sandbox: string;
    let root: string;

    beforeEach(async () => {
      sandbox = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'greenroom-locations-')));
      root = path.join(sandbox, 'workspace');
      await fs.mkdir(path.join(root, 'org'), { recursive: true });
      await fs.mkdir(path.join(sandbox, 'outside'), { recursive: true });
    });

    afterEach(async () => {
      await fs.rm(sandbox, { recursive: true, force: true });
    });

    it('follows a relative target to a real file', async () => {
      await fs.writeFile(path.join(root, 'catalog-info.yaml'), locationYaml('root', ['./org/teams.yaml']));
      await fs.writeFile(path.join(root, 'org', 'teams.yaml'), groupYaml('team-a'));
      const { index } = await loadWith(nodeCatalogFileSystem, root);
      assert.deepEqual(sortedRefs(index), ['group:default/team-a', 'location:default/root']);
      assert.deepEqual(index.allProblems(), []);
    });

    it('refuses a target that is a symbolic link to a file outside the root', async () => {
      const secret = path.join(sandbox, 'outside', 'secret.yaml');
      await fs.writeFile(secret, componentYaml('secret'));
      await fs.symlink(secret, path.join(root, 'org', 'linked.yaml'));
      await fs.writeFile(path.join(root, 'catalog-info.yaml'), locationYaml('root', ['./org/linked.yaml']));
      const { index } = await loadWith(nodeCatalogFileSystem, root);
      assert.deepEqual(sortedRefs(index), ['location:default/root']);
      const problems = index.allProblems();
      assert.deepEqual(
        problems.map((problem) => [problem.code, startOf(problem.range)]),
        [['location-escape', '6:6']],
      );
      assert.ok(
        problems[0]?.message.includes(`links to ${secret}, outside the workspace folder`),
        problems[0]?.message,
      );
    });

    it('accepts a symbolic link that stays inside the root', async () => {
      await fs.writeFile(path.join(root, 'org', 'teams.yaml'), groupYaml('team-a'));
      await fs.symlink(path.join(root, 'org', 'teams.yaml'), path.join(root, 'linked.yaml'));
      await fs.writeFile(path.join(root, 'catalog-info.yaml'), locationYaml('root', ['./linked.yaml']));
      const { index } = await loadWith(nodeCatalogFileSystem, root);
      assert.deepEqual(index.allProblems(), []);
      assert.deepEqual(sortedRefs(index), ['group:default/team-a', 'location:default/root']);
    });
  });

  describe('on the in-memory file system', () => {
    it('refuses a symbolic link out of the root like the real one', async () => {
      const memory = new MemoryFileSystem(
        { [LOCATION_FILE]: locationYaml('root', ['./linked.yaml']), '/secret/catalog.yaml': componentYaml('secret') },
        { symlinks: { [`${ROOT}/linked.yaml`]: '/secret/catalog.yaml' } },
      );
      const { index } = await loadWith(memory);
      assert.deepEqual(
        index.allProblems().map((problem) => problem.code),
        ['location-escape'],
      );
      assert.ok(!memory.reads.includes(`${ROOT}/linked.yaml`));
    });
  });
});
