import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { MultiFolderCatalog, type CatalogIndex } from '../../../src/catalog';
import { sortedProblems, sortedRelations } from '../support/catalogFixtures';
import { MemoryFileSystem } from '../support/memoryFileSystem';
import {
  apiLines,
  componentLines,
  groupLines,
  locationLines,
  NAMES,
  systemLines,
  TEAMS,
  text,
} from './support/catalogDocs';
import { checkAsync, logCasesWhenDone } from './support/fuzz';

/**
 * Model-based test of incremental indexing: random create/change/delete/rename events (and
 * whole folders appearing and going) are applied to an in-memory file system and reported to
 * a MultiFolderCatalog one at a time, as the file watcher does. After every event the index must
 * equal what a fresh MultiFolderCatalog.loadAll() builds from the same files: the same refs,
 * relations and problems (messages included).
 */
const SUITE = 'index consistency';
const ROOT = '/ws';

/** Every path events touch: glob-matched, reached only through Locations, excluded, nested. */
const PATHS = [
  'catalog-info.yaml',
  'services/catalog-info.yaml',
  'services/api.catalog-info.yml',
  'services/deep/catalog-info.yaml',
  'org/teams.yaml',
  'systems/one.yaml',
  'systems/two.yaml',
  'later.yaml',
  'node_modules/pkg/catalog-info.yaml',
  'templates/t/skeleton/catalog-info.yaml',
  // A folder whose name starts with two dots is an ordinary folder (Kubernetes mounts `..data`).
  '..data/catalog-info.yaml',
  // Backstage's config: its locations are roots and its rules drop what they refuse.
  'app-config.yaml',
] as const;
const FOLDERS = ['services', 'systems', 'org', 'services/deep', 'node_modules'] as const;

/** Location targets, as root-relative paths or a glob; written relative to the Location file. */
const TARGETS = [
  'org/teams.yaml',
  'later.yaml',
  'systems/*.yaml',
  '..data/catalog-info.yaml',
  'services/catalog-info.yaml',
  'catalog-info.yaml',
  'systems/one.yaml',
  'missing.yaml',
  '../outside.yaml',
  'services/deep/catalog-info.yaml',
] as const;

type Content =
  | {
      readonly kind: 'component';
      readonly name: string;
      readonly owner: string;
      readonly dependsOn: readonly string[];
      readonly system: string | undefined;
      readonly invalid: boolean;
    }
  | { readonly kind: 'group'; readonly name: string; readonly parent: string | undefined; readonly invalid: boolean }
  | { readonly kind: 'system'; readonly name: string; readonly owner: string }
  | { readonly kind: 'api'; readonly name: string; readonly owner: string }
  | { readonly kind: 'location'; readonly name: string; readonly targets: readonly string[] }
  | { readonly kind: 'appConfig'; readonly allow: readonly string[] | undefined; readonly targets: readonly string[] }
  | { readonly kind: 'multi'; readonly first: Content; readonly second: Content }
  | { readonly kind: 'broken' }
  | { readonly kind: 'empty' };

const single: fc.Arbitrary<Content> = fc.oneof(
  fc.record({
    kind: fc.constant('component' as const),
    name: fc.constantFrom(...NAMES),
    owner: fc.constantFrom(...TEAMS, 'team-c'),
    dependsOn: fc.subarray([...NAMES], { maxLength: 2 }),
    system: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
    // Backstage rejects an invalid entity: it contributes no relations, and none attach to it.
    invalid: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('group' as const),
    name: fc.constantFrom(...TEAMS, 'team-c'),
    parent: fc.option(fc.constantFrom(...TEAMS), { nil: undefined }),
    invalid: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('system' as const),
    name: fc.constantFrom(...NAMES),
    owner: fc.constantFrom(...TEAMS),
  }),
  fc.record({ kind: fc.constant('api' as const), name: fc.constantFrom(...NAMES), owner: fc.constantFrom(...TEAMS) }),
  fc.record({
    kind: fc.constant('location' as const),
    name: fc.constantFrom(...NAMES),
    targets: fc.subarray([...TARGETS], { minLength: 1, maxLength: 3 }),
  }),
  fc.constant({ kind: 'broken' as const }),
  fc.constant({ kind: 'empty' as const }),
);
const appConfig: fc.Arbitrary<Content> = fc.record({
  kind: fc.constant('appConfig' as const),
  // undefined: no catalog.rules, so Backstage's default (Component, API, Location) applies.
  allow: fc.option(fc.subarray(['Component', 'API', 'Location', 'Group', 'System']), { nil: undefined }),
  targets: fc.subarray(['org/teams.yaml', 'later.yaml', 'systems/*.yaml', 'missing.yaml'], { maxLength: 2 }),
});
const content: fc.Arbitrary<Content> = fc.oneof(
  { weight: 6, arbitrary: single },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('multi' as const), first: single, second: single }) },
  { weight: 1, arbitrary: appConfig },
);

/** Renders a content for a file; Location targets become relative to that file's folder. */
function render(file: string, value: Content): string[] {
  switch (value.kind) {
    case 'component':
      return componentLines(value.name, value.owner, [
        ...(value.dependsOn.length > 0
          ? ['  dependsOn:', ...value.dependsOn.map((name) => `    - component:${name}`)]
          : []),
        ...(value.system ? [`  system: ${value.system}`] : []),
        ...(value.invalid ? ['  providesApis: {not: a-list}'] : []),
      ]);
    case 'group':
      return groupLines(value.name, [
        ...(value.parent ? [`  parent: ${value.parent}`] : []),
        ...(value.invalid ? ['  members: {not: a-list}'] : []),
      ]);
    case 'system':
      return systemLines(value.name, value.owner);
    case 'api':
      return apiLines(`${value.name}-api`, value.owner);
    case 'location': {
      const folder = path.posix.dirname(path.posix.join(ROOT, file));
      const relative = value.targets.map((target) => {
        const written = path.posix.relative(folder, path.posix.join(ROOT, target));
        return written.startsWith('.') ? written : `./${written}`;
      });
      return locationLines(`${value.name}-location`, relative);
    }
    case 'appConfig':
      return [
        'catalog:',
        ...(value.allow ? ['  rules:', `    - allow: [${value.allow.join(', ')}]`] : []),
        '  locations:',
        ...value.targets.flatMap((target) => ['    - type: file', `      target: ./${target}`]),
      ];
    case 'multi':
      return [...render(file, value.first), '---', ...render(file, value.second)];
    case 'broken':
      return [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata: {name: [broken',
        'spec:',
        '  owner: team-a',
      ];
    case 'empty':
      return ['# nothing here yet'];
  }
}

type Event =
  | { readonly type: 'write'; readonly file: number; readonly content: Content }
  | { readonly type: 'delete'; readonly file: number }
  | { readonly type: 'rename'; readonly from: number; readonly to: number }
  | { readonly type: 'touch'; readonly file: number }
  | { readonly type: 'deleteFolder'; readonly folder: number }
  | {
      readonly type: 'addFolder';
      readonly folder: number;
      readonly files: readonly { readonly file: number; readonly content: Content }[];
    };

const fileIndex = fc.nat({ max: PATHS.length - 1 });
const folderIndex = fc.nat({ max: FOLDERS.length - 1 });
const event: fc.Arbitrary<Event> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ type: fc.constant('write' as const), file: fileIndex, content }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('delete' as const), file: fileIndex }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('rename' as const), from: fileIndex, to: fileIndex }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('touch' as const), file: fileIndex }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('deleteFolder' as const), folder: folderIndex }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('addFolder' as const),
      folder: folderIndex,
      files: fc.array(fc.record({ file: fileIndex, content }), { minLength: 1, maxLength: 3 }),
    }),
  },
);

const absolute = (relative: string): string => path.posix.join(ROOT, relative);

function pathAt(position: number): string {
  return PATHS[position % PATHS.length] ?? PATHS[0];
}

function describeEvent(value: Event): string {
  switch (value.type) {
    case 'write':
      return `write ${pathAt(value.file)} (${value.content.kind})`;
    case 'delete':
    case 'touch':
      return `${value.type} ${pathAt(value.file)}`;
    case 'rename':
      return `rename ${pathAt(value.from)} → ${pathAt(value.to)}`;
    case 'deleteFolder':
    case 'addFolder':
      return `${value.type} ${FOLDERS[value.folder] ?? ''}`;
  }
}

/** Applies one event to the files and reports it to the workspace the way the extension's watchers do. */
async function apply(fs: MemoryFileSystem, workspace: MultiFolderCatalog, value: Event): Promise<void> {
  const files = fs.snapshot();
  switch (value.type) {
    case 'write': {
      const file = absolute(pathAt(value.file));
      fs.write(file, text(render(pathAt(value.file), value.content)));
      await workspace.updateFile(file);
      return;
    }
    case 'delete': {
      // Watchers also report deletions of files that are already gone; those must be harmless.
      const file = absolute(pathAt(value.file));
      fs.delete(file);
      await workspace.deleteFile(file);
      return;
    }
    case 'touch': {
      // A change event (a save without edits, a metadata change) for a file that exists.
      const file = absolute(pathAt(value.file));
      if (files[file] !== undefined) {
        await workspace.updateFile(file);
      }
      return;
    }
    case 'rename': {
      const from = absolute(pathAt(value.from));
      const to = absolute(pathAt(value.to));
      const moved = files[from];
      if (moved === undefined || from === to) {
        return;
      }
      // A rename is a delete of the old path and a create of the new one.
      fs.delete(from);
      fs.write(to, moved);
      await workspace.deleteFile(from);
      await workspace.updateFile(to);
      return;
    }
    case 'deleteFolder': {
      const folder = absolute(FOLDERS[value.folder] ?? 'services');
      for (const file of Object.keys(files).filter((candidate) => candidate.startsWith(`${folder}/`))) {
        fs.delete(file);
      }
      await workspace.deletedFolder(folder);
      return;
    }
    case 'addFolder': {
      // A checkout or an unzip: several files appear at once and only the folder is reported.
      const folder = FOLDERS[value.folder] ?? 'services';
      const inside = value.files
        .map(({ file, content: written }) => ({ relative: pathAt(file), written }))
        .filter(({ relative }) => relative.startsWith(`${folder}/`));
      if (inside.length === 0) {
        return;
      }
      for (const { relative, written } of inside) {
        fs.write(absolute(relative), text(render(relative, written)));
      }
      await workspace.addedFolder(absolute(folder));
      return;
    }
  }
}

interface IndexState {
  readonly refs: string[];
  readonly relations: string[];
  /** Per ref, its relations as the entity page and the Owners view read them. */
  readonly relationsByRef: string[];
  readonly problems: string[];
}

/**
 * A duplicate's message lists the other copies in the order they were indexed, which differs
 * between an incremental history and a fresh load; the set of copies is what must agree.
 */
function normalized(problem: string): string {
  return problem.replace(
    /(is defined more than once; also at )(.*)$/,
    (_match, head: string, copies: string) => head + copies.split(', ').sort().join(', '),
  );
}

/** Every ref any relation or record names, with what `relationsOf` answers for it. */
function relationsByRef(index: CatalogIndex): string[] {
  const records = [...index.refs()].flatMap((ref) => index.getAll(ref));
  const refs = new Set([
    ...index.refs(),
    ...records.flatMap((record) => record.references.map((site) => site.targetRef)),
  ]);
  return [...refs].sort().map((ref) => {
    const { outgoing, incoming } = index.relationsOf(ref);
    const shown = (relations: typeof outgoing): string =>
      relations
        .map((relation) => `${relation.source} ${relation.type} ${relation.target}`)
        .sort()
        .join(', ');
    return `${ref} (${index.isAccepted(ref) ? 'accepted' : 'not accepted'}) out: ${shown(outgoing)} in: ${shown(incoming)}`;
  });
}

function stateOf(index: CatalogIndex): IndexState {
  return {
    refs: [...index.refs()].sort(),
    relations: sortedRelations(index),
    relationsByRef: relationsByRef(index),
    problems: sortedProblems(index).map(normalized).sort(),
  };
}

async function freshState(files: Record<string, string>): Promise<IndexState> {
  const workspace = new MultiFolderCatalog({ fs: new MemoryFileSystem(files) });
  workspace.addFolder(ROOT);
  await workspace.loadAll();
  const state = stateOf(workspace.index);
  workspace.dispose();
  return state;
}

/** A few files to start from, so the first events already meet Locations and references. */
const initialFiles = fc.array(fc.record({ file: fileIndex, content }), { maxLength: 5 }).map((entries) => {
  const files: Record<string, string> = {};
  for (const entry of entries) {
    files[absolute(pathAt(entry.file))] = text(render(pathAt(entry.file), entry.content));
  }
  return files;
});

describe('reliability: index consistency (incremental updates vs a full rebuild)', function () {
  this.timeout(60_000);
  logCasesWhenDone(SUITE);

  it('after every event of a random sequence, the incremental index equals a fresh loadAll of the same files', async () => {
    await checkAsync(
      SUITE,
      120,
      fc.asyncProperty(initialFiles, fc.array(event, { minLength: 1, maxLength: 12 }), async (initial, events) => {
        const fs = new MemoryFileSystem(initial);
        const workspace = new MultiFolderCatalog({ fs });
        workspace.addFolder(ROOT);
        await workspace.loadAll();
        const steps = ['initial load'];
        assert.deepEqual(
          stateOf(workspace.index),
          await freshState(fs.snapshot()),
          'the first load differs from a fresh one',
        );
        for (const value of events) {
          await apply(fs, workspace, value);
          steps.push(describeEvent(value));
          assert.deepEqual(stateOf(workspace.index), await freshState(fs.snapshot()), `after: ${steps.join(' / ')}`);
        }
        workspace.dispose();
      }),
    );
  });

  it('a burst of events reported without waiting (as watchers fire them) ends in the state of a fresh load', async () => {
    await checkAsync(
      SUITE,
      60,
      fc.asyncProperty(initialFiles, fc.array(event, { minLength: 1, maxLength: 12 }), async (initial, events) => {
        const fs = new MemoryFileSystem(initial);
        const workspace = new MultiFolderCatalog({ fs });
        workspace.addFolder(ROOT);
        await workspace.loadAll();
        // The events race: each starts before the previous one is indexed (the file system changes at once).
        await Promise.all(events.map((value) => apply(fs, workspace, value)));
        assert.deepEqual(
          stateOf(workspace.index),
          await freshState(fs.snapshot()),
          events.map(describeEvent).join(' / '),
        );
        workspace.dispose();
      }),
    );
  });
});
