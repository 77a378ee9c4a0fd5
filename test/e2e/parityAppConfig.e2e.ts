// A Backstage user opens the portal's repository: the catalog its app-config.yaml names (under
// examples/, reached from packages/backend as the backend reads it) fills the tree with no
// Greenroom setting changed, and the kind its rules refuse is marked.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot, startCodeServer, type CodeServer } from './support/codeServer';
import { ownCodeServerHooks } from './support/ownCodeServer';
import { waitUntil, Workbench } from './support/workbench';

const FIXTURE = path.join(repoRoot(), 'test', 'fixtures', 'parity', 'create-app');

/** Kind and name of every entity in the example files the app-config's locations name (read here with plain yaml). */
function configuredEntities(folder: string): { kind: string; name: string; title: string }[] {
  const entities: { kind: string; name: string; title: string }[] = [];
  for (const file of ['entities.yaml', 'org.yaml', 'template/template.yaml']) {
    for (const document of parseAllDocuments(fs.readFileSync(path.join(folder, 'examples', file), 'utf8'))) {
      const value = document.toJS() as { kind?: string; metadata?: { name?: string; title?: string } } | null;
      if (value?.kind && value.metadata?.name) {
        entities.push({
          kind: value.kind,
          name: value.metadata.name,
          title: value.metadata.title ?? value.metadata.name,
        });
      }
    }
  }
  return entities;
}

describe('Backstage app-config: the catalog it names, with no settings', function () {
  this.timeout(300_000);
  let codeServer: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let folder = '';

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-parity-e2e-'));
    const workspace = path.join(folder, 'my-backstage-app');
    fs.cpSync(FIXTURE, workspace, { recursive: true });
    // Only the defaults: nothing about catalog globs or rules.
    codeServer = await startCodeServer();
    workbench = await Workbench.launch(codeServer.url);
    await workbench.open(workspace);
  });

  ownCodeServerHooks('parity-app-config', () => ({ codeServer, workbench }));

  after(() => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('fills the tree from the app-config locations (examples/entities.yaml, org.yaml, the template)', async () => {
    assert.ok(workbench);
    const expected = configuredEntities(FIXTURE);
    assert.ok(expected.length >= 5, `the fixture has too few entities: ${expected.length}`);
    await workbench.openViewContainer('Greenroom');
    await workbench.expandView('Catalog');
    const kinds = ['Components', 'APIs', 'Systems', 'Groups', 'Users', 'Templates'];
    const roots = await workbench.waitForTreeRows(
      'Catalog',
      (rows) => kinds.every((kind) => rows.some((row) => row.label === kind)),
      90_000,
    );
    await workbench.screenshot('parity-app-config-kinds.png');
    assert.deepEqual(
      kinds.filter((kind) => !roots.some((row) => row.level === 1 && row.label === kind)),
      [],
      `root rows: ${roots.map((row) => row.label).join(', ')}`,
    );

    // Every entity the app-config's files hold shows up: the root catalog-info.yaml plus them all.
    let status: string[] = [];
    const countText = `${expected.length + 1} entities`;
    await waitUntil(
      async () => (status = await workbench!.statusBarTexts()).some((text) => text.includes(countText)),
      30_000,
      () => `no "${countText}" in the status bar: ${JSON.stringify(status)}`,
    );

    await workbench.collapseAllRows('Catalog');
    for (const kind of ['Systems', 'Groups', 'Templates']) {
      await workbench.expandRow(kind, 'Catalog', 1);
    }
    const wanted = expected.filter((entity) => ['System', 'Group', 'Template'].includes(entity.kind));
    const rows = await workbench.waitForTreeRows('Catalog', (all) =>
      wanted.every((entity) =>
        all.some((row) => row.level === 2 && (row.label === entity.title || row.label === entity.name)),
      ),
    );
    await workbench.screenshot('parity-app-config-entities.png');
    for (const entity of wanted) {
      assert.ok(
        rows.some((row) => row.label === entity.title || row.label === entity.name),
        `${entity.kind} ${entity.name} missing`,
      );
    }
  });
});
