// First user-level check: opening the Greenroom side bar shows the sample catalog grouped by kind.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { e2e } from './hooks';
import { repoRoot } from './support/codeServer';

interface SampleEntity {
  readonly kind: string;
  readonly name: string;
  /** What the tree shows: metadata.title if set, else metadata.name. */
  readonly label: string;
}

/** Every entity document in examples/**\/*.y(a)ml, skipping template skeletons (not entities yet). */
function sampleEntities(dir: string): SampleEntity[] {
  const entities: SampleEntity[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'skeleton') entities.push(...sampleEntities(file));
      continue;
    }
    if (!/\.ya?ml$/.test(entry.name)) continue;
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const value: unknown = doc.toJS();
      if (!isRecord(value) || typeof value['kind'] !== 'string') continue;
      const metadata = isRecord(value['metadata']) ? value['metadata'] : {};
      const name = typeof metadata['name'] === 'string' ? metadata['name'] : '';
      const title = typeof metadata['title'] === 'string' ? metadata['title'] : undefined;
      entities.push({ kind: value['kind'], name, label: title ?? name });
    }
  }
  return entities;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

describe('Catalog tree', () => {
  // Read from the repo, not the workspace copy: other tests may edit the copy.
  const entities = sampleEntities(path.join(repoRoot(), 'examples'));
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
    const roots = await workbench.waitForTreeRows('Catalog', (rows) => kinds.every((k) => rows.some((r) => r.label === k)));
    const rootLabels = roots.filter((r) => r.level === 1).map((r) => r.label);
    for (const kind of kinds) assert.ok(rootLabels.includes(kind), `kind row ${kind} missing; root rows: ${rootLabels.join(', ')}`);
    await workbench.screenshot('catalog-tree-by-kind.png');

    const countText = `${entities.length} entities`;
    const deadline = Date.now() + 30_000;
    let status = await workbench.statusBarTexts();
    while (!status.some((t) => t.includes(countText)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = await workbench.statusBarTexts();
    }
    assert.ok(status.some((t) => t.includes(countText)), `no status bar item with "${countText}"; items: ${JSON.stringify(status)}`);

    await workbench.expandRow('Components', 'Catalog');
    const rows = await workbench.waitForTreeRows('Catalog', (all) => expectedComponents.every((label) => all.some((r) => r.level === 2 && r.label === label)));
    const children = rows.filter((r) => r.level === 2).map((r) => r.label);
    for (const label of expectedComponents) assert.ok(children.includes(label), `component ${label} missing; rows: ${children.join(', ')}`);
    await workbench.screenshot('catalog-tree-components.png');
  });
});
