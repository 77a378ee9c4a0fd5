import * as assert from 'node:assert/strict';
import {
  isEmptyFilter,
  matchesFilter,
  parseFilterQuery,
  type CatalogIndex,
  type EntityFilter,
} from '../../../../src/catalog';
import { component, documents, entityLines, group, indexOf, recordOf } from '../../support/indexFixtures';

describe('entityFilter', () => {
  describe('parseFilterQuery', () => {
    it('splits tag: and lifecycle: tokens from the words, lower-casing the field values', () => {
      assert.deepEqual(parseFilterQuery('tag:Java  payments lifecycle:Production API'), {
        text: 'payments API',
        tags: ['java'],
        lifecycles: ['production'],
      });
    });

    it('accepts several tags and lifecycles and case-insensitive prefixes', () => {
      assert.deepEqual(parseFilterQuery('TAG:a Tag:b LIFECYCLE:experimental lifecycle:deprecated'), {
        text: '',
        tags: ['a', 'b'],
        lifecycles: ['experimental', 'deprecated'],
      });
    });

    it('keeps a value containing colons whole', () => {
      assert.deepEqual(parseFilterQuery('tag:team:audio'), { text: '', tags: ['team:audio'], lifecycles: [] });
    });

    it('treats an empty field value and unknown prefixes as text', () => {
      assert.deepEqual(parseFilterQuery('tag: lifecycle: owner:team-a component:player'), {
        text: 'tag: lifecycle: owner:team-a component:player',
        tags: [],
        lifecycles: [],
      });
    });

    it('gives an empty filter for blank input', () => {
      assert.deepEqual(parseFilterQuery(''), { text: '', tags: [], lifecycles: [] });
      assert.deepEqual(parseFilterQuery(' \t '), { text: '', tags: [], lifecycles: [] });
      assert.equal(isEmptyFilter(parseFilterQuery('   ')), true);
    });
  });

  describe('isEmptyFilter', () => {
    const cases: [EntityFilter, boolean][] = [
      [{}, true],
      [{ text: '' }, true],
      [{ text: '  \t' }, true],
      [{ tags: [], lifecycles: [] }, true],
      [{ text: 'x' }, false],
      [{ tags: ['java'] }, false],
      [{ lifecycles: ['production'] }, false],
    ];
    for (const [filter, expected] of cases) {
      it(`${JSON.stringify(filter)} → ${String(expected)}`, () => {
        assert.equal(isEmptyFilter(filter), expected);
      });
    }
  });

  describe('matchesFilter', () => {
    let index: CatalogIndex;

    before(async () => {
      index = await indexOf({
        'catalog-info.yaml': documents(
          component('payments-service', ['  owner: team-billing'], {
            metadata: ['  title: Money Mover', '  description: Moves the money around', '  tags: [java, grpc]'],
          }),
          entityLines('Component', 'player', {
            metadata: ['  tags: [typescript]'],
            spec: ['  type: website', '  lifecycle: experimental', '  owner: user:jdoe'],
          }),
          group('team-billing'),
        ),
      });
    });

    after(() => index.dispose());

    const matches = (ref: string, filter: EntityFilter): boolean => matchesFilter(recordOf(index, ref), filter);
    const PAYMENTS = 'component:default/payments-service';
    const PLAYER = 'component:default/player';
    const TEAM = 'group:default/team-billing';

    it('matches everything with an empty filter', () => {
      for (const ref of [PAYMENTS, PLAYER, TEAM]) {
        assert.equal(matches(ref, {}), true, ref);
        assert.equal(matches(ref, parseFilterQuery('')), true, ref);
      }
    });

    it('finds text in the name, title, ref, description, owner and tags, ignoring case', () => {
      assert.equal(matches(PAYMENTS, { text: 'PAYMENTS' }), true, 'name');
      assert.equal(matches(PAYMENTS, { text: 'money mover' }), true, 'title');
      assert.equal(matches(PAYMENTS, { text: 'component:default/' }), true, 'ref');
      assert.equal(matches(PAYMENTS, { text: 'around' }), true, 'description');
      assert.equal(matches(PAYMENTS, { text: 'team-billing' }), true, 'owner');
      assert.equal(matches(PAYMENTS, { text: 'group:default/team-billing' }), true, 'owner ref');
      assert.equal(matches(PAYMENTS, { text: 'grpc' }), true, 'tag');
      assert.equal(matches(PLAYER, { text: 'jdoe' }), true, 'user owner');
      assert.equal(matches(PLAYER, { text: 'money' }), false);
    });

    it('requires every word of the text', () => {
      assert.equal(matches(PAYMENTS, { text: 'money java' }), true);
      assert.equal(matches(PAYMENTS, { text: 'money typescript' }), false);
      assert.equal(matches(PLAYER, parseFilterQuery('player typescript')), true);
    });

    it('does not search spec fields other than the owner', () => {
      assert.equal(matches(PAYMENTS, { text: 'service' }), true, 'in the name');
      assert.equal(matches(PLAYER, { text: 'experimental' }), false, 'the lifecycle is only a field filter');
    });

    it('requires all of the tags (AND), case-insensitively', () => {
      assert.equal(matches(PAYMENTS, { tags: ['java'] }), true);
      assert.equal(matches(PAYMENTS, { tags: ['JAVA', 'grpc'] }), true);
      assert.equal(matches(PAYMENTS, { tags: ['java', 'typescript'] }), false);
      assert.equal(matches(TEAM, { tags: ['java'] }), false, 'an entity without tags');
    });

    it('requires one of the lifecycles (OR), case-insensitively', () => {
      assert.equal(matches(PAYMENTS, { lifecycles: ['production'] }), true);
      assert.equal(matches(PAYMENTS, { lifecycles: ['experimental'] }), false);
      assert.equal(matches(PLAYER, { lifecycles: ['Experimental', 'production'] }), true);
      assert.equal(matches(PAYMENTS, { lifecycles: ['experimental', 'production'] }), true);
      assert.equal(matches(TEAM, { lifecycles: ['production'] }), false, 'an entity without a lifecycle');
    });

    it('combines text, tags and lifecycles', () => {
      assert.equal(matches(PAYMENTS, parseFilterQuery('tag:java lifecycle:production money')), true);
      assert.equal(matches(PAYMENTS, parseFilterQuery('tag:java lifecycle:experimental money')), false);
      assert.equal(matches(PAYMENTS, parseFilterQuery('tag:java lifecycle:production player')), false);
      assert.equal(matches(PLAYER, parseFilterQuery('tag:java lifecycle:experimental')), false);
    });
  });
});
