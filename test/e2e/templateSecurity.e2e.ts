// A hostile template in the workspace, as a user meets it: its preview runs away, and the editor
// stays usable while Greenroom stops it at its time budget with an error that says where.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { e2e } from './hooks';
import { waitUntil } from './support/workbench';

const TITLE = 'Runaway loop';
/** Short, so the test is quick; long enough that the editor can be used while the run goes on. */
const BUDGET_SECONDS = 8;

const TEMPLATE = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: runaway-loop
  title: ${TITLE}
  description: Renders two nested loops of 100,000 each
spec:
  type: service
  owner: group:default/team-playback
  parameters:
    - properties:
        name: { type: string, title: Name, default: loop }
  steps:
    - id: fetch-base
      name: Fetch
      action: fetch:template
      input:
        url: ./skeleton
`;

describe('Hostile templates', () => {
  let folder = '';
  let settingsFile = '';
  let countBefore = '';

  before(async () => {
    const { workbench, workspaceFolder } = e2e();
    await workbench.dismissPopups();
    await workbench.closeAllEditors();
    // The catalog must be loaded first, so the count taken is the one to come back to.
    await waitUntil(
      async () =>
        (countBefore = (await workbench.statusBarTexts()).find((text) => /^\d+ entities$/.test(text)) ?? '') !== '',
      60_000,
      'no entity count in the status bar',
    );
    folder = path.join(workspaceFolder, 'runaway-template');
    fs.mkdirSync(path.join(folder, 'skeleton'), { recursive: true });
    fs.writeFileSync(
      path.join(folder, 'skeleton', 'loop.txt'),
      '{% for i in range(100000) %}{% for j in range(100000) %}{% set k = j %}{% endfor %}{% endfor %}\n',
    );
    fs.writeFileSync(path.join(folder, 'catalog-info.yaml'), TEMPLATE);
    settingsFile = path.join(workspaceFolder, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(
      settingsFile,
      JSON.stringify({ 'greenroom.scaffolder.timeBudgetSeconds': BUDGET_SECONDS }, null, 2),
    );
  });

  after(async () => {
    const { workbench } = e2e();
    await workbench.closeAllEditors();
    fs.rmSync(folder, { recursive: true, force: true });
    fs.rmSync(path.dirname(settingsFile), { recursive: true, force: true });
    await waitUntil(
      async () => (await workbench.statusBarTexts()).includes(countBefore),
      20_000,
      `the runaway template did not leave the catalog (expected ${countBefore})`,
    );
  });

  it('a runaway template stops at its time budget with a clear error, the editor responsive meanwhile', async () => {
    const { workbench } = e2e();
    await workbench.runCommand('Greenroom: Create from Template (Form)…');
    await waitUntil(
      async () => (await workbench.quickInputLabels()).some((label) => label.includes(TITLE)),
      30_000,
      'the workspace template is not offered',
    );
    await workbench.quickInput().locator('input').first().fill(TITLE);
    await workbench.quickInput().locator('input').first().press('Enter');
    await workbench.waitForActiveEditor((tab) => tab.title.includes(TITLE), 'the form did not open');
    const form = workbench.activeWebview();
    await form.locator('[data-field="name"]').waitFor({ state: 'visible', timeout: 20_000 });

    const started = Date.now();
    await form.locator('#preview').click();
    const error = form.locator('.result .form-error');

    // While the template runs, the editor answers: a tree row expands and the palette opens.
    await workbench.openViewContainer('Greenroom');
    await workbench.expandView('Catalog');
    await workbench.collapseAllRows('Catalog');
    await workbench.waitForTreeRows('Catalog', (rows) => rows.some((row) => row.label === 'Components'));
    await workbench.expandRow('Components', 'Catalog', 1);
    await workbench.page.keyboard.press('F1');
    await workbench.quickInput().waitFor({ state: 'visible', timeout: 5000 });
    const responsiveAfter = Date.now() - started;
    assert.equal(await error.count(), 0, 'the error came before the editor was used: the check proves nothing');
    assert.ok(responsiveAfter < BUDGET_SECONDS * 1000, `the editor took ${responsiveAfter} ms to answer`);
    await workbench.screenshot('security-template-budget-running.png');
    await workbench.page.keyboard.press('Escape');

    await error.waitFor({ state: 'visible', timeout: (BUDGET_SECONDS + 20) * 1000 });
    const message = await error.innerText();
    const elapsed = Date.now() - started;
    assert.match(
      message,
      new RegExp(
        `step "fetch-base" \\(fetch:template\\): the template ran past its ${BUDGET_SECONDS} s time budget while rendering "skeleton/loop\\.txt"`,
      ),
    );
    assert.ok(elapsed < (BUDGET_SECONDS + 15) * 1000, `the error took ${elapsed} ms`);
    await error.scrollIntoViewIfNeeded(); // the screenshot shows the message, wherever the form scrolled
    await workbench.screenshot('security-template-budget-error.png');
  });
});
