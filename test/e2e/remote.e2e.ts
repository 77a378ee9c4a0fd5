// A real Backstage backend as the remote registry: configured in settings, refused until the user
// signs in with a token, then its entities fill the catalog, marked as remote.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startBackstage, type RunningBackstage } from '../backstage/backstageServer';
import { fixtureEntityCount, writeFixtureCatalog } from '../backstage/fixtureCatalog';
import { parseAllDocuments } from 'yaml';
import { repoRoot, startCodeServer, type CodeServer } from './support/codeServer';
import { ownCodeServerHooks } from './support/ownCodeServer';
import { exampleEntities } from './support/examples';
import { waitUntil, Workbench } from './support/workbench';

const REGISTRY = 'larkspur-backstage';
const TOKEN = 'e2e-registry-token-7d2b41';
const COMPONENTS = 24;

describe('Remote registry (a real Backstage backend)', function () {
  this.timeout(300_000);
  let backend: RunningBackstage | undefined;
  // A code-server of its own: the registry is in its user settings from the start, as a user would have it.
  let codeServer: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let folder = '';
  let files: string[] = [];
  const countBefore = '51 entities';

  /** Examples and fixture merged by ref (the same entity twice is shown once), plus the backend's Location per file. */
  function mergedCount(): number {
    const refs = new Set(exampleEntities().map((entity) => `${entity.kind}:${entity.name}`.toLowerCase()));
    for (const file of files) {
      for (const document of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
        const value = document.toJS() as { kind?: string; metadata?: { name?: string } } | null;
        if (value?.kind && value.metadata?.name) {
          refs.add(`${value.kind}:${value.metadata.name}`.toLowerCase());
        }
      }
    }
    return refs.size + files.length;
  }

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-remote-e2e-'));
    files = writeFixtureCatalog(path.join(folder, 'fixture'), COMPONENTS);
    backend = await startBackstage({ token: TOKEN, catalogFiles: files, processingIntervalSeconds: 30 });
    await backend.waitForEntityCount(fixtureEntityCount(COMPONENTS), 180_000);
    const workspace = path.join(folder, 'examples');
    fs.cpSync(path.join(repoRoot(), 'examples'), workspace, { recursive: true });
    codeServer = await startCodeServer({
      settings: {
        'greenroom.registries': [
          { name: REGISTRY, baseUrl: backend.baseUrl, webUrl: 'https://backstage.larkspur.example' },
        ],
      },
    });
    workbench = await Workbench.launch(codeServer.url);
    await workbench.open(workspace);
  });

  ownCodeServerHooks('remote', () => ({ codeServer, workbench }));

  after(async () => {
    await backend?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('a registry in settings is refused without a token, then fills the tree once signed in', async () => {
    const wb = workbench;
    assert.ok(backend && wb);
    await wb.openViewContainer('Greenroom');
    await waitUntil(
      async () => (await wb.notifications()).some((text) => text.includes(REGISTRY) && /token|401/i.test(text)),
      60_000,
      'no message that the registry needs a token',
    );
    await wb.screenshot('remote-unauthorized.png');
    await wb.dismissPopups();

    await wb.runCommand('Greenroom: Sign in to Registry…');
    const widget = wb.quickInput();
    await waitUntil(
      async () => (await wb.quickInputLabels()).includes(REGISTRY),
      15_000,
      'the registry is not offered for sign-in',
    );
    await widget.locator('input').first().press('Enter');
    await waitUntil(
      async () =>
        (
          await widget
            .locator('.quick-input-title')
            .innerText()
            .catch(() => '')
        ).includes('Token'),
      15_000,
      'no token prompt',
    );
    await widget.locator('input').first().fill(TOKEN);
    await widget.locator('input').first().press('Enter');

    const expectedTotal = mergedCount();
    assert.ok(expectedTotal > Number(countBefore.split(' ')[0]) + 40, 'the fixture adds many entities');
    await waitUntil(
      async () => (await wb.statusBarTexts()).includes(`${expectedTotal} entities`),
      90_000,
      `the catalog did not grow to ${expectedTotal} entities`,
    );
    assert.ok(
      (await wb.statusBarTexts()).some((text) => text.startsWith('synced')),
      'the status bar does not show the last sync',
    );

    await wb.openViewContainer('Greenroom');
    await wb.expandView('Catalog');
    await wb.collapseAllRows('Catalog');
    await wb.expandRow('Components', 'Catalog', 1);
    const rows = await wb.waitForTreeRows(
      'Catalog',
      // A registry's entities are marked ☁ (the tooltip names the registry).
      (candidates) => candidates.some((row) => (row.description ?? '').startsWith('☁')),
      30_000,
    );
    const localLabels = new Set(
      exampleEntities()
        .filter((entity) => entity.kind === 'Component')
        .map((entity) => entity.label),
    );
    const localRows = rows.filter((row) => localLabels.has(row.label));
    assert.ok(
      localRows.length > 0 && localRows.every((row) => !(row.description ?? '').includes('☁')),
      `local entities stay unmarked: ${localRows.map((row) => `${row.label} ${row.description}`).join(' | ')}`,
    );
    await wb.screenshot('remote-tree.png');
  });

  it("a registry entity's page shows its YAML and refreshes it from the registry", async () => {
    const wb = workbench;
    assert.ok(backend && wb);
    await wb.closeAllEditors();
    // The backend reprocesses only every 30 s: the new text shows up at once only through Refresh.
    // A System only the registry serves (no title, so its label is its name).
    const name = 'accounts-platform-000';
    const before = 'The accounts platform.';
    const after = 'Accounts, sign-in and profiles, refreshed.';
    const file = files.find((candidate) => fs.readFileSync(candidate, 'utf8').includes(`name: ${name}`));
    assert.ok(file, `no fixture file holds ${name}`);
    const page = await wb.openEntityPage(name);
    const header = page.locator('.entity-header');
    await header.locator('vscode-button', { hasText: 'View YAML' }).click();
    await wb.waitForActiveEditor(
      (tab) => tab.title.endsWith('.yaml') && tab.title.includes(name),
      'View YAML did not open the YAML',
    );
    await waitUntil(
      async () => (await wb.editorLines()).some((line) => line.includes(before)),
      15_000,
      'the YAML does not show the description',
    );
    assert.ok(
      (await wb.editorLines()).some((line) => line.includes('as served by registry')),
      'the YAML does not say where it comes from',
    );
    await wb.screenshot('journey-remote-yaml.png');

    const text = fs.readFileSync(file, 'utf8');
    const at = text.indexOf(`name: ${name}`);
    fs.writeFileSync(file, text.slice(0, at) + text.slice(at).replace(before, after));
    await wb.runCommand('View: Open Previous Editor');
    await wb.waitForActiveEditor((tab) => tab.title === name, 'the entity page did not come back');
    await wb
      .activeWebview()
      .locator('.entity-header vscode-button', { hasText: /^\s*Refresh\s*$/ })
      .click();
    let shown: string[] = [];
    await waitUntil(
      async () =>
        (shown = await wb.notifications()).some((text) =>
          text.includes(`Refreshed system:default/${name} from registry`),
        ),
      30_000,
      () => `no refresh message: ${shown.join(' | ')}`,
    );
    await wb.activeWebview().locator('.tab-body', { hasText: after }).waitFor({ state: 'visible', timeout: 15_000 });
    await wb.screenshot('journey-remote-refresh.png');
    await wb.runCommand('View: Open Next Editor');
    await waitUntil(
      async () => (await wb.editorLines()).some((line) => line.includes(after)),
      15_000,
      'the open YAML did not follow the refresh',
    );
  });
});
