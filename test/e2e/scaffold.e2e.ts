// Creating a service from a software template, as a user would: through the command palette one
// question at a time with a dry-run preview, and through the form panel with live validation.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { e2e } from './hooks';
import type { Locator } from 'playwright-core';
import { waitUntil, type Workbench } from './support/workbench';

const TEMPLATE = 'Node.js TypeScript service';

/** Waits until the quick input asks for `title`, types `text` (if any) and accepts. */
async function answer(workbench: Workbench, title: string, text?: string): Promise<void> {
  const widget = workbench.quickInput();
  await waitUntil(
    async () =>
      (
        await widget
          .locator('.quick-input-title')
          .innerText()
          .catch(() => '')
      ).includes(title),
    15_000,
    `the palette never asked for ${title}`,
  );
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

/** Opens a picker's combobox, types to filter, and clicks the suggestion labelled `label`. */
async function pickSuggestion(workbench: Workbench, picker: Locator, typed: string, label: string): Promise<void> {
  await picker.locator('input').first().click();
  await picker.locator('input').first().pressSequentially(typed);
  const option = picker.locator('li.option', { hasText: new RegExp(`^\\s*${label}\\s*$`) }).first();
  await option.waitFor({ state: 'visible', timeout: 10_000 });
  await option.click();
  let value = '';
  await waitUntil(
    async () =>
      (value = await picker.evaluate((element) => (element as unknown as { value?: string }).value ?? '')).includes(
        ':',
      ),
    5_000,
    () => `picking ${label} set the value "${value}"`,
  );
  await workbench.page.waitForTimeout(300);
}

describe('Scaffolding from templates', () => {
  const created = ['order-history', 'billing-ledger', 'royalty-aggregator', 'royalty-aggregator-2'];
  let countBefore = '';

  before(async () => {
    const { workbench } = e2e();
    await workbench.dismissPopups();
    await workbench.closeAllEditors();
    // Run first on a loaded machine, the index may still be filling: wait for the count, do not skip it.
    let texts: string[] = [];
    await waitUntil(
      async () => (texts = await workbench.statusBarTexts()).some((text) => /^\d+ entities$/.test(text)),
      120_000,
      () => `no entity count in the status bar: ${texts.join(' | ')}`,
    );
    countBefore = texts.find((text) => /^\d+ entities$/.test(text)) ?? '';
    assert.ok(countBefore, 'no entity count in the status bar');
  });

  // Later suites count the sample entities: take the new services away again (and see them go).
  after(async () => {
    const { workbench, workspaceFolder } = e2e();
    await workbench.closeAllEditors();
    for (const folder of created) {
      fs.rmSync(path.join(workspaceFolder, folder), { recursive: true, force: true });
    }
    await waitUntil(
      async () => (await workbench.statusBarTexts()).includes(countBefore),
      20_000,
      `the created services did not leave the catalog (expected ${countBefore})`,
    );
  });

  it('creates a service from a built-in template through the palette, after a dry-run preview', async () => {
    const { workbench, workspaceFolder } = e2e();
    await workbench.runCommand('Greenroom: Create from Template…');
    await waitUntil(
      async () => (await workbench.quickInputLabels()).some((label) => label.includes(TEMPLATE)),
      15_000,
      'the built-in template is not offered',
    );
    await workbench.screenshot('scaffold-palette-templates.png');
    await workbench.quickInput().locator('input').first().fill('Node.js');
    await workbench.quickInput().locator('input').first().press('Enter');

    await answer(workbench, 'Name', 'order-history');
    await answer(workbench, 'Description');
    await answer(workbench, 'Owner', 'team-playback');
    await answer(workbench, 'System', 'system:default/playback');
    await answer(workbench, 'Include TechDocs', 'Yes');
    // A URL as people paste it: normalised for the template, not refused after the last question.
    await answer(workbench, 'Repository location', 'https://github.com/larkspur/order-history');

    const widget = workbench.quickInput();
    await waitUntil(
      async () =>
        (
          await widget
            .locator('.quick-input-title')
            .innerText()
            .catch(() => '')
        ).includes('Preview'),
      20_000,
      'no dry-run preview',
    );
    const rows = await workbench.quickInputLabels();
    assert.ok(
      rows.some((row) => /Create \d+ files/.test(row)),
      `no Create entry in ${rows.join(' | ')}`,
    );
    assert.ok(
      rows.some((row) => row.endsWith('order-history/catalog-info.yaml')),
      `the preview lacks the catalog file: ${rows.join(' | ')}`,
    );
    assert.ok(!fs.existsSync(path.join(workspaceFolder, 'order-history')), 'the dry run wrote files');
    await workbench.screenshot('scaffold-palette-preview.png');
    await workbench.screenshot('journey-scaffold-palette-preview.png');
    // Picking a file shows its content and comes back to the preview; it does not cancel.
    await widget
      .locator('.monaco-list-row')
      .filter({ has: workbench.page.locator('.label-name', { hasText: /order-history\/package\.json\s*$/ }) })
      .first()
      .click();
    await workbench.waitForActiveEditor(
      (tab) => tab.title === 'package.json',
      'picking a file in the preview did not show it',
    );
    assert.ok(
      (await workbench.editorLines()).some((line) => line.includes('"name"')),
      'the shown file has no content',
    );
    await workbench.screenshot('journey-scaffold-palette-file.png');
    const back = workbench.page.locator('.notifications-toasts .monaco-button', { hasText: 'Back to Preview' }).first();
    await back.waitFor({ state: 'visible', timeout: 10_000 });
    await back.click();
    await waitUntil(
      async () =>
        (await widget.isVisible()) &&
        (
          await widget
            .locator('.quick-input-title')
            .innerText()
            .catch(() => '')
        ).includes('Preview'),
      10_000,
      'the preview did not come back after showing a file',
    );
    assert.ok(!fs.existsSync(path.join(workspaceFolder, 'order-history')), 'showing a file wrote files');
    await widget
      .locator('.monaco-list-row')
      .filter({ has: workbench.page.locator('.label-name', { hasText: /Create \d+ files/ }) })
      .first()
      .click();

    const catalogFile = path.join(workspaceFolder, 'order-history', 'catalog-info.yaml');
    // Files are written one after the other: wait for all of them, not just the first.
    const expected = ['catalog-info.yaml', 'package.json', 'src/index.ts', 'mkdocs.yml', 'docs/index.md'];
    await waitUntil(
      () => expected.every((file) => fs.existsSync(path.join(workspaceFolder, 'order-history', file))),
      20_000,
      () =>
        `not written: ${expected.filter((file) => !fs.existsSync(path.join(workspaceFolder, 'order-history', file))).join(', ')}`,
    );
    assert.match(fs.readFileSync(catalogFile, 'utf8'), /name: "?order-history"?\n/);
    assert.match(fs.readFileSync(catalogFile, 'utf8'), /owner: "?(group:default\/)?team-playback"?\n/);
    await workbench.waitForActiveEditor(
      (tab) => tab.title === 'catalog-info.yaml',
      'the new catalog file was not opened',
    );
    await workbench.screenshot('scaffold-palette-created.png');
    await treeHasComponent(workbench, 'order-history');
    await workbench.screenshot('scaffold-palette-tree.png');
  });

  it('creates a service through the form panel, with live validation and a preview', async () => {
    const { workbench, workspaceFolder } = e2e();
    await workbench.closeAllEditors();
    await workbench.dismissPopups();
    await workbench.runCommand('Greenroom: Create from Template (Form)…');
    await waitUntil(
      async () => (await workbench.quickInputLabels()).some((label) => label.includes(TEMPLATE)),
      15_000,
      'the built-in template is not offered',
    );
    await workbench.quickInput().locator('input').first().fill('Node.js');
    await workbench.quickInput().locator('input').first().press('Enter');
    await workbench.waitForActiveEditor((tab) => tab.title.includes(TEMPLATE), 'the form did not open');
    const form = workbench.activeWebview();
    const field = (name: string) => form.locator(`[data-field="${name}"]`);
    await field('name').waitFor({ state: 'visible', timeout: 20_000 });

    await field('name').click();
    await workbench.page.keyboard.type('Billing Ledger!');
    const nameError = form.locator('.field[data-name="name"] .error');
    await waitUntil(
      async () => (await nameError.innerText()).length > 0,
      10_000,
      'no validation message for an invalid name',
    );
    await workbench.screenshot('scaffold-form-validation.png');
    // Clear the field's own input (inside the component's shadow root), then type the fixed name.
    await field('name').locator('input').fill('');
    await field('name').locator('input').pressSequentially('billing-ledger');
    const nameValue = async (): Promise<string> =>
      field('name').evaluate((element) => (element as unknown as { value?: string }).value ?? '');
    let seen = '';
    await waitUntil(
      async () => (seen = await nameValue()) === 'billing-ledger' && (await nameError.innerText()) === '',
      10_000,
      () => `the name is "${seen}", or its validation message stayed`,
    );

    await pickSuggestion(workbench, field('owner'), 'Paym', 'Payments');
    await field('repoUrl').click();
    await workbench.page.keyboard.type('git@github.com:larkspur/billing-ledger.git');
    await workbench.page.waitForTimeout(400);

    await form.locator('#preview').click();
    await form.locator('.result h2', { hasText: /Preview: \d+ files/ }).waitFor({ state: 'visible', timeout: 20_000 });
    const files = await form.locator('.result .file summary').allInnerTexts();
    assert.ok(
      files.some((file) => file.startsWith('billing-ledger/catalog-info.yaml')),
      `preview lacks the catalog file: ${files.join(' | ')}`,
    );
    await form.locator('.result .file summary', { hasText: 'billing-ledger/catalog-info.yaml' }).click();
    assert.ok(!fs.existsSync(path.join(workspaceFolder, 'billing-ledger')), 'the preview wrote files');
    await workbench.screenshot('scaffold-form-preview.png');

    await form.locator('#create').click();
    const catalogFile = path.join(workspaceFolder, 'billing-ledger', 'catalog-info.yaml');
    await waitUntil(() => fs.existsSync(catalogFile), 20_000, 'the form did not write the files');
    assert.match(fs.readFileSync(catalogFile, 'utf8'), /owner: .*team-payments/);
    await treeHasComponent(workbench, 'billing-ledger');
    await workbench.screenshot('scaffold-form-created.png');
  });

  it('reaches the preview with a repository location in each common form, and explains a wrong one', async () => {
    const { workbench } = e2e();
    await workbench.closeAllEditors();
    await workbench.dismissPopups();
    const forms = [
      'https://github.com/larkspur/forms-check',
      'github.com/larkspur/forms-check',
      'git@github.com:larkspur/forms-check.git',
      'github.com?owner=larkspur&repo=forms-check',
    ];
    for (const [position, form] of forms.entries()) {
      await workbench.runCommand('Greenroom: Create from Template…');
      await waitUntil(
        async () => (await workbench.quickInputLabels()).some((label) => label.includes(TEMPLATE)),
        15_000,
        'the built-in template is not offered',
      );
      await workbench.quickInput().locator('input').first().fill('Node.js');
      await workbench.quickInput().locator('input').first().press('Enter');
      await answer(workbench, 'Name', 'forms-check');
      await answer(workbench, 'Description');
      await answer(workbench, 'Owner', 'team-playback');
      await answer(workbench, 'System', 'system:default/playback');
      await answer(workbench, 'Include TechDocs', 'Yes');
      const widget = workbench.quickInput();
      if (position === 0) {
        // Told at once, while answering, with the forms that work.
        await waitUntil(
          async () =>
            (
              await widget
                .locator('.quick-input-title')
                .innerText()
                .catch(() => '')
            ).includes('Repository location'),
          15_000,
          'not asked for the repository',
        );
        await widget.locator('input').first().fill('https://github.com/larkspur');
        let message = '';
        await waitUntil(
          async () =>
            /owner and a repository/.test(
              (message = await widget
                .locator('.quick-input-message')
                .innerText()
                .catch(() => '')),
            ),
          10_000,
          () => `no message for a location without a repository: "${message}"`,
        );
        await widget.locator('input').first().press('Enter');
        await workbench.page.waitForTimeout(300);
        assert.match(
          await widget.locator('.quick-input-title').innerText(),
          /Repository location/,
          'an invalid location was accepted',
        );
        await workbench.screenshot('journey-scaffold-palette-repo-invalid.png');
      }
      await answer(workbench, 'Repository location', form);
      let title = '';
      await waitUntil(
        async () =>
          (title = await widget
            .locator('.quick-input-title')
            .innerText()
            .catch(() => '')).includes('Preview'),
        20_000,
        () => `no preview for ${form}; the palette shows "${title}"`,
      );
      const rows = await workbench.quickInputLabels();
      assert.ok(
        rows.some((row) => row.endsWith('forms-check/catalog-info.yaml')),
        `the preview for ${form} lacks the catalog file: ${rows.join(' | ')}`,
      );
      await workbench.page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden' });
    }
  });

  it("starts the form from a Template's own page", async () => {
    const { workbench } = e2e();
    await workbench.closeAllEditors();
    await workbench.dismissPopups();
    const page = await workbench.openEntityPage('Kafka consumer service');
    const action = page.locator('vscode-button', { hasText: 'Create from this template' });
    await action.waitFor({ state: 'visible', timeout: 15_000 });
    await workbench.screenshot('journey-scaffold-template-page.png');
    await action.click();
    await workbench.waitForActiveEditor(
      (tab) => tab.title === 'Create: Kafka consumer service',
      'the action did not open the form for this template',
    );
    await workbench.activeWebview().locator('[data-field="name"]').waitFor({ state: 'visible', timeout: 20_000 });
  });

  it('writes a workspace template into its own folder, marks existing files, and defaults the conflict dialog to the safe choice', async () => {
    const { workbench, workspaceFolder } = e2e();
    await workbench.closeAllEditors();
    await workbench.dismissPopups();
    // Someone's folder of the same name, with their own README.
    const existingReadme = path.join(workspaceFolder, 'royalty-aggregator', 'README.md');
    fs.mkdirSync(path.dirname(existingReadme), { recursive: true });
    fs.writeFileSync(existingReadme, '# mine, keep me\n');
    const rootReadme = fs.readFileSync(path.join(workspaceFolder, 'README.md'), 'utf8');
    const rootCatalog = fs.readFileSync(path.join(workspaceFolder, 'catalog-info.yaml'), 'utf8');

    await workbench.runCommand('Greenroom: Create from Template (Form)…');
    await waitUntil(
      async () => (await workbench.quickInputLabels()).some((label) => label.includes('Kafka consumer service')),
      15_000,
      'the workspace template is not offered',
    );
    await workbench.quickInput().locator('input').first().fill('Kafka consumer');
    await workbench.quickInput().locator('input').first().press('Enter');
    await workbench.waitForActiveEditor((tab) => tab.title.includes('Kafka consumer service'), 'the form did not open');
    const form = workbench.activeWebview();
    const field = (name: string) => form.locator(`[data-field="${name}"]`);
    await field('name').waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(
      await field('description').evaluate((element) => element.tagName.toLowerCase()),
      'vscode-textarea',
      'ui:widget textarea is not a textarea',
    );

    await field('name').locator('input').pressSequentially('royalty-aggregator');
    await field('description').locator('textarea').fill('Aggregates royalties.');
    // catalogFilter kind: Group — teams by their display names, no people.
    await field('owner').click();
    const offered = (await field('owner').locator('li.option').allInnerTexts()).map((text) => text.trim());
    assert.ok(offered.includes('Payments'), `Owner does not suggest Payments: ${offered.join(' | ')}`);
    assert.ok(
      !offered.some((label) => /amara/i.test(label)),
      `Owner (catalogFilter kind: Group) offers a user: ${offered.join(' | ')}`,
    );
    await workbench.page.keyboard.press('Escape');
    await pickSuggestion(workbench, field('owner'), 'Paym', 'Payments');
    await pickSuggestion(workbench, field('system'), 'Playb', 'Playback');
    await field('consumerGroup').locator('input').pressSequentially('royalty-aggregator');
    await field('repoUrl').locator('input').pressSequentially('https://github.com/larkspur/royalty-aggregator');
    await workbench.page.waitForTimeout(500);
    await workbench.screenshot('journey-scaffold-form-filled.png');

    await form.locator('#preview').click();
    await form.locator('.result h2', { hasText: /Preview: \d+ files/ }).waitFor({ state: 'visible', timeout: 20_000 });
    const files = await form.locator('.result .file summary').allInnerTexts();
    assert.ok(
      files.some((file) => /^README\.md .*already exists/.test(file)),
      `the existing README is not marked: ${files.join(' | ')}`,
    );
    assert.ok(
      files.some((file) => /^catalog-info\.yaml \(\d+ bytes\)$/.test(file)),
      `a new file is marked as existing: ${files.join(' | ')}`,
    );
    assert.match(await form.locator('.result .folder').innerText(), /royalty-aggregator$/);
    await form.locator('.result .form-warning').scrollIntoViewIfNeeded();
    await workbench.screenshot('journey-scaffold-form-preview.png');

    await form.locator('#create').click();
    const dialog = await workbench.modalDialog();
    await workbench.screenshot('journey-scaffold-form-conflict.png');
    assert.match(dialog.message, /README\.md already exists in royalty-aggregator/);
    // The on-screen order is the platform's (Linux puts the default last); what matters is what Enter presses.
    assert.deepEqual(
      [...dialog.buttons].sort(),
      ['Cancel', 'Overwrite', 'Write to a New Folder'],
      `buttons: ${dialog.buttons.join(' | ')}`,
    );
    assert.equal(
      dialog.focused,
      'Write to a New Folder',
      `Enter would press "${dialog.focused}", buttons ${dialog.buttons.join(' | ')}`,
    );
    await workbench.page.keyboard.press('Enter');

    const newCatalog = path.join(workspaceFolder, 'royalty-aggregator-2', 'catalog-info.yaml');
    await waitUntil(() => fs.existsSync(newCatalog), 20_000, 'pressing Enter did not write into a new folder');
    assert.equal(fs.readFileSync(existingReadme, 'utf8'), '# mine, keep me\n', 'the existing README was overwritten');
    assert.equal(
      fs.readFileSync(path.join(workspaceFolder, 'README.md'), 'utf8'),
      rootReadme,
      "the workspace's own README changed",
    );
    assert.equal(
      fs.readFileSync(path.join(workspaceFolder, 'catalog-info.yaml'), 'utf8'),
      rootCatalog,
      "the workspace's own catalog file changed",
    );
    assert.match(fs.readFileSync(newCatalog, 'utf8'), /owner: .*team-payments/);
    // Creating opens the new catalog file; the form, one tab over, says what was created.
    await workbench.page.locator('.tabs-container .tab', { hasText: 'Create: Kafka consumer service' }).first().click();
    await form.locator('.result h2.created').waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await form.locator('.result h2.created').innerText(), /royalty-aggregator-2$/);
    await workbench.screenshot('journey-scaffold-form-created.png');
  });
});
