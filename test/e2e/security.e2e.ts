// Catalog files come from other teams. A tag that is Markdown, HTML or an icon must show as the
// text it is when a user hovers a ref; a workspace's ref pattern must not freeze the editor; a
// template's or a setting's `[label](command:…)` must not become a link in a prompt or a warning.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCodeServer, type CodeServer } from './support/codeServer';
import { ownCodeServerHooks } from './support/ownCodeServer';
import type { Locator } from 'playwright-core';
import { waitUntil, Workbench } from './support/workbench';

/** A remote image (port 9 discards), a command link, an icon and a raw HTML tag. */
const HOSTILE_TAGS = [
  '![x](http://127.0.0.1:9/x.png)',
  '[click](command:workbench.action.terminal.new)',
  '$(zap)',
  '<img src=x>',
  'x` ![p](http://127.0.0.1:9/p.png) `y',
];
const HOSTILE_TITLE = 'Widget [open](command:workbench.action.terminal.new) $(flame)';
/** Icon syntax in a title and a tag: VS Code draws `$(name)` as an icon in quick pick rows. */
const ICON_TITLE = '$(verified) Payments $(loading~spin)';
const ICON_TAG = '$(shield)';
/** The codicons the catalog above writes; none may be drawn. */
const CATALOG_ICONS = ['codicon-verified', 'codicon-loading', 'codicon-shield', 'codicon-zap', 'codicon-flame'];
/** Text VS Code would show as a link that runs Greenroom's Show Log (harmless, and visible). */
const COMMAND_LINK = '[Continue](command:greenroom.showLog)';
/**
 * A pattern that backtracks forever on a long run of x, one the linear matcher refuses, and a
 * refused one that reads as a command link in the warning that names it.
 */
const LINK_PATTERN = `${COMMAND_LINK}\\1`;
const REFERENCE_PATTERNS = [
  { pattern: '(x+x+)+y', kind: 'group' },
  { pattern: '(team)\\1', kind: 'group' },
  { pattern: LINK_PATTERN, kind: 'group' },
];
/** A template whose parameter's title and description are command links. */
const TEMPLATE_TITLE = 'Hostile approval';
const TEMPLATE = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: hostile-approval
  title: ${TEMPLATE_TITLE}
spec:
  owner: team-a
  type: service
  parameters:
    - title: Approval
      required: [approval]
      properties:
        approval:
          title: ${JSON.stringify(COMMAND_LINK)}
          description: ${JSON.stringify(`${COMMAND_LINK} to approve the change`)}
          type: string
          pattern: '^ok$'
  steps:
    - id: log
      name: Log
      action: debug:log
      input: { message: hello }
`;
const TEMPLATE_FILE = 'templates/approval/catalog-info.yaml';

const CATALOG = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: hostile-widget
  title: ${JSON.stringify(HOSTILE_TITLE)}
  description: ${JSON.stringify('![pixel](http://127.0.0.1:9/pixel.png) <b>bold</b>')}
  tags: [${HOSTILE_TAGS.map((tag) => JSON.stringify(tag)).join(', ')}]
spec:
  type: service
  lifecycle: production
  owner: team-a
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: consumer
spec:
  type: service
  lifecycle: production
  owner: team-a
  dependsOn:
    - component:hostile-widget
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: verified-payments
  title: ${JSON.stringify(ICON_TITLE)}
  tags: [${JSON.stringify(ICON_TAG)}]
spec:
  type: service
  lifecycle: production
  owner: team-a
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-a
spec:
  type: team
  children: []
`;
const CATALOG_FILE = 'services/widget/catalog-info.yaml';
const NOTES_FILE = 'docs/notes.txt';
const LONG_LINE = 'x'.repeat(5000);
const NOTES = `Notes\n\nSee component:hostile-widget for the widget.\n\n${LONG_LINE}\n`;

describe('Security: hostile catalog data in hovers', function () {
  this.timeout(300_000);
  let codeServer: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let folder = '';

  function wb(): Workbench {
    assert.ok(workbench, 'the workbench did not start');
    return workbench;
  }

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-security-e2e-'));
    const workspace = path.join(folder, 'hostile');
    for (const sub of ['.vscode', 'services/widget', 'docs', path.dirname(TEMPLATE_FILE)]) {
      fs.mkdirSync(path.join(workspace, sub), { recursive: true });
    }
    fs.writeFileSync(path.join(workspace, CATALOG_FILE), CATALOG);
    fs.writeFileSync(path.join(workspace, NOTES_FILE), NOTES);
    fs.writeFileSync(path.join(workspace, TEMPLATE_FILE), TEMPLATE);
    fs.writeFileSync(
      path.join(workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'greenroom.referencePatterns': REFERENCE_PATTERNS }, null, 2),
    );
    codeServer = await startCodeServer();
    workbench = await Workbench.launch(codeServer.url);
    await workbench.open(workspace);
  });

  ownCodeServerHooks('security', () => ({ codeServer, workbench }));

  after(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  /** What the hover widget holds: anchors, images, icons and its text. */
  async function hoverDom(): Promise<{
    links: { text: string; target: string }[];
    images: number;
    icons: string[];
    text: string;
  }> {
    const contents = wb().page.locator('.monaco-hover:not(.hidden) .hover-contents').last();
    return contents.evaluate((element) => ({
      links: Array.from(element.querySelectorAll('a')).map((anchor) => ({
        text: anchor.textContent ?? '',
        target: anchor.getAttribute('data-href') ?? anchor.getAttribute('href') ?? '',
      })),
      images: element.querySelectorAll('img').length,
      icons: Array.from(element.querySelectorAll('.codicon')).map(
        (icon) => Array.from(icon.classList).find((name) => name.startsWith('codicon-')) ?? '',
      ),
      text: (element as HTMLElement).innerText,
    }));
  }

  /** A quick pick row's text and the codicons drawn in it. */
  async function rowDom(row: Locator): Promise<{ text: string; icons: string[] }> {
    return row.evaluate((element) => ({
      text: (element as HTMLElement).innerText,
      icons: Array.from(element.querySelectorAll('.codicon')).flatMap((icon) =>
        Array.from(icon.classList).filter((name) => name.startsWith('codicon-')),
      ),
    }));
  }

  /**
   * An element's text as read (without the word joiners escaping puts after a `]`, which draw
   * nothing) and the links drawn in it (VS Code draws message links as `a` elements).
   */
  async function linkedTextDom(element: Locator): Promise<{ text: string; links: string[] }> {
    return element.evaluate((node) => ({
      text: (node as HTMLElement).innerText.replaceAll('\u2060', ''),
      links: Array.from(node.querySelectorAll('a, .monaco-link')).map(
        (link) => `${link.textContent ?? ''} -> ${link.getAttribute('href') ?? link.getAttribute('data-href') ?? ''}`,
      ),
    }));
  }

  it('hovering a ref to an entity with hostile tags shows them as text', async () => {
    const workbench = wb();
    await workbench.openViewContainer('Greenroom');
    await workbench.waitForTreeRows('Catalog', (rows) => rows.some((row) => row.label === 'Components'));
    await workbench.openFile(CATALOG_FILE);
    const line = workbench
      .activeEditor()
      .locator('.view-line')
      .filter({ hasText: /-\s*component:hostile-widget/ })
      .first();
    await line.waitFor({ state: 'visible' });
    const value = line.locator('span > span').filter({ hasText: 'hostile-widget' }).last();
    const text = await workbench.hoverOver(
      value,
      (shown) => shown.includes('Open entity') && shown.includes('hostile-widget'),
    );
    await workbench.screenshot('security-hover-tags.png');

    const dom = await hoverDom();
    for (const tag of HOSTILE_TAGS) {
      assert.ok(dom.text.includes(tag), `the hover does not show the tag ${tag} literally: "${text}"`);
    }
    assert.ok(dom.text.includes(HOSTILE_TITLE), `the title is not shown literally: "${text}"`);
    assert.ok(
      dom.text.includes('![pixel](http://127.0.0.1:9/pixel.png) <b>bold</b>'),
      `the description is not shown literally: "${text}"`,
    );
    assert.equal(dom.images, 0, 'the hover holds an image');
    const foreign = dom.links.filter((link) => !link.target.startsWith('command:greenroom.'));
    assert.deepEqual(foreign, [], 'the hover links somewhere other than Greenroom commands');
    assert.ok(
      !dom.icons.includes('codicon-zap') && !dom.icons.includes('codicon-flame'),
      `entity data became icons: ${dom.icons.join(', ')}`,
    );
    assert.ok(dom.icons.includes('codicon-tag'), `our own tag icon is missing: ${dom.icons.join(', ')}`);
    await workbench.page.mouse.move(1300, 850);
  });

  it('the tree tooltip of that entity shows them as text too', async () => {
    const workbench = wb();
    await workbench.page.keyboard.press('Escape');
    await workbench.expandRow('Components', 'Catalog', 1);
    const rows = await workbench.waitForTreeRows('Catalog', (shown) =>
      shown.some((row) => row.level === 2 && row.label.startsWith('Widget')),
    );
    const label = rows.find((row) => row.level === 2 && row.label.startsWith('Widget'))?.label ?? '';
    assert.equal(label, HOSTILE_TITLE, 'the tree shows the title as written');
    const text = await workbench.hoverOver(workbench.row(label, 'Catalog', 2), (shown) =>
      shown.includes('component:default/hostile-widget'),
    );
    await workbench.screenshot('security-hover-tree-tooltip.png');
    const dom = await hoverDom();
    for (const tag of HOSTILE_TAGS) {
      assert.ok(dom.text.includes(tag), `the tooltip does not show the tag ${tag} literally: "${text}"`);
    }
    assert.equal(dom.images, 0, 'the tooltip holds an image');
    assert.deepEqual(dom.links, [], 'the tooltip holds a link');
    assert.ok(
      !dom.icons.includes('codicon-zap') && !dom.icons.includes('codicon-flame'),
      `entity data became icons: ${dom.icons.join(', ')}`,
    );
    await workbench.page.mouse.move(1300, 850);
  });

  it('Go to Entity shows icon syntax from the catalog as text, beside its own icons', async () => {
    const workbench = wb();
    await workbench.page.keyboard.press('Escape');
    await (await workbench.openGoToEntity()).pressSequentially('payments');
    const rows = workbench.quickInput().locator('.monaco-list-row');
    const row = rows.filter({ hasText: 'component:default/verified-payments' }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await workbench.screenshot('security-codicon-goto-entity.png');
    const shown = await rowDom(row);
    assert.ok(shown.text.includes(ICON_TITLE), `the row does not show the title literally: "${shown.text}"`);
    assert.ok(shown.text.includes(`#${ICON_TAG}`), `the row does not show the tag literally: "${shown.text}"`);
    assert.equal(shown.text.includes('\\$('), false, `the row shows an escaping backslash: "${shown.text}"`);
    const drawn = shown.icons.filter((name) => CATALOG_ICONS.includes(name));
    assert.deepEqual(drawn, [], `catalog text became icons: ${shown.icons.join(', ')}`);
    // Greenroom's own icons still draw: the kind before the title, the owner's account.
    assert.ok(shown.icons.includes('codicon-symbol-class'), `the kind icon is missing: ${shown.icons.join(', ')}`);
    assert.ok(shown.icons.includes('codicon-account'), `the owner icon is missing: ${shown.icons.join(', ')}`);

    // The widget's title and its `$(zap)` tag: text as well.
    const input = workbench.quickInput().locator('input').first();
    await input.fill('widget');
    const widgetRow = rows.filter({ hasText: 'component:default/hostile-widget' }).first();
    await widgetRow.waitFor({ state: 'visible', timeout: 15_000 });
    const widget = await rowDom(widgetRow);
    assert.ok(widget.text.includes(HOSTILE_TITLE), `the row does not show the title literally: "${widget.text}"`);
    assert.ok(widget.text.includes('#$(zap)'), `the row does not show the tag literally: "${widget.text}"`);
    assert.deepEqual(
      widget.icons.filter((name) => CATALOG_ICONS.includes(name)),
      [],
      `catalog text became icons: ${widget.icons.join(', ')}`,
    );
    await workbench.page.keyboard.press('Escape');
  });

  it("a template's command link shows as text in the input box prompt and validation message", async () => {
    const workbench = wb();
    await workbench.dismissPopups();
    await workbench.runCommand('Greenroom: Create from Template…');
    const widget = workbench.quickInput();
    const input = widget.locator('input').first();
    await waitUntil(
      async () => (await workbench.quickInputLabels()).some((label) => label.includes(TEMPLATE_TITLE)),
      20_000,
      'the hostile template is not offered',
    );
    await input.fill(TEMPLATE_TITLE);
    await input.press('Enter');
    const message = widget.locator('.quick-input-message');
    let prompt = { text: '', links: [] as string[] };
    await waitUntil(
      async () => (prompt = await linkedTextDom(message)).text.includes('to approve the change'),
      20_000,
      () => `the prompt never showed the parameter's description: "${prompt.text}"`,
    );
    await workbench.screenshot('security-message-links-prompt.png');
    assert.deepEqual(prompt.links, [], `the prompt holds a link: ${prompt.text}`);
    assert.ok(
      prompt.text.includes(`${COMMAND_LINK} to approve the change`),
      `the prompt does not show the description literally: "${prompt.text}"`,
    );

    // "must match" names the field by its title, which is a command link too.
    await input.fill('not ok');
    let validation = { text: '', links: [] as string[] };
    await waitUntil(
      async () => (validation = await linkedTextDom(message)).text.includes('must match'),
      10_000,
      () => `no validation message for a wrong answer: "${validation.text}"`,
    );
    await workbench.screenshot('security-message-links-validation.png');
    assert.deepEqual(validation.links, [], `the validation message holds a link: ${validation.text}`);
    assert.ok(validation.text.includes(COMMAND_LINK), `the title is not shown literally: "${validation.text}"`);
    await workbench.page.keyboard.press('Escape');
  });

  it('a backtracking reference pattern does not freeze the editor, and a refused one is named once', async () => {
    const workbench = wb();
    let seen: string[] = [];
    await workbench.openFile(NOTES_FILE);
    // Hovering the long line runs `(x+x+)+y` on it: exponential in a backtracking engine.
    const longLine = workbench
      .activeEditor()
      .locator('.view-line')
      .filter({ hasText: /^x{50}/ })
      .first();
    await longLine.waitFor({ state: 'visible' });
    await longLine.hover();
    await workbench.page.waitForTimeout(1000);
    const started = Date.now();
    const ref = workbench.activeEditor().locator('.view-line').filter({ hasText: 'component:hostile-widget' }).first();
    const value = ref.locator('span > span').filter({ hasText: 'hostile-widget' }).last();
    const text = await workbench.hoverOver(value, (shown) => shown.includes('Open entity'), 20_000);
    const elapsed = Date.now() - started;
    assert.ok(
      text.includes('[click](command:workbench.action.terminal.new)'),
      `the hover after the long line is not the widget's: "${text}"`,
    );
    console.log(`    hover answered ${elapsed} ms after hovering the ${LONG_LINE.length}-character line`);
    await workbench.screenshot('security-hover-after-pattern.png');
    await workbench.page.mouse.move(1300, 850);
    await waitUntil(
      async () => (seen = await workbench.notifications()).some((note) => note.includes('(team)\\1')),
      15_000,
      () => `no warning names the refused pattern; shown: ${JSON.stringify(seen)}`,
    );
    const warning = seen.find((note) => note.includes('(team)\\1')) ?? '';
    assert.match(warning, /backreference/);
    assert.equal(seen.filter((note) => note.includes('(team)\\1')).length, 1, 'the refused pattern is named once');
  });

  it('the warning that names a refused pattern shows its command link as text', async () => {
    const workbench = wb();
    const named = workbench.page
      .locator('.notification-list-item-message')
      .filter({ hasText: 'greenroom.referencePatterns' })
      .filter({ hasText: 'Continue' });
    // Toasts hide after a while; the notification list keeps them.
    if (!(await named.first().isVisible())) {
      await workbench.runCommand('Notifications: Show Notifications');
    }
    await named.first().waitFor({ state: 'visible', timeout: 15_000 });
    // A toast shows one line; expanded, it shows the whole message for the screenshot.
    const item = workbench.page.locator('.notification-list-item').filter({ has: named.first() }).first();
    await item.hover();
    const expand = item.locator('.codicon-notifications-expand').first();
    if (await expand.isVisible()) {
      await expand.click();
    }
    const shown = await linkedTextDom(named.first());
    await workbench.screenshot('security-message-links-notification.png');
    assert.deepEqual(shown.links, [], `the warning holds a link: ${shown.text}`);
    assert.ok(shown.text.includes(LINK_PATTERN), `the warning does not show the pattern literally: "${shown.text}"`);
  });
});
