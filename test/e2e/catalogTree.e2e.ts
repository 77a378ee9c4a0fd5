// First user-level check: opening the Greenroom side bar shows the sample catalog grouped by kind.
import * as assert from 'node:assert/strict';
import { e2e } from './hooks';
import { exampleEntities } from './support/examples';
import { waitUntil } from './support/workbench';

describe('Catalog tree', () => {
  // Read from the repo, not the workspace copy: other tests may edit the copy.
  const entities = exampleEntities();
  const components = entities.filter((e) => e.kind === 'Component');
  // A few well-known samples when present, else the first ones; the list is short enough to be on screen.
  const preferred = ['playback-service', 'search-service', 'payments-service'];
  const picked = components.filter((c) => preferred.includes(c.name));
  const expectedComponents = (picked.length > 0 ? picked : components.slice(0, 3)).map((c) => c.label);

  it('groups the sample entities by kind and counts them in the status bar', async () => {
    assert.ok(expectedComponents.length > 0, 'examples/ has no Component to look for');
    const { workbench } = e2e();
    await workbench.openViewContainer('Greenroom');

    const kinds = ['Components', 'APIs', 'Groups', 'Systems'];
    const roots = await workbench.waitForTreeRows('Catalog', (rows) =>
      kinds.every((k) => rows.some((r) => r.label === k)),
    );
    const rootLabels = roots.filter((r) => r.level === 1).map((r) => r.label);
    for (const kind of kinds)
      assert.ok(rootLabels.includes(kind), `kind row ${kind} missing; root rows: ${rootLabels.join(', ')}`);
    await workbench.screenshot('catalog-tree-by-kind.png');

    const countText = `${entities.length} entities`;
    let status: string[] = [];
    await waitUntil(
      async () => (status = await workbench.statusBarTexts()).some((t) => t.includes(countText)),
      30_000,
      () => `no status bar item with "${countText}"; items: ${JSON.stringify(status)}`,
    );

    await workbench.expandRow('Components', 'Catalog');
    const rows = await workbench.waitForTreeRows('Catalog', (all) =>
      expectedComponents.every((label) => all.some((r) => r.level === 2 && r.label === label)),
    );
    const children = rows.filter((r) => r.level === 2).map((r) => r.label);
    for (const label of expectedComponents)
      assert.ok(children.includes(label), `component ${label} missing; rows: ${children.join(', ')}`);
    await workbench.screenshot('catalog-tree-components.png');
  });
});
