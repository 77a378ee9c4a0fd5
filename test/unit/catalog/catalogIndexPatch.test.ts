import * as assert from 'node:assert/strict';
import type { Entity } from '@backstage/catalog-model';
import { CatalogIndex } from '../../../src/catalog';
import type { ParsedCatalogFile } from '../../../src/catalog/parseCatalogFile';
import { registryPage } from '../../../src/registry/registryRecords';

const PAGE = 'greenroom-registry:acme/1/0';
const TEAMS = 'greenroom-registry:acme/1/1';

function component(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

function group(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}

/** Everything a view asks the index, in a form two indexes can be compared by. */
function answers(index: CatalogIndex): unknown {
  const refs = [...index.refs()].sort();
  return {
    refs,
    kinds: index.kinds().sort(),
    owners: index
      .owners()
      .sort()
      .map((owner) => [
        owner,
        index
          .byOwner(owner)
          .map((record) => record.ref)
          .sort(),
      ]),
    referring: ['group:default/team-x', 'group:default/team-y', 'group:default/team-z'].map((ref) => [
      ref,
      index.filesReferring(ref).sort(),
    ]),
    relations: refs.map((ref) => [ref, index.relationsOf(ref)]),
    problems: index.allProblems().length,
  };
}

describe('CatalogIndex.patchFile', () => {
  let page: ParsedCatalogFile;
  let teams: ParsedCatalogFile;

  beforeEach(async () => {
    page = await registryPage('acme', PAGE, [
      component('a1', 'team-x'),
      component('a2', 'team-x'),
      component('a3', 'team-y'),
    ]);
    teams = await registryPage('acme', TEAMS, [group('team-x'), group('team-y'), group('team-z')]);
  });

  it('removing some records answers every query as an upsert of the smaller file would', () => {
    const patched = new CatalogIndex();
    patched.upsertFile(teams);
    patched.upsertFile(page);
    const leaving = page.entities.filter(
      (record) => record.entity.metadata.name === 'a2' || record.entity.metadata.name === 'a3',
    );
    const next = { ...page, entities: page.entities.filter((record) => !leaving.includes(record)) };
    const event = patched.patchFile(next, leaving, []);

    const upserted = new CatalogIndex();
    upserted.upsertFile(teams);
    upserted.upsertFile(next);
    assert.deepEqual(answers(patched), answers(upserted));
    assert.deepEqual([...event.removed].sort(), ['component:default/a2', 'component:default/a3']);
    assert.deepEqual(patched.filesReferring('group:default/team-x'), [PAGE], 'a1 still refers to team-x from the page');
    assert.deepEqual(
      patched.filesReferring('group:default/team-y'),
      [],
      'nothing on the page refers to team-y any more',
    );
  });

  it('adding and replacing records answers every query as an upsert would', async () => {
    const patched = new CatalogIndex();
    patched.upsertFile(teams);
    patched.upsertFile(page);
    const extra = await registryPage('acme', PAGE, [component('a4', 'team-z'), component('a1', 'team-y')]);
    const leaving = page.entities.filter((record) => record.entity.metadata.name === 'a1');
    const next = {
      ...page,
      entities: [...page.entities.filter((record) => !leaving.includes(record)), ...extra.entities],
    };
    const event = patched.patchFile(next, leaving, extra.entities);

    const upserted = new CatalogIndex();
    upserted.upsertFile(teams);
    upserted.upsertFile(next);
    assert.deepEqual(answers(patched), answers(upserted));
    assert.deepEqual(event.added, ['component:default/a4']);
    assert.deepEqual(event.updated, ['component:default/a1']);
    assert.equal(patched.byOwner('group:default/team-x').length, 1);
  });
});
