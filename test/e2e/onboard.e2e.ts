// Adding an existing repository to the catalog, as a user would: right-click a folder that has
// no descriptor, answer what Greenroom could not infer, read the proposal as a diff, confirm, and
// find the new entity in the tree.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { e2e } from './hooks';
import { waitUntil, type Workbench } from './support/workbench';

const FOLDER = 'inventory-api';
const COMMAND = 'Add This Folder to the Catalog…';

/** A small Node service as a team would have it before Backstage: manifest, Dockerfile, OpenAPI file. */
function writeRepository(root: string): void {
  fs.mkdirSync(path.join(root, 'api'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'package.json'),
    JSON.stringify(
      {
        name: '@acme/inventory-api',
        description: 'Stock levels for every warehouse',
        scripts: { start: 'node server.js' },
        dependencies: { express: '^4.19.0' },
      },
      null,
      2,
    ),
  );
  fs.writeFileSync(path.join(root, 'server.js'), "require('express')().listen(8080);\n");
  fs.writeFileSync(path.join(root, 'Dockerfile'), 'FROM node:20-alpine\nCOPY . /app\nCMD ["node", "/app/server.js"]\n');
  fs.writeFileSync(
    path.join(root, 'api', 'openapi.yaml'),
    'openapi: 3.0.3\ninfo:\n  title: Inventory API\n  description: Read and reserve stock.\n  version: 1.0.0\npaths: {}\n',
  );
}

/** Right-clicks a folder in the Explorer and runs a context-menu entry. */
async function explorerContextCommand(workbench: Workbench, folder: string, entry: string): Promise<void> {
  await workbench.runCommand('View: Show Explorer');
  const row = workbench.page
    .locator('.explorer-folders-view .monaco-list-row', {
      has: workbench.page.locator('.label-name', { hasText: new RegExp(`^${folder}$`) }),
    })
    .first();
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  const item = workbench.page.locator('.context-view .action-item', { hasText: entry }).first();
  const answered = async (): Promise<boolean> =>
    (await workbench.quickInput().isVisible()) || (await workbench.page.locator('.monaco-dialog-box').isVisible());
  // A click while the menu is still fading in can be ignored by VS Code (CI saw the menu close
  // and nothing run): the entry is chosen again until the command shows its first question.
  for (let attempt = 1; ; attempt++) {
    await row.click({ button: 'right' });
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    await workbench.page.waitForTimeout(300);
    if (attempt === 1) await workbench.screenshot('onboard-explorer-menu.png');
    await item.click();
    const shown = await waitUntil(answered, 10_000, 'no question').then(
      () => true,
      () => false,
    );
    if (shown) return;
    if (attempt === 3) throw new Error(`"${entry}" in the Explorer's context menu did nothing, three times`);
    await workbench.page.keyboard.press('Escape');
  }
}

/** Answers each quick pick Greenroom shows: `answers` by title fragment, else the first row. */
async function answerQuestions(workbench: Workbench, answers: Record<string, string>): Promise<string[]> {
  const asked: string[] = [];
  const widget = workbench.quickInput();
  for (let round = 0; round < 4; round++) {
    const dialog = workbench.page.locator('.monaco-dialog-box');
    await waitUntil(
      async () => (await widget.isVisible()) || (await dialog.isVisible()),
      30_000,
      'neither a question nor the confirmation appeared',
    );
    if (await dialog.isVisible()) {
      return asked;
    }
    const title = (
      await widget
        .locator('.quick-input-title')
        .innerText()
        .catch(() => '')
    ).trim();
    asked.push(title);
    const wanted = Object.entries(answers).find(([fragment]) => title.includes(fragment))?.[1];
    if (asked.length === 1) {
      await workbench.screenshot('onboard-question.png');
    }
    if (wanted) {
      await widget.locator('input').first().fill(wanted);
      await workbench.page.waitForTimeout(200);
    }
    await widget.locator('input').first().press('Enter');
    await waitUntil(
      async () =>
        !(await widget.isVisible()) ||
        (
          await widget
            .locator('.quick-input-title')
            .innerText()
            .catch(() => '')
        ).trim() !== title,
      10_000,
      `the question "${title}" stayed open`,
    );
  }
  return asked;
}

describe('Onboarding a folder into the catalog', () => {
  before(async () => {
    const { workbench } = e2e();
    await workbench.dismissPopups();
    await workbench.closeAllEditors();
    await waitUntil(
      async () => (await workbench.statusBarTexts()).some((text) => /^\d+ entities$/.test(text)),
      120_000,
      'the catalog was never indexed',
    );
  });

  after(async () => {
    const { workbench, workspaceFolder } = e2e();
    await workbench.dismissPopups();
    await workbench.closeAllEditors();
    fs.rmSync(path.join(workspaceFolder, FOLDER), { recursive: true, force: true });
  });

  it("refuses to replace a folder's existing descriptor, defaulting to the choice that changes nothing", async () => {
    const { workbench, workspaceFolder } = e2e();
    const before = fs.readFileSync(path.join(workspaceFolder, 'catalog-info.yaml'), 'utf8');
    await workbench.runCommand(`Greenroom: ${COMMAND}`);
    await workbench.pickQuickInputRow('examples');
    const dialog = await workbench.modalDialog();
    await workbench.screenshot('onboard-existing.png');
    // Without a detail line the message sits outside .dialog-message-text: read the whole box.
    const text = (await workbench.page.locator('.monaco-dialog-box').innerText()).replace(/\s+/g, ' ');
    assert.match(
      `${dialog.message} ${text}`,
      /examples already has a catalog-info\.yaml; Greenroom does not replace it/,
    );
    assert.equal(dialog.focused, 'Open It', `Enter would press "${dialog.focused}"`);
    await workbench.page.keyboard.press('Escape');
    assert.equal(fs.readFileSync(path.join(workspaceFolder, 'catalog-info.yaml'), 'utf8'), before);
  });

  it("proposes the folder's entities, shows them as a diff, writes on confirm, and the tree shows the new component", async () => {
    const { workbench, workspaceFolder } = e2e();
    const root = path.join(workspaceFolder, FOLDER);
    writeRepository(root);
    await explorerContextCommand(workbench, FOLDER, COMMAND);

    const asked = await answerQuestions(workbench, { 'Who owns it': 'team-payments', 'Which system': 'payments' });
    assert.ok(
      asked.some((title) => title.includes('Who owns it')),
      `the owner was not asked: ${asked.join(' | ')}`,
    );
    assert.ok(
      !asked.some((title) => title.includes('What kind')),
      'the type should have been inferred (Dockerfile, express)',
    );

    const dialog = await workbench.modalDialog();
    assert.match(dialog.message, /Add 2 entities to the catalog in inventory-api\/catalog-info\.yaml\?/);
    assert.equal(dialog.focused, 'Write catalog-info.yaml', `Enter would press "${dialog.focused}"`);
    const tab = await workbench.activeTab();
    assert.match(tab.title, /catalog-info\.yaml \(proposed, not written yet\)/);
    const diffText = (
      await workbench.page.locator('.editor-instance .modified-in-monaco-diff-editor .view-lines').first().innerText()
    ).replace(/\u00a0/g, ' ');
    assert.match(diffText, /name: acme-inventory-api/);
    assert.match(diffText, /type: service/);
    assert.match(diffText, /\$text: \.\/api\/openapi\.yaml/);
    assert.ok(!fs.existsSync(path.join(root, 'catalog-info.yaml')), 'written before confirmation');
    await workbench.screenshot('onboard-diff.png');
    await workbench.page.keyboard.press('Enter');

    const descriptor = path.join(root, 'catalog-info.yaml');
    await waitUntil(async () => fs.existsSync(descriptor), 20_000, 'confirming did not write catalog-info.yaml');
    const written = fs.readFileSync(descriptor, 'utf8');
    assert.match(written, /owner: team-payments # owner: chosen by you/);
    assert.match(
      written,
      /providesApis:\n\s+- inventory-api # type: inventory-api\/api\/openapi\.yaml declares openapi 3\.0\.3/,
    );

    // The command reveals the new component, which opens the Greenroom side bar itself.
    await workbench.openViewContainer('Greenroom');
    await workbench.expandView('Catalog');
    await workbench.waitForTreeRows('Catalog', (rows) => rows.some((row) => row.label === 'Components'));
    await workbench.expandRow('Components', 'Catalog', 1);
    await workbench.waitForTreeRows(
      'Catalog',
      (rows) => rows.some((row) => row.label === '@acme/inventory-api'),
      20_000,
    );
    await workbench.screenshot('onboard-tree.png');
  });
});
