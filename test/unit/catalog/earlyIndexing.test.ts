import * as assert from 'node:assert/strict';
import { CatalogIndex, FolderCatalog, type DirectoryEntry } from '../../../src/catalog';
import {
  componentYaml,
  groupYaml,
  locationYaml,
  ROOT,
  sortedProblems,
  sortedRefs,
  sortedRelations,
  templateYaml,
  yamlLines,
} from '../support/catalogFixtures';
import { MemoryFileSystem } from '../support/memoryFileSystem';

/** A file system whose folders take a few milliseconds each to read, as a large checkout's do. */
class SlowListingFileSystem extends MemoryFileSystem {
  directoryReadsDone = 0;

  override async readDirectory(directoryPath: string): Promise<DirectoryEntry[]> {
    await new Promise((resolve) => setTimeout(resolve, 2));
    try {
      return await super.readDirectory(directoryPath);
    } finally {
      this.directoryReadsDone++;
    }
  }
}

/**
 * Every kind of file a load treats specially, among many plain ones: Location cycles between
 * glob matches, Locations pulling in glob matches and files no glob matches, a missing target,
 * a glob target, Template content, excluded folders, a link, a broken file, catalog rules.
 */
function trickyWorkspace(withRules: boolean): Record<string, string> {
  const files: Record<string, string> = {
    [`${ROOT}/a/catalog-info.yaml`]: locationYaml('a', ['../b/catalog-info.yaml', '../extra/teams.yaml']),
    [`${ROOT}/b/catalog-info.yaml`]: locationYaml('b', ['../a/catalog-info.yaml', '../svc-07/catalog-info.yaml']),
    [`${ROOT}/extra/teams.yaml`]: groupYaml('team-a'),
    // A listing that reads folders in any order may find cy-2 first: path order decides which edge is refused.
    [`${ROOT}/cy-1/catalog-info.yaml`]: locationYaml('cy-1', ['../cy-2/catalog-info.yaml']),
    [`${ROOT}/cy-2/catalog-info.yaml`]: locationYaml('cy-2', ['../cy-1/catalog-info.yaml']),
    [`${ROOT}/m/catalog-info.yaml`]: locationYaml('m', ['./missing.yaml', '../more/*.yaml', '../z/catalog-info.yaml']),
    [`${ROOT}/more/one.yaml`]: componentYaml('more-one'),
    [`${ROOT}/more/two.yaml`]: locationYaml('more-two', ['../a/catalog-info.yaml']),
    [`${ROOT}/z/catalog-info.yaml`]: componentYaml('zed'),
    // One entity twice: the first copy in path order is the one the index answers with.
    [`${ROOT}/dup-1/catalog-info.yaml`]: componentYaml('dup'),
    [`${ROOT}/dup-2/catalog-info.yaml`]: componentYaml('dup'),
    [`${ROOT}/templates/service/catalog-info.yaml`]: templateYaml('service', [
      { action: 'fetch:template', url: './content' },
    ]),
    [`${ROOT}/templates/service/content/catalog-info.yaml`]: componentYaml('rendered'),
    [`${ROOT}/node_modules/pkg/catalog-info.yaml`]: componentYaml('vendored'),
    [`${ROOT}/broken/catalog-info.yaml`]: 'kind: [unclosed\n',
    [`${ROOT}/db/catalog-info.yaml`]: yamlLines(
      'apiVersion: backstage.io/v1alpha1',
      'kind: Resource',
      'metadata:',
      '  name: db',
      'spec:',
      '  type: database',
      '  owner: team-a',
    ),
  };
  for (let service = 0; service < 40; service++) {
    const name = `svc-${String(service).padStart(2, '0')}`;
    files[`${ROOT}/${name}/catalog-info.yaml`] = componentYaml(name, {
      spec: service > 0 ? [`  dependsOn: [component:svc-${String(service - 1).padStart(2, '0')}]`] : [],
    });
    files[`${ROOT}/${name}/src/index.ts`] = 'export {};\n';
  }
  if (withRules) {
    files[`${ROOT}/app-config.yaml`] = yamlLines(
      'catalog:',
      '  rules:',
      '    - allow: [Component, API, Location, Template, Group]',
      '  locations:',
      '    - type: file',
      '      target: ./extra/teams.yaml',
    );
  }
  return files;
}

interface LoadedState {
  readonly refs: string[];
  readonly problems: string[];
  readonly relations: string[];
  readonly files: string[];
  /** Per ref, the files of its copies in the index's order (the first one wins). */
  readonly copies: string[];
}

async function loadState(
  fs: MemoryFileSystem,
  indexWhileListing: boolean,
  onChange?: (index: CatalogIndex) => void,
): Promise<LoadedState> {
  const index = new CatalogIndex();
  const listener = onChange ? index.onDidChange(() => onChange(index)) : undefined;
  const catalog = new FolderCatalog(ROOT, { fs, index, indexWhileListing });
  await catalog.loadAll();
  listener?.dispose();
  return {
    refs: sortedRefs(index),
    problems: sortedProblems(index),
    relations: sortedRelations(index),
    files: index.indexedFiles().sort(),
    copies: sortedRefs(index).map(
      (ref) =>
        `${ref}: ${index
          .getAll(ref)
          .map((copy) => copy.file)
          .join(', ')}`,
    ),
  };
}

describe('Indexing while the folder is listed', () => {
  for (const withRules of [false, true]) {
    it(`gives the index a load that lists first gives${withRules ? ' (app-config rules and locations)' : ''}`, async () => {
      const files = trickyWorkspace(withRules);
      const listedFirst = await loadState(new MemoryFileSystem(files), false);
      const slow = new SlowListingFileSystem(files, {
        symlinks: { [`${ROOT}/linked/catalog-info.yaml`]: `${ROOT}/svc-03/catalog-info.yaml` },
      });
      const reference = await loadState(
        new MemoryFileSystem(files, {
          symlinks: { [`${ROOT}/linked/catalog-info.yaml`]: `${ROOT}/svc-03/catalog-info.yaml` },
        }),
        false,
      );
      const streamed = await loadState(slow, true);
      assert.deepEqual(streamed, reference);
      // The fixture exercises what it claims: a cycle, a missing target, withheld content, rules.
      const problems = streamed.problems.join('\n');
      assert.match(problems, /cy-2\/catalog-info\.yaml location-cycle/);
      assert.doesNotMatch(problems, /cy-1\/catalog-info\.yaml location-cycle/);
      assert.match(problems, /missing\.yaml/);
      assert.ok(!streamed.refs.includes('component:default/rendered'), 'template content is withheld');
      assert.ok(!streamed.refs.includes('component:default/vendored'), 'node_modules is excluded');
      assert.ok(streamed.refs.includes('component:default/more-one'), 'a glob target is followed');
      assert.ok(
        streamed.copies.includes(
          `component:default/dup: ${ROOT}/dup-1/catalog-info.yaml, ${ROOT}/dup-2/catalog-info.yaml`,
        ),
      );
      if (withRules) {
        assert.match(problems, /Resource/);
      }
      // Without the link the same holds for the plain memory file system.
      assert.deepEqual(await loadState(new MemoryFileSystem(files), true), listedFirst);
    });
  }

  it('puts entities in the index before the listing ends', async () => {
    const fs = new SlowListingFileSystem(trickyWorkspace(false));
    let readsAtFirstEntity: number | undefined;
    await loadState(fs, true, (index) => {
      if (readsAtFirstEntity === undefined && index.size > 0) {
        readsAtFirstEntity = fs.directoryReadsDone;
      }
    });
    assert.ok(readsAtFirstEntity !== undefined, 'no entity was indexed');
    assert.ok(
      readsAtFirstEntity < fs.directoryReadsDone / 2,
      `the first entity came after ${readsAtFirstEntity} of ${fs.directoryReadsDone} folder reads`,
    );
  });

  it('waits for the whole listing when asked to list first', async () => {
    const fs = new SlowListingFileSystem(trickyWorkspace(false));
    let readsAtFirstEntity: number | undefined;
    await loadState(fs, false, (index) => {
      readsAtFirstEntity ??= index.size > 0 ? fs.directoryReadsDone : undefined;
    });
    assert.equal(readsAtFirstEntity, fs.directoryReadsDone);
  });

  it('counts files while listing without a total, then of the total', async () => {
    const files = trickyWorkspace(false);
    const fs = new SlowListingFileSystem(files);
    const catalog = new FolderCatalog(ROOT, { fs, index: new CatalogIndex() });
    const seen: [number, number | undefined][] = [];
    await catalog.loadAll((done, total) => seen.push([done, total]));
    const withoutTotal = seen.filter(([, total]) => total === undefined);
    assert.ok(withoutTotal.length > 0, 'no count while listing');
    const last = seen[seen.length - 1];
    assert.ok(last);
    const [done, total] = last;
    assert.equal(done, total);
    // Each glob match counted once (node_modules is not listed).
    const globMatches = Object.keys(files).filter(
      (file) => file.endsWith('/catalog-info.yaml') && !file.includes('/node_modules/'),
    );
    assert.equal(total, globMatches.length);
    const counts = seen.map(([count]) => count);
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => a - b),
      'the count never goes back',
    );
  });
});
