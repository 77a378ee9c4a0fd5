import * as assert from 'node:assert/strict';
import { referenceFieldsOf, type CatalogIndex, type ReferenceField } from '../../../../src/catalog';
import { rankRefCompletions, shortestRefFor, type RefCompletion } from '../../../../src/catalog/language';
import { component, documents, group, indexOf, recordOf, resource, user } from '../../support/indexFixtures';

function fieldOf(kind: string, name: string): ReferenceField {
  const field = referenceFieldsOf(kind).find((candidate) => candidate.field === name);
  assert.ok(field, `${kind} has no field ${name}`);
  return field;
}

/** `insertText rank`, the form assertions compare. */
function show(completions: readonly RefCompletion[]): string[] {
  return completions.map((completion) => `${completion.insertText} ${completion.rank}`);
}

describe('completionCandidates', () => {
  let index: CatalogIndex;

  before(async () => {
    index = await indexOf({
      'org.yaml': documents(
        group('team-audio'),
        group('team-a'),
        group('dream-team'),
        group('ops', [], { metadata: ['  title: Ops Team'] }),
        group('zeta'),
        group('team-x', [], { namespace: 'other' }),
        user('teamster'),
        user('alice'),
        user('steam'),
      ),
      'things.yaml': documents(
        component('player', ['  owner: team-a']),
        component('teamcity', ['  owner: team-a']),
        resource('team-db', ['  owner: team-a']),
        component('mixer', ['  owner: team-a'], { namespace: 'audio' }),
      ),
    });
  });

  after(() => index.dispose());

  describe('rankRefCompletions', () => {
    const owner = (): ReferenceField => fieldOf('Component', 'owner');

    it('puts prefix matches before substring (name or title) matches before the rest; Groups before Users', () => {
      assert.deepEqual(show(rankRefCompletions(index, owner(), 'default', 'team')), [
        'other/team-x 0',
        'team-a 0',
        'team-audio 0',
        'user:teamster 1',
        'dream-team 10',
        'ops 10', // title "Ops Team"
        'user:steam 11',
        'zeta 20',
        'user:alice 21',
      ]);
    });

    it('offers every allowed entity, default kind first, when nothing is typed', () => {
      assert.deepEqual(show(rankRefCompletions(index, owner(), 'default', '')), [
        'dream-team 0',
        'ops 0',
        'other/team-x 0',
        'team-a 0',
        'team-audio 0',
        'zeta 0',
        'user:alice 1',
        'user:steam 1',
        'user:teamster 1',
      ]);
    });

    it('ignores a typed kind prefix and case', () => {
      assert.deepEqual(show(rankRefCompletions(index, owner(), 'default', 'User:AL')).slice(0, 1), ['user:alice 1']);
    });

    it('offers only the target kinds of the field', () => {
      const kinds = rankRefCompletions(index, fieldOf('Component', 'dependsOn'), 'default', 'team').map(
        (completion) => completion.record.entity.kind,
      );
      assert.deepEqual([...new Set(kinds)].sort(), ['Component', 'Resource']);
      assert.deepEqual(
        show(rankRefCompletions(index, fieldOf('Component', 'dependsOn'), 'default', 'team')).slice(0, 2),
        ['component:teamcity 0', 'resource:team-db 1'],
      );
    });

    it('leaves out the entity being edited', () => {
      const parent = fieldOf('Group', 'parent');
      const refs = rankRefCompletions(index, parent, 'default', 'team', 'group:default/team-a').map(
        (completion) => completion.record.ref,
      );
      assert.ok(!refs.includes('group:default/team-a'), refs.join(', '));
      assert.ok(refs.includes('group:default/team-audio'));
      assert.ok(
        rankRefCompletions(index, parent, 'default', 'team').some(
          (completion) => completion.record.ref === 'group:default/team-a',
        ),
      );
    });
  });

  describe('shortestRefFor', () => {
    it('writes only the name for the default kind in the same namespace', () => {
      assert.equal(
        shortestRefFor(recordOf(index, 'group:default/team-a'), fieldOf('Component', 'owner'), 'default'),
        'team-a',
      );
      assert.equal(
        shortestRefFor(recordOf(index, 'component:audio/mixer'), fieldOf('Component', 'subcomponentOf'), 'audio'),
        'mixer',
      );
    });

    it('adds the kind for another allowed kind, and for fields without default kind', () => {
      assert.equal(
        shortestRefFor(recordOf(index, 'user:default/alice'), fieldOf('Component', 'owner'), 'default'),
        'user:alice',
      );
      assert.equal(
        shortestRefFor(recordOf(index, 'component:default/player'), fieldOf('Component', 'dependsOn'), 'default'),
        'component:player',
      );
    });

    it("adds the namespace when it differs from the editing entity's", () => {
      assert.equal(
        shortestRefFor(recordOf(index, 'group:other/team-x'), fieldOf('Component', 'owner'), 'default'),
        'other/team-x',
      );
      assert.equal(
        shortestRefFor(recordOf(index, 'group:default/team-a'), fieldOf('Component', 'owner'), 'audio'),
        'default/team-a',
      );
      assert.equal(
        shortestRefFor(recordOf(index, 'user:default/alice'), fieldOf('Component', 'owner'), 'audio'),
        'user:default/alice',
      );
      assert.equal(
        shortestRefFor(recordOf(index, 'component:audio/mixer'), fieldOf('Component', 'dependsOn'), 'default'),
        'component:audio/mixer',
      );
    });
  });
});
