import * as assert from 'node:assert/strict';
import { editDistance, suggestSimilarRefs, type CatalogIndex, type RefSuggestion } from '../../../src/catalog';
import { component, documents, group, indexOf, user } from '../support/indexFixtures';

describe('editDistance', () => {
  const cases: [string, string, number][] = [
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['same', 'same', 0],
    ['kitten', 'sitting', 3],
    ['team-a', 'team-b', 1],
    ['payments', 'payment', 1],
    ['payment', 'payments', 1],
  ];
  for (const [a, b, expected] of cases) {
    it(`"${a}" → "${b}" is ${expected}`, () => {
      assert.equal(editDistance(a, b), expected);
      assert.equal(editDistance(b, a), expected, 'symmetric');
    });
  }

  it('counts a swap of neighbouring characters as one edit', () => {
    assert.equal(editDistance('ab', 'ba'), 1);
    assert.equal(editDistance('team-playbakc', 'team-playback'), 1);
    assert.equal(editDistance('paymnets', 'payments'), 1);
  });

  it('stops at the bound, returning bound + 1 when the distance is larger', () => {
    assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3);
    assert.equal(editDistance('a', 'abcdef', 2), 3, 'length difference alone exceeds the bound');
    assert.equal(editDistance('kitten', 'sitting', 0), 1);
  });

  it('is exact when the distance is within the bound', () => {
    assert.equal(editDistance('kitten', 'sitting', 3), 3);
    assert.equal(editDistance('kitten', 'sitting', 10), 3);
    assert.equal(editDistance('same', 'same', 0), 0);
  });
});

describe('suggestSimilarRefs', () => {
  let index: CatalogIndex;

  before(async () => {
    index = await indexOf({
      'org.yaml': documents(
        group('team-playback'),
        group('team-platform'),
        group('team-search'),
        group('team-player'),
        user('team-playbacks'),
      ),
      'things.yaml': documents(
        component('team-playbak', ['  owner: team-search']),
        component('player-service', ['  owner: team-search']),
        component('player', ['  owner: team-search']),
      ),
    });
  });

  after(() => index.dispose());

  const names = (suggestions: readonly RefSuggestion[]): string[] =>
    suggestions.map((suggestion) => suggestion.record.ref);

  it('puts the closest name first for a typo', () => {
    const suggestions = suggestSimilarRefs(index, 'group:default/team-playbak', ['Group', 'User'], 10);
    assert.deepEqual(
      suggestions.map((suggestion) => `${suggestion.record.ref} ${suggestion.distance}`),
      ['group:default/team-playback 1', 'user:default/team-playbacks 2', 'group:default/team-player 3'],
    );
  });

  it('only looks at the target kinds', () => {
    const groupsOnly = names(suggestSimilarRefs(index, 'group:default/team-playbak', ['Group'], 10));
    assert.ok(groupsOnly.length > 0);
    assert.ok(
      groupsOnly.every((ref) => ref.startsWith('group:')),
      groupsOnly.join(', '),
    );
    assert.ok(
      !groupsOnly.includes('component:default/team-playbak'),
      'an entity of another kind with the very name is not offered',
    );
  });

  it("uses the missing ref's own kind when no target kinds are given", () => {
    const suggestions = names(suggestSimilarRefs(index, 'component:default/playr', []));
    assert.deepEqual(suggestions, ['component:default/player']);
  });

  it('returns at most `limit` suggestions, 3 by default', () => {
    assert.equal(suggestSimilarRefs(index, 'group:default/team-playbak', ['Group', 'User']).length, 3);
    assert.deepEqual(names(suggestSimilarRefs(index, 'group:default/team-playbak', ['Group', 'User'], 1)), [
      'group:default/team-playback',
    ]);
  });

  it('offers names containing the missing name (or contained in it), ranked by their real edit distance', () => {
    const suggestions = suggestSimilarRefs(index, 'component:default/player', ['Component']);
    assert.deepEqual(
      suggestions.map((suggestion) => `${suggestion.record.entity.metadata.name} ${suggestion.distance}`),
      ['player 0', 'player-service 8'],
    );
  });

  it('offers nothing when nothing is close', () => {
    assert.deepEqual(suggestSimilarRefs(index, 'group:default/zzzzzzzz', ['Group']), []);
    assert.deepEqual(suggestSimilarRefs(index, 'system:default/team-playback', ['System']), []);
  });
});
