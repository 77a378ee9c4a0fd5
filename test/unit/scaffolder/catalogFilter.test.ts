import * as assert from 'node:assert/strict';
import { catalogFiltersOf, entityDisplayName, matchesCatalogFilters } from '../../../src/scaffolder';

const team = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-playback', title: 'Playback', tags: ['media'] },
  spec: { type: 'team', profile: { displayName: 'Playback Team' } },
};
const user = {
  kind: 'User',
  metadata: { name: 'amara.osei' },
  spec: { profile: { displayName: 'Amara Osei' }, memberOf: ['team-playback'] },
};
const service = {
  kind: 'Component',
  metadata: { name: 'order-history', tags: ['java', 'orders'] },
  spec: { type: 'service', lifecycle: 'production' },
};
const all = [team, user, service];

function names(filters: ReturnType<typeof catalogFiltersOf>): string[] {
  return all.filter((entity) => matchesCatalogFilters(entity, filters)).map((entity) => entity.metadata.name);
}

describe('catalogFilter (ui:options)', () => {
  it('matches kind case-insensitively, as the catalog does', () => {
    assert.deepEqual(names(catalogFiltersOf({ catalogFilter: { kind: 'Group' } })), ['team-playback']);
    assert.deepEqual(names(catalogFiltersOf({ catalogFilter: { kind: 'group' } })), ['team-playback']);
  });

  it('ANDs the keys of one filter and ORs a list of filters', () => {
    assert.deepEqual(names(catalogFiltersOf({ catalogFilter: { kind: 'Component', 'spec.type': 'website' } })), []);
    assert.deepEqual(names(catalogFiltersOf({ catalogFilter: { kind: 'Component', 'spec.type': 'service' } })), [
      'order-history',
    ]);
    assert.deepEqual(names(catalogFiltersOf({ catalogFilter: [{ kind: 'User' }, { 'spec.type': 'service' }] })), [
      'amara.osei',
      'order-history',
    ]);
  });

  it('accepts a list of values, array fields and exists', () => {
    assert.deepEqual(names(catalogFiltersOf({ catalogFilter: { kind: ['Group', 'User'] } })), [
      'team-playback',
      'amara.osei',
    ]);
    assert.deepEqual(names(catalogFiltersOf({ catalogFilter: { 'metadata.tags': 'orders' } })), ['order-history']);
    assert.deepEqual(names(catalogFiltersOf({ catalogFilter: { 'spec.memberOf': { exists: true } } })), ['amara.osei']);
    assert.deepEqual(names(catalogFiltersOf({ catalogFilter: { 'spec.memberOf': { exists: false } } })), [
      'team-playback',
      'order-history',
    ]);
  });

  it('narrows by allowedKinds, alone or with catalogFilter', () => {
    assert.deepEqual(names(catalogFiltersOf({ allowedKinds: ['User'] })), ['amara.osei']);
    assert.deepEqual(
      names(catalogFiltersOf({ allowedKinds: ['Component'], catalogFilter: { 'spec.lifecycle': 'production' } })),
      ['order-history'],
    );
  });

  it('matches everything without filters, and nothing on prototype keys', () => {
    assert.deepEqual(names(catalogFiltersOf({})), ['team-playback', 'amara.osei', 'order-history']);
    assert.deepEqual(names(catalogFiltersOf({ catalogFilter: { 'metadata.constructor': { exists: true } } })), []);
    assert.deepEqual(names(catalogFiltersOf({ catalogFilter: { kind: {} } })), []);
    assert.deepEqual(names(catalogFiltersOf({ catalogFilter: 'kind=Group' })), [
      'team-playback',
      'amara.osei',
      'order-history',
    ]);
  });
});

describe('entityDisplayName', () => {
  it('prefers the profile display name, then title, then name', () => {
    assert.equal(entityDisplayName(user), 'Amara Osei');
    assert.equal(entityDisplayName(team), 'Playback Team');
    assert.equal(entityDisplayName({ metadata: { name: 'svc', title: 'Service' } }), 'Service');
    assert.equal(
      entityDisplayName({ metadata: { name: 'svc', title: '  ' }, spec: { profile: { displayName: 7 } } }),
      'svc',
    );
    assert.equal(entityDisplayName(null), '');
  });
});
