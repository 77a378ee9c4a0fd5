// The Create page as a Backstage user meets it: every template as a card, grouped by category,
// narrowed by a search and a category, launched from the palette, the Catalog view and a
// template's own page; choosing a card continues in that template's form.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { e2e } from './hooks';
import { waitUntil, type Workbench } from './support/workbench';

type Page = ReturnType<Workbench['activeWebview']>;

const KAFKA = 'Kafka consumer service';
const BUILT_IN = 'Node.js TypeScript service';
const FOLDER = 'create-journey-templates';

/** A small template of another category, so the page has more than one group to show. */
function templateYaml(name: string, title: string, type: string, description: string, tags: string[]): string {
  return [
    'apiVersion: scaffolder.backstage.io/v1beta3',
    'kind: Template',
    'metadata:',
    `  name: ${name}`,
    `  title: ${title}`,
    `  description: ${description}`,
    `  tags: [${tags.join(', ')}]`,
    'spec:',
    '  owner: team-platform',
    `  type: ${type}`,
    '  parameters:',
    '    - title: Details',
    '      required: [name]',
    '      properties:',
    '        name: { title: Name, type: string }',
    '  steps:',
    '    - id: log',
    '      name: Log',
    '      action: debug:log',
    '      input: { message: hello }',
    '',
  ].join('\n');
}

async function groupTitles(page: Page): Promise<string[]> {
  return (await page.locator('.template-group-title').allInnerTexts()).map((text) => text.trim().toLowerCase());
}

async function cardTitles(page: Page): Promise<string[]> {
  return (await page.locator('.template-card .template-title').allInnerTexts()).map((text) => text.trim());
}

describe('Create page: template cards by category', () => {
  before(async () => {
    const { workbench, workspaceFolder } = e2e();
    await workbench.dismissPopups();
    await workbench.closeAllEditors();
    const folder = path.join(workspaceFolder, FOLDER);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(
      path.join(folder, 'docs-site.catalog-info.yaml'),
      templateYaml(
        'docs-site',
        'Documentation site',
        'documentation',
        'A TechDocs site with mkdocs.yml and a docs folder.',
        ['techdocs', 'mkdocs'],
      ),
    );
    fs.writeFileSync(
      path.join(folder, 'web-app.catalog-info.yaml'),
      templateYaml('web-app', 'React web app', 'website', 'A single-page React app with a catalog entry.', [
        'react',
        'frontend',
      ]),
    );
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await e2e().workbench.screenshot(`create-failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}.png`);
    }
  });

  after(async () => {
    const { workbench, workspaceFolder } = e2e();
    await workbench.closeAllEditors();
    fs.rmSync(path.join(workspaceFolder, FOLDER), { recursive: true, force: true });
  });

  it('shows every template as a card under its category, searchable, and a card opens its form', async () => {
    const { workbench } = e2e();
    await workbench.runCommand('Greenroom: Create…');
    await workbench.waitForActiveEditor((tab) => tab.title === 'Create', 'the Create page did not open');
    const page = workbench.activeWebview();
    let groups: string[] = [];
    await waitUntil(
      async () => (groups = await groupTitles(page)).length >= 3,
      30_000,
      () => `the page shows the groups ${JSON.stringify(groups)}`,
    );
    assert.deepEqual(groups, ['documentation', 'service', 'website']);
    const service = page.locator('.template-group', {
      has: page.locator('.template-group-title', { hasText: /^service$/i }),
    });
    assert.deepEqual(
      (await service.locator('.template-title').allInnerTexts()).map((text) => text.trim()),
      [KAFKA, BUILT_IN],
    );
    const kafka = page.locator('.template-card', { hasText: KAFKA });
    const kafkaText = await kafka.innerText();
    for (const expected of [
      'Creates a TypeScript service that consumes',
      'Owner',
      'Platform',
      'kafka',
      'recommended',
      'workspace',
    ]) {
      assert.ok(kafkaText.includes(expected), `the Kafka card lacks "${expected}": ${kafkaText}`);
    }
    assert.ok((await page.locator('.create-summary').innerText()).includes('4 templates'));
    // Every card shows its whole title and its button, side by side with the others.
    const boxes = await page.locator('.template-card').evaluateAll((cards) =>
      cards.map((card) => {
        const title = card.querySelector('.template-title');
        return {
          title: title ? title.scrollWidth <= title.clientWidth + 1 : false,
          width: card.getBoundingClientRect().width,
        };
      }),
    );
    assert.ok(
      boxes.every((box) => box.title && box.width > 200),
      `a card is squeezed or its title clipped: ${JSON.stringify(boxes)}`,
    );
    await workbench.screenshot('journey-create.png');

    // Search narrows to the cards whose words match; the category select narrows to one group.
    await page.locator('vscode-textfield.create-search input').fill('react');
    await waitUntil(
      async () => JSON.stringify(await cardTitles(page)) === JSON.stringify(['React web app']),
      10_000,
      'searching "react" did not leave only the React card',
    );
    await page.locator('vscode-textfield.create-search input').fill('');
    await waitUntil(
      async () => (await cardTitles(page)).length === 4,
      10_000,
      'clearing the search did not bring every card back',
    );
    await page.locator('vscode-single-select.create-category').click();
    await page
      .locator('vscode-single-select.create-category li.option', { hasText: /^\s*documentation\s*$/ })
      .first()
      .click();
    await waitUntil(
      async () => JSON.stringify(await cardTitles(page)) === JSON.stringify(['Documentation site']),
      10_000,
      'choosing the documentation category did not narrow the cards',
    );
    await workbench.screenshot('journey-create-filtered.png');
    await page.locator('vscode-single-select.create-category').click();
    await page
      .locator('vscode-single-select.create-category li.option', { hasText: /^\s*All categories\s*$/ })
      .first()
      .click();
    await waitUntil(
      async () => (await cardTitles(page)).length === 4,
      10_000,
      'All categories did not bring every card back',
    );

    // Choosing a card continues in that template's form.
    await page.locator('.template-card', { hasText: KAFKA }).locator('vscode-button[data-choose]').click();
    await workbench.waitForActiveEditor(
      (tab) => tab.title.includes(KAFKA),
      'choosing the Kafka card did not open its form',
    );
    const form = workbench.activeWebview();
    await form.locator('[data-field="name"]').waitFor({ state: 'visible', timeout: 20_000 });
    await workbench.screenshot('journey-create-form.png');
  });

  it('opens from the Catalog view title and from a template page', async () => {
    const { workbench } = e2e();
    await workbench.closeAllEditors();
    await workbench.openViewContainer('Greenroom');
    await workbench.expandView('Catalog');
    // The view title's "…" menu: another icon in the title bar would squeeze "by Kind" to "b.".
    const header = workbench.page.locator('.pane-header', { hasText: 'Catalog' }).first();
    await header.hover();
    await header.locator('.actions .action-label[aria-label^="More Actions"]').first().click();
    await workbench.page.locator('.monaco-menu .action-item', { hasText: 'Create…' }).first().click();
    await workbench.waitForActiveEditor(
      (tab) => tab.title === 'Create',
      'the Catalog view button did not open the Create page',
    );
    await workbench.activeWebview().locator('.template-card').first().waitFor({ state: 'visible', timeout: 20_000 });

    await workbench.closeAllEditors();
    const templatePage = await workbench.openEntityPage(KAFKA);
    await templatePage.locator('.entity-header [data-command="greenroom.openCreatePage"]').click();
    await workbench.waitForActiveEditor(
      (tab) => tab.title === 'Create',
      'the template page did not lead to the Create page',
    );
    await workbench
      .activeWebview()
      .locator('.template-card', { hasText: KAFKA })
      .waitFor({ state: 'visible', timeout: 20_000 });
  });
});
