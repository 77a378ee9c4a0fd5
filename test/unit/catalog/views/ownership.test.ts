import * as assert from 'node:assert/strict';
import {
  childGroups,
  groupMembers,
  ownedEntities,
  rootGroups,
  unknownOwners,
  usersWithoutGroup,
  type CatalogIndex,
} from '../../../../src/catalog';
import {
  api,
  component,
  documents,
  group,
  indexOf,
  refsOf,
  system,
  upsertInto,
  user,
} from '../../support/indexFixtures';

/**
 * Two roots (org, sales), a group whose parent is unknown (a root too), children declared
 * from the parent side (eng → team-b), from the child side (team-a → eng) and from both
 * (eng ↔ platform), members declared from both sides.
 */
const FILES: Record<string, string> = {
  'org.yaml': documents(
    group('org', ['  children: [eng]']),
    group('eng', ['  parent: org', '  children: [team-b, platform]'], { metadata: ['  title: Engineering'] }),
    group('platform', ['  parent: eng']),
    group('team-a', ['  parent: eng', '  members: [alice, bob]']),
    group('team-b', ['  members: [carol]']),
    group('sales'),
    group('stray', ['  parent: ghost-parent']),
  ),
  'people.yaml': documents(
    user('alice', ['  memberOf: [team-a]']),
    user('bob', ['  memberOf: []']),
    user('carol', ['  memberOf: []']),
    user('dave', ['  memberOf: [team-b]']),
    user('erin', ['  memberOf: []']),
    user('frank', ['  memberOf: [ghost-team]']),
  ),
  'things.yaml': documents(
    component('zeta', ['  owner: team-a'], { metadata: ['  title: Alpha Service'] }),
    component('beta', ['  owner: team-a']),
    api('gamma-api', ['  owner: team-a']),
    system('sys', ['  owner: user:erin']),
    component('lost', ['  owner: ghost-team']),
    api('lost-api', ['  owner: group:ghost-team']),
    component('missing-person', ['  owner: user:nobody']),
  ),
};

describe('ownership', () => {
  let index: CatalogIndex;

  beforeEach(async () => {
    index = await indexOf(FILES);
  });

  afterEach(() => index.dispose());

  describe('rootGroups', () => {
    it('lists every group without a parent in the catalog, sorted by label', () => {
      assert.deepEqual(refsOf(rootGroups(index)), ['group:default/org', 'group:default/sales', 'group:default/stray']);
    });

    it('is empty without groups', async () => {
      assert.deepEqual(rootGroups(await indexOf({ 'a.yaml': documents(user('x')) })), []);
    });

    it('drops a group from the roots once its parent is indexed', async () => {
      await upsertInto(index, 'ghost.yaml', documents(group('ghost-parent')));
      assert.deepEqual(refsOf(rootGroups(index)), [
        'group:default/ghost-parent',
        'group:default/org',
        'group:default/sales',
      ]);
    });
  });

  describe('childGroups', () => {
    it('reads children from the children field of the parent', () => {
      assert.deepEqual(refsOf(childGroups(index, 'group:default/org')), ['group:default/eng']);
    });

    it('reads children from both sides, once each, sorted by label', () => {
      assert.deepEqual(refsOf(childGroups(index, 'group:default/eng')), [
        'group:default/platform',
        'group:default/team-a',
        'group:default/team-b',
      ]);
    });

    it('is empty for a leaf group and for a ref nothing points at', () => {
      assert.deepEqual(childGroups(index, 'group:default/team-a'), []);
      assert.deepEqual(childGroups(index, 'group:default/nothing'), []);
    });

    it('is empty for a parent that is not in the catalog: Backstage has no relations on it', () => {
      assert.deepEqual(childGroups(index, 'group:default/ghost-parent'), []);
    });
  });

  describe('groupMembers', () => {
    it('reads members from the members field and from memberOf, once each, sorted', () => {
      assert.deepEqual(refsOf(groupMembers(index, 'group:default/team-a')), ['user:default/alice', 'user:default/bob']);
      assert.deepEqual(refsOf(groupMembers(index, 'group:default/team-b')), [
        'user:default/carol',
        'user:default/dave',
      ]);
    });

    it('leaves out members that are not in the catalog', async () => {
      await upsertInto(index, 'org2.yaml', documents(group('team-c', ['  members: [alice, zoe]'])));
      assert.deepEqual(refsOf(groupMembers(index, 'group:default/team-c')), ['user:default/alice']);
    });

    it('is empty for a group without members', () => {
      assert.deepEqual(groupMembers(index, 'group:default/sales'), []);
    });
  });

  describe('usersWithoutGroup', () => {
    it('lists users that belong to no indexed group, from either side', () => {
      assert.deepEqual(refsOf(usersWithoutGroup(index)), ['user:default/erin', 'user:default/frank']);
    });
  });

  describe('ownedEntities', () => {
    it('lists what an owner owns, sorted by label', () => {
      assert.deepEqual(refsOf(ownedEntities(index, 'group:default/team-a')), [
        'component:default/zeta',
        'component:default/beta',
        'api:default/gamma-api',
      ]);
      assert.deepEqual(refsOf(ownedEntities(index, 'user:default/erin')), ['system:default/sys']);
    });

    it('is empty for an owner of nothing', () => {
      assert.deepEqual(ownedEntities(index, 'group:default/sales'), []);
    });
  });

  describe('unknownOwners', () => {
    it('lists owner refs not in the catalog, sorted, with what each owns', () => {
      assert.deepEqual(
        unknownOwners(index).map((entry) => ({ ownerRef: entry.ownerRef, entities: refsOf(entry.entities) })),
        [
          { ownerRef: 'group:default/ghost-team', entities: ['component:default/lost', 'api:default/lost-api'] },
          { ownerRef: 'user:default/nobody', entities: ['component:default/missing-person'] },
        ],
      );
    });

    it('forgets an owner once it is indexed', async () => {
      await upsertInto(index, 'ghost.yaml', documents(group('ghost-team')));
      assert.deepEqual(
        unknownOwners(index).map((entry) => entry.ownerRef),
        ['user:default/nobody'],
      );
    });
  });
});
