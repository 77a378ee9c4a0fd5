import * as assert from 'node:assert/strict';
import type { Entity } from '@backstage/catalog-model';
import { CatalogIndex } from '../../../src/catalog';
import { PatchableEntitySearch } from '../../../src/catalog/views/patchableEntitySearch';
import { EntityPickSearch, type PickCatalog } from '../../../src/features/goToEntity/entityPickSearch';
import { entityPick, entityPickOrder, type EntityPick } from '../../../src/features/goToEntity/entityPicks';
import { registryPage } from '../../../src/registry/registryRecords';

function component(name: string, extra: { title?: string; owner?: string; tags?: string[] } = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      ...(extra.title ? { title: extra.title } : {}),
      ...(extra.tags ? { tags: extra.tags } : {}),
    },
    spec: { type: 'service', lifecycle: 'production', owner: extra.owner ?? 'group:default/team-a' },
  };
}

async function put(index: CatalogIndex, file: string, entities: readonly Entity[]): Promise<void> {
  index.upsertFile(await registryPage('test', `greenroom-registry:test/1/${file}`, entities));
}

function catalogOf(index: CatalogIndex): PickCatalog {
  return { index, onDidChange: (listener) => index.onDidChange(listener) };
}

const QUERIES = ['', 'a', 'pay', 'payments', 'team', 'team-b', 'ledger', 'gold', 'zz', 'component', 'orders pay'];
const shown = (picks: readonly EntityPick[]): string[] =>
  picks.map((pick) => `${String(pick.item.label)} | ${pick.item.description ?? ''} | ${pick.item.detail ?? ''}`);

/** The patched index answers each query as one built afresh from the index now. */
function assertFresh(search: PatchableEntitySearch<EntityPick>, index: CatalogIndex): void {
  const fresh = PatchableEntitySearch.of(index.entities().map(entityPick), entityPickOrder);
  assert.equal(search.size, fresh.size);
  for (const query of QUERIES) {
    assert.deepEqual(shown(search.search(query, 1_000)), shown(fresh.search(query, 1_000)), JSON.stringify(query));
  }
}

describe('EntityPickSearch', () => {
  let index: CatalogIndex;
  let picks: EntityPickSearch;

  beforeEach(async () => {
    index = new CatalogIndex();
    await put(index, 'a', [component('payments-api'), component('orders'), component('ledger', { title: 'Ledger' })]);
    await put(index, 'b', [component('payments-ui', { owner: 'group:default/team-b', tags: ['gold'] })]);
    picks = new EntityPickSearch(catalogOf(index), { backgroundFrom: 0, quietMs: 5, sliceMs: 1 });
  });

  afterEach(() => picks.dispose());

  it('patches added, removed and updated entities instead of rebuilding', async () => {
    const first = await picks.current();
    await put(index, 'b', [
      component('payments-ui', { owner: 'group:default/team-c', tags: ['silver'] }),
      component('zzz-new'),
    ]);
    await put(index, 'a', [component('payments-api', { title: 'Payments API' }), component('orders')]);
    const second = await picks.current();
    assert.equal(second, first, 'the same index, patched');
    assert.ok(second.patched > 0);
    assertFresh(second, index);
    // The changed entity's row shows its new owner and tags; the removed one is gone.
    const row = second.search('payments-ui', 1)[0];
    assert.match(row?.item.detail ?? '', /team-c/);
    assert.match(row?.item.detail ?? '', /#silver/);
    assert.deepEqual(second.search('ledger', 10), []);
  });

  it('keeps the indexed pick of an entity that was saved unchanged', async () => {
    const search = await picks.current();
    await put(index, 'a', [component('payments-api'), component('orders'), component('ledger', { title: 'Ledger' })]);
    await picks.current();
    assert.equal(search.patched, 0);
    assertFresh(search, index);
  });

  it('shows the other definition of a ref when the one shown is removed', async () => {
    await put(index, 'c', [component('orders', { title: 'Orders (copy)' })]);
    const search = await picks.current();
    index.removeFile('greenroom-registry:test/1/a');
    await picks.current();
    assertFresh(search, index);
    assert.match(String(search.search('orders', 10)[0]?.item.label), / Orders \(copy\)$/);
  });

  it('builds in the background, and applies what changed while it built', async () => {
    picks.warm();
    assert.equal(picks.isBuilt, false);
    await put(index, 'd', [component('built-while-building')]);
    await picks.whenBuilt();
    assert.equal(picks.isBuilt, true);
    assertFresh(await picks.current(), index);
    assert.equal((await picks.current()).search('built-while', 1).length, 1);
  });

  it('applies changes once the catalog is quiet, before Go to Entity opens', async () => {
    const search = await picks.current();
    await put(index, 'd', [component('quietly-added')]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(search.search('quietly', 1).length, 1, 'patched without current()');
  });

  it('drops the index when most of the catalog changed, and builds it again', async () => {
    const many = Array.from({ length: 1_200 }, (_, n) => component(`bulk-${n}`));
    const search = await picks.current();
    await put(index, 'bulk', many);
    const rebuilt = await picks.current();
    assert.notEqual(rebuilt, search);
    assertFresh(rebuilt, index);
  });
});
