import * as assert from 'node:assert/strict';
import type { Entity } from '@backstage/catalog-model';
import { CatalogIndex, type CatalogEntityRecord } from '../../../src/catalog';
import { entityPick } from '../../../src/features/goToEntity/entityPicks';
import { registryPage } from '../../../src/registry/registryRecords';
import { iconsOf, visibleText } from '../support/renderLabelWithIcons';

async function recordOf(entity: Entity): Promise<CatalogEntityRecord> {
  const index = new CatalogIndex();
  index.upsertFile(await registryPage('test', 'greenroom-registry:test/1/hostile', [entity]));
  const [record] = index.entities();
  assert.ok(record, 'the entity is indexed');
  return record;
}

function component(metadata: Record<string, unknown>, spec: Record<string, unknown>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments', namespace: 'default', ...metadata },
    spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team-a', ...spec },
  };
}

describe('entityPick', () => {
  it('shows icon syntax from the catalog as text, keeping its own kind and owner icons', async () => {
    const record = await recordOf(
      component(
        { title: '$(verified) Payments $(loading~spin)', tags: ['$(shield)', 'gold'] },
        { owner: 'group:default/$(verified)', type: '$(pass-filled)service', lifecycle: '$(sync~spin)' },
      ),
    );
    const { item } = entityPick(record);
    const label = item.label;
    const description = item.description ?? '';
    const detail = item.detail ?? '';
    // Greenroom's own icons: the kind before the title, the owner's account icon in the detail.
    assert.deepEqual(iconsOf(label), ['symbol-class']);
    assert.deepEqual(iconsOf(description), []);
    assert.deepEqual(iconsOf(detail), ['account']);
    assert.equal(visibleText(label), ' $(verified) Payments $(loading~spin)');
    assert.match(visibleText(detail), /\$\(verified\)/);
    assert.match(visibleText(detail), /\$\(pass-filled\)service · \$\(sync~spin\)/);
    assert.match(visibleText(detail), /#\$\(shield\) #gold/);
  });

  it('shows a ref with icon syntax as text', async () => {
    const record = await recordOf(component({ name: '$(zap)' }, {}));
    const { item } = entityPick(record);
    assert.deepEqual(iconsOf(item.description ?? ''), []);
    assert.equal(visibleText(item.description ?? ''), record.ref);
    assert.deepEqual(iconsOf(item.label), ['symbol-class']);
  });

  it('leaves ordinary catalog text as it was', async () => {
    const record = await recordOf(component({ title: 'Payments', tags: ['gold'] }, {}));
    const { item } = entityPick(record);
    assert.equal(item.label, '$(symbol-class) Payments');
    assert.equal(item.description, 'component:default/payments');
    assert.equal(item.detail, '$(account) team-a  ·  service · production  ·  #gold');
  });
});
