// A Backstage user opens Backstage's own repository layout: the upstream example catalog
// (packages/catalog-model/examples, named by app-config.yaml relative to packages/backend, in
// files called all-*.yaml, not catalog-info.yaml). The tree fills with its systems and domains and
// an entity page opens, with no Greenroom setting changed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot, startCodeServer, type CodeServer } from './support/codeServer';
import { ownCodeServerHooks } from './support/ownCodeServer';
import { Workbench } from './support/workbench';

const FIXTURE = path.join(repoRoot(), 'test', 'fixtures', 'parity', 'upstream-examples');
const EXAMPLES = path.join(FIXTURE, 'packages', 'catalog-model', 'examples');

/** Names of the entities of one kind in the example files (read here with plain yaml). */
function exampleNames(kind: string): string[] {
  const names: string[] = [];
  const visit = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        visit(full);
      } else if (/\.ya?ml$/.test(entry.name)) {
        for (const document of parseAllDocuments(fs.readFileSync(full, 'utf8'))) {
          const value = document.toJS() as { kind?: string; metadata?: { name?: string; title?: string } } | null;
          if (value?.kind === kind && value.metadata?.name) {
            names.push(value.metadata.title ?? value.metadata.name);
          }
        }
      }
    }
  };
  visit(EXAMPLES);
  return [...new Set(names)].sort();
}

describe("Backstage's upstream example catalog, in its own layout", function () {
  this.timeout(300_000);
  let codeServer: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let folder = '';

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-upstream-e2e-'));
    const workspace = path.join(folder, 'backstage');
    fs.cpSync(FIXTURE, workspace, { recursive: true });
    codeServer = await startCodeServer();
    workbench = await Workbench.launch(codeServer.url);
    await workbench.open(workspace);
  });

  ownCodeServerHooks('upstream-catalog', () => ({ codeServer, workbench }));

  after(() => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('shows its systems and domains in the tree and opens a system page with its graph', async () => {
    assert.ok(workbench);
    const systems = exampleNames('System');
    const domains = exampleNames('Domain');
    assert.ok(
      systems.length >= 3 && domains.length >= 2,
      `the fixture is too small: ${systems.join(', ')} / ${domains.join(', ')}`,
    );
    await workbench.openViewContainer('Greenroom');
    await workbench.expandView('Catalog');
    await workbench.waitForTreeRows(
      'Catalog',
      (rows) =>
        ['Components', 'APIs', 'Systems', 'Domains'].every((kind) =>
          rows.some((row) => row.level === 1 && row.label === kind),
        ),
      120_000,
    );
    await workbench.collapseAllRows('Catalog');
    await workbench.expandRow('Systems', 'Catalog', 1);
    await workbench.expandRow('Domains', 'Catalog', 1);
    const rows = await workbench.waitForTreeRows(
      'Catalog',
      (all) => [...systems, ...domains].every((name) => all.some((row) => row.level === 2 && row.label === name)),
      60_000,
    );
    assert.ok(rows.length >= systems.length + domains.length + 2);
    await workbench.screenshot('journey-upstream-catalog.png');

    const page = await workbench.openEntityPage(systems[0] ?? '');
    await page.locator('svg.graph g.node').first().waitFor({ state: 'visible', timeout: 20_000 });
    assert.ok((await page.locator('svg.graph g.node').count()) >= 3, 'the system page graph shows its parts');
    await page.locator('svg.graph').scrollIntoViewIfNeeded();
    await workbench.screenshot('journey-upstream-system.png');
  });
});
