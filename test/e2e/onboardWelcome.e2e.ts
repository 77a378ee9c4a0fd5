// A workspace with no catalog file yet, as a user meets Greenroom the first time: the Catalog view
// says so and offers to describe the folder; the button starts onboarding, which writes the
// folder's first catalog-info.yaml, and the view turns into the tree.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { e2e } from './hooks';
import { waitUntil, type Workbench } from './support/workbench';

const REPOSITORY = 'billing-worker';
const BUTTON = 'Add a Folder to the Catalog…';

/** A small Python worker as a team would have it before Backstage: manifest, Dockerfile, no descriptor. */
function writeRepository(root: string): void {
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(
    path.join(root, 'pyproject.toml'),
    '[project]\nname = "billing-worker"\ndescription = "Turns usage records into invoices every night"\nversion = "0.3.0"\n',
  );
  fs.writeFileSync(
    path.join(root, 'Dockerfile'),
    'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "-m", "billing"]\n',
  );
  fs.writeFileSync(path.join(root, 'README.md'), '# billing-worker\n');
}

/** The title of the open quick input, and whether it is a pick list (else an input box). */
async function quickInputState(workbench: Workbench): Promise<{ title: string; list: boolean } | undefined> {
  const widget = workbench.quickInput();
  if (!(await widget.isVisible())) {
    return undefined;
  }
  const title = (
    await widget
      .locator('.quick-input-title')
      .innerText()
      .catch(() => '')
  ).trim();
  const list = await widget
    .locator('.quick-input-list .monaco-list-row')
    .first()
    .isVisible()
    .catch(() => false);
  return { title, list };
}

describe('Onboarding from the empty Catalog view', function () {
  this.timeout(300_000);
  let root = '';

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-welcome-e2e-'));
    writeRepository(path.join(root, REPOSITORY));
  });

  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('offers "Add a Folder to the Catalog…" when the workspace has no catalog file, and the button onboards it', async () => {
    const { workbench, workspaceFolder } = e2e();
    const folder = path.join(root, REPOSITORY);
    try {
      await workbench.open(folder);
      await workbench.openViewContainer('Greenroom');
      await workbench.expandView('Catalog');
      let message = '';
      await waitUntil(
        async () => (message = await workbench.viewMessage('Catalog')).includes(BUTTON),
        60_000,
        () => `the Catalog view does not offer "${BUTTON}"; it shows: ${message}`,
      );
      assert.match(message, /No catalog entities found in this workspace/);
      assert.match(message, /Describe a repository from what it already says/);
      const button = workbench.page.locator('.part.sidebar .welcome-view-content .monaco-button', { hasText: BUTTON });
      await button.first().waitFor({ state: 'visible', timeout: 10_000 });
      await workbench.screenshot('onboard-welcome.png');
      await button.first().click();

      // No folder came with the click: Greenroom asks which one, the workspace folder first.
      await waitUntil(
        async () => (await quickInputState(workbench))?.title.includes('Add Which Folder to the Catalog?') ?? false,
        20_000,
        'the button did not start onboarding (no folder question)',
      );
      const offered = await workbench.quickInputLabels();
      assert.equal(offered[0], REPOSITORY, `the workspace folder is not offered first: ${offered.join(' | ')}`);
      // Clicked, not picked with pickQuickInputRow: the next question reuses the widget, so it never hides.
      await workbench
        .quickInput()
        .locator('.monaco-list-row', { has: workbench.page.locator('.label-name', { hasText: REPOSITORY }) })
        .first()
        .click();

      // An empty catalog has no groups to pick from: the owner is typed through Other….
      await waitUntil(
        async () => (await quickInputState(workbench))?.title.includes('Who owns it?') ?? false,
        30_000,
        'the owner was not asked',
      );
      assert.deepEqual(await workbench.quickInputLabels(), ['Other…']);
      await workbench.quickInput().locator('input').first().press('Enter');
      await waitUntil(
        async () => (await quickInputState(workbench))?.list === false,
        10_000,
        'Other… did not open an input box for the owner',
      );
      await workbench.quickInput().locator('input').first().fill('team-billing');
      await workbench.quickInput().locator('input').first().press('Enter');

      const dialog = await workbench.modalDialog(30_000);
      assert.match(dialog.message, /^Add 1 entity to the catalog in catalog-info\.yaml\?$/);
      assert.equal(dialog.focused, 'Write catalog-info.yaml', `Enter would press "${dialog.focused}"`);
      const diffText = (
        await workbench.page.locator('.editor-instance .modified-in-monaco-diff-editor .view-lines').first().innerText()
      ).replace(/\u00a0/g, ' ');
      assert.match(diffText, /name: billing-worker/);
      assert.match(diffText, /type: service/);
      assert.match(diffText, /owner: team-billing/);
      await workbench.screenshot('onboard-welcome-diff.png');
      await workbench.page.keyboard.press('Enter');

      const descriptor = path.join(folder, 'catalog-info.yaml');
      await waitUntil(async () => fs.existsSync(descriptor), 20_000, 'confirming did not write catalog-info.yaml');
      assert.match(fs.readFileSync(descriptor, 'utf8'), /description: Turns usage records into invoices every night/);

      // The welcome content gives way to the tree with the new component.
      await workbench.openViewContainer('Greenroom');
      await workbench.expandView('Catalog');
      await workbench.waitForTreeRows('Catalog', (rows) => rows.some((row) => row.label === 'Components'), 20_000);
      await workbench.expandRow('Components', 'Catalog', 1).catch(() => undefined);
      await workbench.waitForTreeRows('Catalog', (rows) => rows.some((row) => row.label === REPOSITORY), 20_000);
      assert.ok(
        !(await workbench.viewMessage('Catalog')).includes(BUTTON),
        'the welcome button stays after the catalog has an entity',
      );
      await workbench.screenshot('onboard-welcome-tree.png');
    } finally {
      await workbench.dismissPopups();
      await workbench.closeAllEditors().catch(() => undefined);
      await workbench.open(workspaceFolder);
    }
  });
});
