import * as assert from 'node:assert/strict';
import { CatalogIndex, type CatalogChangeEvent, type CatalogProblem } from '../../../src/catalog';
import {
  componentLines,
  componentYaml,
  groupYaml,
  parse,
  problemCodes,
  sortedRefs,
  spanOf,
  yamlLines,
} from '../support/catalogFixtures';

const SERVICES = '/ws/services/catalog-info.yaml';
const TEAMS = '/ws/teams/catalog-info.yaml';
const COPY = '/ws/copy/catalog-info.yaml';

async function upsert(index: CatalogIndex, file: string, text: string): Promise<CatalogChangeEvent> {
  return index.upsertFile(await parse(text, file));
}

function codesOf(problems: readonly CatalogProblem[], code: CatalogProblem['code']): CatalogProblem[] {
  return problems.filter((problem) => problem.code === code);
}

describe('CatalogIndex', () => {
  let index: CatalogIndex;

  beforeEach(() => {
    index = new CatalogIndex();
  });

  afterEach(() => {
    index.dispose();
  });

  describe('lookups', () => {
    beforeEach(async () => {
      await upsert(
        index,
        SERVICES,
        yamlLines(
          ...componentLines('player', { owner: 'team-audio' }),
          '---',
          ...componentLines('search', { owner: 'user:jdoe' }),
        ),
      );
      await upsert(index, TEAMS, groupYaml('team-audio'));
    });

    it('finds entities by ref, case-insensitively', () => {
      assert.equal(index.size, 3);
      assert.equal(index.get('Component:Default/Player')?.entity.metadata.name, 'player');
      assert.ok(index.has('group:default/team-audio'));
      assert.equal(index.get('component:default/nope'), undefined);
      assert.deepEqual(sortedRefs(index), [
        'component:default/player',
        'component:default/search',
        'group:default/team-audio',
      ]);
    });

    it('lists entities by kind', () => {
      assert.deepEqual(
        index
          .byKind('Component')
          .map((record) => record.ref)
          .sort(),
        ['component:default/player', 'component:default/search'],
      );
      assert.deepEqual(
        index.byKind('group').map((record) => record.ref),
        ['group:default/team-audio'],
      );
      assert.deepEqual(index.kinds().sort(), ['component', 'group']);
      assert.deepEqual(index.byKind('api'), []);
    });

    it('lists entities by resolved owner', () => {
      assert.deepEqual(
        index.byOwner('group:default/team-audio').map((record) => record.ref),
        ['component:default/player'],
      );
      assert.deepEqual(
        index.byOwner('USER:default/jdoe').map((record) => record.ref),
        ['component:default/search'],
      );
      assert.deepEqual(index.owners().sort(), ['group:default/team-audio', 'user:default/jdoe']);
    });

    it('lists entities by file, in document order', () => {
      assert.deepEqual(
        index.byFile(SERVICES).map((record) => record.ref),
        ['component:default/player', 'component:default/search'],
      );
      assert.deepEqual(index.byFile('/ws/unknown.yaml'), []);
      assert.deepEqual(index.indexedFiles().sort(), [SERVICES, TEAMS]);
    });

    it('answers which files refer to a ref', () => {
      assert.deepEqual(index.filesReferring('group:default/team-audio'), [SERVICES]);
      assert.deepEqual(index.filesReferring('group:default/nobody'), []);
    });
  });

  describe('updates and events', () => {
    it('replaces everything a file contributed when it is upserted again', async () => {
      await upsert(
        index,
        SERVICES,
        yamlLines(...componentLines('a', { owner: 'team-x' }), '---', ...componentLines('b')),
      );
      const event = await upsert(index, SERVICES, yamlLines(...componentLines('b'), '---', ...componentLines('c')));
      assert.deepEqual(sortedRefs(index), ['component:default/b', 'component:default/c']);
      assert.deepEqual(event.files, [SERVICES]);
      assert.deepEqual(event.added, ['component:default/c']);
      assert.deepEqual(event.removed, ['component:default/a']);
      assert.deepEqual(event.updated, ['component:default/b']);
      assert.deepEqual(index.byOwner('group:default/team-x'), []);
      assert.deepEqual(index.owners(), ['group:default/team-a']);
      assert.ok(
        index.relations().every((relation) => !relation.source.endsWith('/a') && !relation.target.endsWith('/a')),
      );
    });

    it('removes a file and reports its refs as removed', async () => {
      await upsert(index, SERVICES, componentYaml('player'));
      const event = index.removeFile(SERVICES);
      assert.deepEqual(event?.removed, ['component:default/player']);
      assert.deepEqual(event?.added, []);
      assert.equal(index.size, 0);
      assert.deepEqual(index.relations(), []);
      assert.deepEqual(index.kinds(), []);
      assert.equal(index.removeFile(SERVICES), undefined);
    });

    it('fires onDidChange once per update with the returned event, until the listener is disposed', async () => {
      const seen: CatalogChangeEvent[] = [];
      const subscription = index.onDidChange((event) => seen.push(event));
      const first = await upsert(index, SERVICES, componentYaml('player'));
      const second = index.removeFile(SERVICES);
      subscription.dispose();
      await upsert(index, SERVICES, componentYaml('player'));
      assert.deepEqual(seen, [first, second]);
    });

    it('keeps notifying other listeners when one throws', async () => {
      let calls = 0;
      index.onDidChange(() => {
        throw new Error('boom');
      });
      index.onDidChange(() => calls++);
      await upsert(index, SERVICES, componentYaml('player'));
      assert.equal(calls, 1);
    });

    it('lists files whose refs start to resolve or dangle in affectedFiles', async () => {
      await upsert(index, SERVICES, componentYaml('player', { owner: 'team-audio' }));
      const added = await upsert(index, TEAMS, groupYaml('team-audio'));
      assert.deepEqual([...added.affectedFiles].sort(), [SERVICES, TEAMS]);
      const removed = index.removeFile(TEAMS);
      assert.deepEqual([...(removed?.affectedFiles ?? [])].sort(), [SERVICES, TEAMS]);
      // An unrelated file does not drag the services file in.
      const unrelated = await upsert(index, COPY, groupYaml('someone-else'));
      assert.deepEqual(unrelated.affectedFiles, [COPY]);
    });

    it('clear() removes every file', async () => {
      await upsert(index, SERVICES, componentYaml('player'));
      await upsert(index, TEAMS, groupYaml('team-a'));
      index.clear();
      assert.equal(index.size, 0);
      assert.deepEqual(index.indexedFiles(), []);
    });
  });

  describe('cross-file problems', () => {
    it('warns about a dangling ref on the reference, until its target is indexed, and again once it is removed', async () => {
      await upsert(index, SERVICES, componentYaml('player', { owner: 'team-audio' }));
      const dangling = codesOf(index.problemsOf(SERVICES), 'dangling-ref');
      assert.equal(dangling.length, 1);
      const [problem] = dangling;
      assert.equal(problem?.severity, 'warning');
      assert.equal(
        problem?.message,
        'spec.owner: "team-audio" refers to group:default/team-audio, which is not in the catalog',
      );
      assert.equal(spanOf(problem?.range ?? assert.fail('no range')), '7:9-7:19');
      assert.equal(problem?.entityRef, 'component:default/player');

      await upsert(index, TEAMS, groupYaml('team-audio'));
      assert.deepEqual(index.problemsOf(SERVICES), []);

      index.removeFile(TEAMS);
      assert.deepEqual(problemCodes(index.problemsOf(SERVICES)), ['dangling-ref']);
    });

    it('reports a ref defined in two files as duplicate-entity on both, and drops it when one goes', async () => {
      await upsert(index, TEAMS, groupYaml('team-a'));
      await upsert(index, SERVICES, componentYaml('player'));
      const event = await upsert(index, COPY, yamlLines('# a copy', ...componentLines('player')));
      assert.ok(event.affectedFiles.includes(SERVICES), 'the first definition file is affected too');

      const inServices = codesOf(index.problemsOf(SERVICES), 'duplicate-entity');
      const inCopy = codesOf(index.problemsOf(COPY), 'duplicate-entity');
      assert.equal(inServices.length, 1);
      assert.equal(inCopy.length, 1);
      assert.equal(inServices[0]?.severity, 'error');
      assert.equal(inServices[0]?.message, `component:default/player is defined more than once; also at ${COPY}:2`);
      assert.equal(inCopy[0]?.message, `component:default/player is defined more than once; also at ${SERVICES}:1`);
      assert.equal(spanOf(inServices[0]?.range ?? assert.fail('no range')), '3:8-3:14');
      assert.equal(spanOf(inCopy[0]?.range ?? assert.fail('no range')), '4:8-4:14');
      // The first registered copy wins; both are kept.
      assert.equal(index.get('component:default/player')?.file, SERVICES);
      assert.equal(index.getAll('component:default/player').length, 2);
      assert.equal(index.size, 2);

      const removal = index.removeFile(SERVICES);
      assert.ok(removal?.affectedFiles.includes(COPY));
      assert.deepEqual(index.problemsOf(COPY), []);
      assert.equal(index.get('component:default/player')?.file, COPY);
      assert.deepEqual(
        index.byKind('component').map((record) => record.file),
        [COPY],
      );
    });

    it('keeps a relation declared from both ends while its source entity exists', async () => {
      const users = '/ws/users/catalog-info.yaml';
      await upsert(
        index,
        users,
        yamlLines(
          'apiVersion: backstage.io/v1alpha1',
          'kind: User',
          'metadata:',
          '  name: jdoe',
          'spec:',
          '  memberOf: [audio]',
        ),
      );
      await upsert(index, TEAMS, groupYaml('audio', ['  members: [jdoe]']));
      const edge = { source: 'user:default/jdoe', type: 'memberOf', target: 'group:default/audio' };
      const reverse = { source: 'group:default/audio', type: 'hasMember', target: 'user:default/jdoe' };
      assert.deepEqual(
        index.relations().sort((a, b) => a.type.localeCompare(b.type)),
        [reverse, edge],
        'each edge is stored once',
      );

      // Backstage attaches relations to existing entities only: jdoe's memberOf goes with jdoe.
      index.removeFile(users);
      assert.deepEqual(index.relations(), [reverse]);
      assert.deepEqual(index.relationsOf('group:default/audio'), { outgoing: [reverse], incoming: [] });
      assert.deepEqual(index.relationsOf('USER:default/jdoe'), { outgoing: [], incoming: [reverse] });

      index.removeFile(TEAMS);
      assert.deepEqual(index.relations(), []);
      assert.deepEqual(index.relationsOf('group:default/audio'), { outgoing: [], incoming: [] });
    });

    it('includes each file own problems, plus cross-file ones, in allProblems', async () => {
      await upsert(index, SERVICES, yamlLines(...componentLines('-bad-')));
      await upsert(index, TEAMS, 'kind: [\n');
      assert.deepEqual(
        index
          .allProblems()
          .map((problem) => `${problem.file} ${problem.code}`)
          .sort(),
        // The invalid entity is still indexed, so its owner ref is checked too.
        [`${SERVICES} dangling-ref`, `${SERVICES} invalid-entity`, `${TEAMS} yaml-syntax`],
      );
    });
  });
});
