// Creating a service from a software template, as a user would: through the command palette one
// question at a time with a dry-run preview, and through the form panel with live validation.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { e2e } from './hooks';
import { waitUntil, type Workbench } from './support/workbench';

const TEMPLATE = 'Node.js TypeScript service';

/** Waits until the quick input asks for `title`, types `text` (if any) and accepts. */
async function answer(workbench: Workbench, title: string, text?: string): Promise<void> {
  const widget = workbench.quickInput();
  await waitUntil(async () => (await widget.locator('.quick-input-title').innerText().catch(() => '')).includes(title), 15_000, `the palette never asked for ${title}`);
  const input = widget.locator('input').first();
  if (text !== undefined) {
    await input.fill(text);
    await workbench.page.waitForTimeout(150);
  }
  await input.press('Enter');
}

async function treeHasComponent(workbench: Workbench, label: string): Promise<void> {
  await workbench.openViewContainer('Greenroom');
  await workbench.expandView('Catalog');
  await workbench.collapseAllRows('Catalog');
  await workbench.waitForTreeRows('Catalog', (rows) => rows.some((row) => row.label === 'Components'));
  await workbench.expandRow('Components', 'Catalog', 1);
  await workbench.waitForTreeRows('Catalog', (rows) => rows.some((row) => row.label === label), 20_000);
}

describe('Scaffolding from templates', () => {
  const created = ['order-history', 'billing-ledger'];
  let countBefore = '';

  before(async () => {
    const { workbench } = e2e();
    await workbench.dismissPopups();
    await workbench.closeAllEditors();
    countBefore = (await workbench.statusBarTexts()).find((text) => /^\d+ entities$/.test(text)) ?? '';
    assert.ok(countBefore, 'no entity count in the status bar');
  });

  // Later suites count the sample entities: take the new services away again (and see them go).
  after(async () => {
    const { workbench, workspaceFolder } = e2e();
    await workbench.closeAllEditors();
    for (const folder of created) {
      fs.rmSync(path.join(workspaceFolder, folder), { recursive: true, force: true });
    }
    await waitUntil(async () => (await workbench.statusBarTexts()).includes(countBefore), 20_000, `the created services did not leave the catalog (expected ${countBefore})`);
  });

  it('creates a service from a built-in template through the palette, after a dry-run preview', async () => {
    const { workbench, workspaceFolder } = e2e();
    await workbench.runCommand('Greenroom: Create from Template…');
    await waitUntil(async () => (await workbench.quickInputLabels()).some((label) => label.includes(TEMPLATE)), 15_000, 'the built-in template is not offered');
    await workbench.screenshot('scaffold-palette-templates.png');
    await workbench.quickInput().locator('input').first().fill('Node.js');
    await workbench.quickInput().locator('input').first().press('Enter');

    await answer(workbench, 'Name', 'order-history');
    await answer(workbench, 'Description');
    await answer(workbench, 'Owner', 'team-playback');
    await answer(workbench, 'System', 'system:default/playback');
    await answer(workbench, 'Include TechDocs', 'Yes');
    await answer(workbench, 'Repository location', 'github.com?owner=larkspur&repo=order-history');

    const widget = workbench.quickInput();
    await waitUntil(async () => (await widget.locator('.quick-input-title').innerText().catch(() => '')).includes('Preview'), 20_000, 'no dry-run preview');
    const rows = await workbench.quickInputLabels();
    assert.ok(rows.some((row) => /Create \d+ files/.test(row)), `no Create entry in ${rows.join(' | ')}`);
    assert.ok(rows.some((row) => row.endsWith('order-history/catalog-info.yaml')), `the preview lacks the catalog file: ${rows.join(' | ')}`);
    assert.ok(!fs.existsSync(path.join(workspaceFolder, 'order-history')), 'the dry run wrote files');
    await workbench.screenshot('scaffold-palette-preview.png');
    await widget.locator('input').first().press('Enter');

    const catalogFile = path.join(workspaceFolder, 'order-history', 'catalog-info.yaml');
    // Files are written one after the other: wait for all of them, not just the first.
    const expected = ['catalog-info.yaml', 'package.json', 'src/index.ts', 'mkdocs.yml', 'docs/index.md'];
    await waitUntil(async () => expected.every((file) => fs.existsSync(path.join(workspaceFolder, 'order-history', file))), 20_000,
      () => `not written: ${expected.filter((file) => !fs.existsSync(path.join(workspaceFolder, 'order-history', file))).join(', ')}`);
    assert.match(fs.readFileSync(catalogFile, 'utf8'), /name: "?order-history"?\n/);
    assert.match(fs.readFileSync(catalogFile, 'utf8'), /owner: "?(group:default\/)?team-playback"?\n/);
    await workbench.waitForActiveEditor((tab) => tab.title === 'catalog-info.yaml', 'the new catalog file was not opened');
    await workbench.screenshot('scaffold-palette-created.png');
    await treeHasComponent(workbench, 'order-history');
    await workbench.screenshot('scaffold-palette-tree.png');
  });

  it('creates a service through the form panel, with live validation and a preview', async () => {
    const { workbench, workspaceFolder } = e2e();
    await workbench.closeAllEditors();
    await workbench.dismissPopups();
    await workbench.runCommand('Greenroom: Create from Template (Form)…');
    await waitUntil(async () => (await workbench.quickInputLabels()).some((label) => label.includes(TEMPLATE)), 15_000, 'the built-in template is not offered');
    await workbench.quickInput().locator('input').first().fill('Node.js');
    await workbench.quickInput().locator('input').first().press('Enter');
    await workbench.waitForActiveEditor((tab) => tab.title.includes(TEMPLATE), 'the form did not open');
    const form = workbench.activeWebview();
    const field = (name: string) => form.locator(`[data-field="${name}"]`);
    await field('name').waitFor({ state: 'visible', timeout: 20_000 });

    await field('name').click();
    await workbench.page.keyboard.type('Billing Ledger!');
    const nameError = form.locator('.field[data-name="name"] .error');
    await waitUntil(async () => (await nameError.innerText()).length > 0, 10_000, 'no validation message for an invalid name');
    await workbench.screenshot('scaffold-form-validation.png');
    // Clear the field's own input (inside the component's shadow root), then type the fixed name.
    await field('name').locator('input').fill('');
    await field('name').locator('input').pressSequentially('billing-ledger');
    const nameValue = async (): Promise<string> => field('name').evaluate((element) => String((element as unknown as { value?: unknown }).value ?? ''));
    let seen = '';
    await waitUntil(async () => (seen = await nameValue()) === 'billing-ledger' && (await nameError.innerText()) === '', 10_000, () => `the name is "${seen}", or its validation message stayed`);

    await field('owner').click();
    await workbench.page.keyboard.type('group:default/team-payments');
    await field('repoUrl').click();
    await workbench.page.keyboard.type('github.com?owner=larkspur&repo=billing-ledger');
    await workbench.page.waitForTimeout(400);

    await form.locator('#preview').click();
    await form.locator('.result h2', { hasText: /Preview: \d+ files/ }).waitFor({ state: 'visible', timeout: 20_000 });
    const files = await form.locator('.result .file summary').allInnerTexts();
    assert.ok(files.some((file) => file.startsWith('billing-ledger/catalog-info.yaml')), `preview lacks the catalog file: ${files.join(' | ')}`);
    await form.locator('.result .file summary', { hasText: 'billing-ledger/catalog-info.yaml' }).click();
    assert.ok(!fs.existsSync(path.join(workspaceFolder, 'billing-ledger')), 'the preview wrote files');
    await workbench.screenshot('scaffold-form-preview.png');

    await form.locator('#create').click();
    const catalogFile = path.join(workspaceFolder, 'billing-ledger', 'catalog-info.yaml');
    await waitUntil(async () => fs.existsSync(catalogFile), 20_000, 'the form did not write the files');
    assert.match(fs.readFileSync(catalogFile, 'utf8'), /owner: .*team-payments/);
    await treeHasComponent(workbench, 'billing-ledger');
    await workbench.screenshot('scaffold-form-created.png');
  });
});
