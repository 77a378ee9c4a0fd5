// A small page object over the VS Code workbench that code-server serves, driven by playwright-core
// and Debian chromium. Selectors are VS Code's own DOM classes (verified against 1.139).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { repoRoot, sleep } from './codeServer';

export interface TreeRow {
  readonly label: string;
  readonly description: string;
  /** true/false for collapsible rows, undefined for leaves. */
  readonly expanded: boolean | undefined;
  /** 1 for root rows. */
  readonly level: number;
}

export interface EditorTab {
  /** The file name the tab shows. */
  readonly title: string;
  /** The absolute path of the file. */
  readonly path: string;
  /** Unsaved edits. */
  readonly dirty: boolean;
}

export interface LaunchOptions {
  readonly executablePath?: string;
  readonly headless?: boolean;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly baseUrl: string,
    private readonly profileDir: string,
  ) {}

  /** Starts chromium with a fresh profile; call open() next. */
  static async launch(baseUrl: string, options: LaunchOptions = {}): Promise<Workbench> {
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-chromium-'));
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: options.executablePath ?? process.env['E2E_CHROMIUM'] ?? '/usr/bin/chromium',
      headless: options.headless ?? true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
      timeout: 60_000,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    return new Workbench(page, context, baseUrl, profileDir);
  }

  /** Opens a folder and waits for the workbench and for Greenroom's activity bar item. */
  async open(folder: string, timeoutMs = 90_000): Promise<void> {
    await this.page.goto(`${this.baseUrl}/?folder=${encodeURIComponent(folder)}`, { timeout: timeoutMs });
    await this.page.locator('.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
    await this.activityItem('Greenroom').waitFor({ state: 'visible', timeout: timeoutMs });
    await this.dismissPopups();
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    fs.rmSync(this.profileDir, { recursive: true, force: true });
  }

  /** Shows a view container in the side bar (without toggling it closed when already shown). */
  async openViewContainer(title: string): Promise<void> {
    const tab = this.page
      .locator('.activitybar li.action-item')
      .filter({ has: this.page.locator(activityLabel(title)) })
      .first();
    const heading = this.page
      .locator('.part.sidebar .title-label h2')
      .filter({ hasText: new RegExp(`^${escapeRegExp(title)}`, 'i') });
    // A command may be showing the same container at this moment (a reveal), and a click on the
    // tab of a shown container hides it: look again before each click, and after it.
    const deadline = Date.now() + 30_000;
    while (!(await heading.isVisible())) {
      if (Date.now() > deadline) throw new Error(`the ${title} side bar did not show`);
      if ((await tab.getAttribute('aria-expanded')) !== 'true') {
        await this.activityItem(title).click();
        await this.page.mouse.move(900, 450); // off the activity bar, so its hover tooltip is not in screenshots
      }
      await heading.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
    }
  }

  /** The rendered rows of a tree in the side bar (only the visible ones: VS Code lists are virtual). */
  async treeRows(viewTitle?: string): Promise<TreeRow[]> {
    // One snapshot of the DOM: reading row by row races VS Code re-rendering the list, and a row
    // that goes between two reads would stall the read until Playwright's timeout.
    return this.viewPane(viewTitle)
      .locator('.monaco-list-row')
      .evaluateAll((rows) =>
        rows.map((row) => {
          const text = (selector: string): string => (row.querySelector(selector)?.textContent ?? '').trim();
          const expanded = row.getAttribute('aria-expanded');
          return {
            label: text('.label-name'),
            description: text('.label-description'),
            expanded: expanded === null ? undefined : expanded === 'true',
            level: Number(row.getAttribute('aria-level') ?? '1'),
          };
        }),
      );
  }

  /**
   * The rendered rows of a tree whose label or description is cut with an ellipsis at the side
   * bar's current width (the label container overflows), as `label — description`.
   */
  async clippedRows(viewTitle?: string): Promise<string[]> {
    return this.viewPane(viewTitle)
      .locator('.monaco-list-row .monaco-icon-label-container')
      .evaluateAll((containers) =>
        containers
          .filter((container) => container.scrollWidth > container.clientWidth + 1)
          .map((container) =>
            [container.querySelector('.label-name'), container.querySelector('.label-description')]
              .map((part) => part?.textContent?.trim() ?? '')
              .join(' — '),
          ),
      );
  }

  /** The side bar's width in CSS pixels. */
  async sideBarWidth(): Promise<number> {
    return (await this.page.locator('.part.sidebar').boundingBox())?.width ?? 0;
  }

  /** The text a view shows above or instead of its rows (TreeView.message, welcome content). */
  async viewMessage(viewTitle: string): Promise<string> {
    const texts = await this.viewPane(viewTitle)
      .locator('.pane-body .message, .pane-body .welcome-view-content')
      .allInnerTexts();
    return texts
      .map((t) => t.replace(/\s+/g, ' ').trim())
      .filter((t) => t !== '')
      .join(' | ');
  }

  /** Polls treeRows until the predicate holds; the extension fills trees asynchronously. */
  async waitForTreeRows(
    viewTitle: string | undefined,
    accept: (rows: TreeRow[]) => boolean,
    timeoutMs = 60_000,
  ): Promise<TreeRow[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await this.treeRows(viewTitle).catch((): TreeRow[] => []);
      if (accept(rows)) return rows;
      if (Date.now() > deadline) {
        const seen = rows.map((r) => `${'  '.repeat(r.level - 1)}${r.label} ${r.description}`.trimEnd()).join('\n');
        throw new Error(
          `tree ${viewTitle ?? '(side bar)'} did not reach the expected state in ${timeoutMs} ms; rows:\n${seen}`,
        );
      }
      await sleep(250);
    }
  }

  /** Expands a collapsed row by clicking its twistie and waits until VS Code reports it expanded. */
  async expandRow(label: string, viewTitle?: string, level?: number): Promise<void> {
    await this.setRowExpanded(label, viewTitle, level, true);
  }

  /** Collapses an expanded row by clicking its twistie. */
  async collapseRow(label: string, viewTitle?: string, level?: number): Promise<void> {
    await this.setRowExpanded(label, viewTitle, level, false);
  }

  /** Collapses every expanded root row of a tree, so a test starts from the folders alone. */
  async collapseAllRows(viewTitle?: string): Promise<void> {
    const expandedRoot = this.viewPane(viewTitle).locator('.monaco-list-row[aria-level="1"][aria-expanded="true"]');
    for (let i = 0; i < 50 && (await expandedRoot.count()) > 0; i++) {
      await expandedRoot.first().locator('.monaco-tl-twistie').click();
      await sleep(50);
    }
  }

  /** The row whose label is exactly `label` (at tree depth `level` when given; 1 = root). */
  row(label: string, viewTitle?: string, level?: number): Locator {
    const rows = this.viewPane(viewTitle).locator(
      level === undefined ? '.monaco-list-row' : `.monaco-list-row[aria-level="${level}"]`,
    );
    return rows
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
      .first();
  }

  private async setRowExpanded(
    label: string,
    viewTitle: string | undefined,
    level: number | undefined,
    expanded: boolean,
  ): Promise<void> {
    const row = this.row(label, viewTitle, level);
    await row.waitFor({ state: 'visible' });
    const want = String(expanded);
    // A click that lands while the tree re-renders (a refresh during a load or after an edit) is
    // lost with the row it hit: click again until the row says it changed.
    const started = Date.now();
    while ((await row.getAttribute('aria-expanded')) === String(!expanded)) {
      if (Date.now() - started > 15_000) throw new Error(`row ${label} did not ${expanded ? 'expand' : 'collapse'}`);
      await row
        .locator('.monaco-tl-twistie')
        .click({ timeout: 5000 })
        .catch(() => undefined);
      await waitUntil(
        async () => (await row.getAttribute('aria-expanded')) !== String(!expanded),
        3000,
        'still unchanged',
      ).catch(() => undefined);
    }
    await waitUntil(
      async () => (await row.getAttribute('aria-expanded')) === want,
      15_000,
      `row ${label} did not ${expanded ? 'expand' : 'collapse'}`,
    );
  }

  /** Expands a view's section in its container (clicks the pane header when it is collapsed). */
  async expandView(viewTitle: string): Promise<void> {
    await this.setViewExpanded(viewTitle, true);
  }

  /** Collapses a view's section, giving the other views of the container its height. */
  async collapseView(viewTitle: string): Promise<void> {
    await this.setViewExpanded(viewTitle, false);
  }

  private async setViewExpanded(viewTitle: string, expanded: boolean): Promise<void> {
    const header = this.viewPane(viewTitle).locator('.pane-header').first();
    await header.waitFor({ state: 'visible' });
    const want = String(expanded);
    if ((await header.getAttribute('aria-expanded')) !== want) await header.click({ position: { x: 60, y: 10 } });
    await waitUntil(
      async () => (await header.getAttribute('aria-expanded')) === want,
      10_000,
      `view ${viewTitle} did not ${expanded ? 'expand' : 'collapse'}`,
    );
  }

  /** Clicks a button of a view's title bar by its label (they show while the header is hovered). */
  async clickViewAction(viewTitle: string, label: string): Promise<void> {
    const header = this.viewPane(viewTitle).locator('.pane-header').first();
    await header.hover();
    await header
      .locator(`.actions .action-label[aria-label^="${label.replace(/"/g, '\\"')}"]`)
      .first()
      .click();
  }

  /** Trusts the open folder as a user does: Manage Workspace Trust, then Trust; waits for Restricted Mode to end. */
  async trustWorkspace(): Promise<void> {
    await this.runCommand('Workspaces: Manage Workspace Trust');
    const trust = this.page.locator('.workspace-trust-editor .monaco-button', { hasText: /^\s*Trust\s*$/ }).first();
    await trust.waitFor({ state: 'visible', timeout: 15_000 });
    await trust.click();
    await waitUntil(
      async () => !(await this.statusBarTexts()).includes('Restricted Mode'),
      30_000,
      'the window is still in Restricted Mode',
    );
    // The trust editor stays open over the workbench (a modal editor) until closed.
    await this.runCommand('View: Close Editor');
    await this.page.locator('.workspace-trust-editor').waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** Runs a palette command by its title ("Greenroom: Refresh" or just "Refresh"); returns once the palette is gone. */
  async runCommand(title: string): Promise<void> {
    await this.dismissPopups();
    const widget = await this.openPalette();
    // One input event for the whole title (the palette keeps its `>` prefix): typing key by key is slow.
    await widget.locator('input').first().fill(`>${title}`);
    // Click the exact match rather than pressing Enter: the top row may be a recently-used command.
    const exact = new RegExp(`^(.+: )?${escapeRegExp(title)}$`);
    const match = widget
      .locator('.monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exact }) })
      .first();
    await match.waitFor({ state: 'visible', timeout: 15_000 });
    await match.click();
    // The palette closes, or the command shows its own quick pick in the same widget (no `>` prefix).
    const input = widget.locator('input').first();
    await waitUntil(
      async () => !(await widget.isVisible()) || !(await input.inputValue().catch(() => '>')).startsWith('>'),
      30_000,
      `the command palette did not close after running ${title}`,
    );
  }

  /**
   * Presses F1 until the palette shows. Just after a folder opens, or with the focus inside a
   * webview's frame, a key press can go nowhere; the focus is moved back to the workbench and
   * the key pressed again.
   */
  private async openPalette(): Promise<Locator> {
    const widget = this.page.locator('.quick-input-widget');
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      const shown = await widget.waitFor({ state: 'visible', timeout: 10_000 }).then(
        () => true,
        () => false,
      );
      if (shown) return widget;
      const focused = await this.page.evaluate(() => {
        const active = document.activeElement;
        const described = active
          ? `${active.tagName.toLowerCase()}.${Array.from(active.classList).join('.')}`
          : 'nothing';
        if (active instanceof HTMLElement) active.blur();
        return described;
      });
      console.log(`    (F1 opened no palette; the focus was on ${focused})`);
      if (attempt === 3) throw new Error('the command palette did not open after pressing F1 three times');
    }
  }

  /** Messages of the notification toasts currently shown. */
  async notifications(): Promise<string[]> {
    const texts = await this.page
      .locator('.notifications-toasts .notification-toast .notification-list-item-message')
      .allInnerTexts();
    return texts.map((t) => t.trim());
  }

  /** Texts of the status bar items (icons are pseudo-elements, so only their words remain). */
  async statusBarTexts(): Promise<string[]> {
    const texts = await this.page.locator('#workbench\\.parts\\.statusbar .statusbar-item').allInnerTexts();
    return texts.map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t !== '');
  }

  // --- Quick input (palette, quick open, quick picks) ---

  /** The quick input widget (command palette, quick open, extension quick picks). */
  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Labels of the rows the open quick input shows (codicons are pseudo-elements, so only words remain). */
  async quickInputLabels(): Promise<string[]> {
    const texts = await this.quickInput().locator('.monaco-list-row .label-name').allInnerTexts();
    return texts.map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** Clicks the quick input row whose label is exactly `label` and waits for the widget to close. */
  async pickQuickInputRow(label: string): Promise<void> {
    const widget = this.quickInput();
    const row = widget
      .locator('.monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
      .first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click();
    await widget.waitFor({ state: 'hidden' });
  }

  /** Opens a workspace file through quick open (Ctrl+P), the way a user would. */
  async openFile(relativePath: string): Promise<void> {
    await this.dismissPopups();
    await this.page.keyboard.press('Control+P');
    const widget = this.quickInput();
    await widget.waitFor({ state: 'visible' });
    await widget.locator('input').first().fill(relativePath);
    const base = relativePath.split('/').pop() ?? relativePath;
    const dir = relativePath.includes('/') ? relativePath.slice(0, relativePath.lastIndexOf('/')) : '';
    // The file row: name as label, its folder in the description.
    const row = widget
      .locator('.monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(base)}\\s*$`) }) })
      .filter({ has: this.page.locator('.label-description', { hasText: new RegExp(`${escapeRegExp(dir)}\\s*$`) }) })
      .first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click();
    await widget.waitFor({ state: 'hidden' });
    await this.waitForActiveEditor(
      (tab) => tab.title === base && tab.path.endsWith(`/${relativePath}`),
      `${relativePath} did not open`,
    );
  }

  // --- Editors ---

  /** The text editor of the active editor group. */
  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-container .monaco-editor').first();
  }

  /** File name, absolute path and dirty state of the active editor tab. */
  async activeTab(): Promise<EditorTab> {
    const tab = this.page.locator('.editor-group-container.active .tabs-container .tab.active').first();
    if ((await tab.count()) === 0) return { title: '', path: '', dirty: false };
    const classes = (await tab.getAttribute('class')) ?? '';
    return {
      title: (await tab.getAttribute('aria-label')) ?? '',
      // The label ends with " • 1 problem in this file" when the file has problems.
      path: (
        (await tab
          .locator('.tab-label')
          .first()
          .getAttribute('aria-label')
          .catch(() => null)) ?? ''
      ).replace(/ • .*$/, ''),
      dirty: classes.split(/\s+/).includes('dirty'),
    };
  }

  /** The breadcrumbs of the active editor: its folders (relative to the workspace folder) and file. */
  async breadcrumbs(): Promise<string[]> {
    const texts = await this.page
      .locator('.editor-group-container.active .breadcrumbs-control .monaco-breadcrumb-item .label-name')
      .allTextContents();
    return texts.map((t) => t.trim()).filter((t) => t !== '');
  }

  /** Polls the active tab until `accept` holds. */
  async waitForActiveEditor(accept: (tab: EditorTab) => boolean, message: string, timeoutMs = 15_000): Promise<void> {
    let last: EditorTab = { title: '', path: '', dirty: false };
    await waitUntil(
      async () => accept((last = await this.activeTab())),
      timeoutMs,
      () => `${message}; active tab: ${JSON.stringify(last)}`,
    );
  }

  /** The lines the active editor renders (only those on screen: Monaco renders a viewport). */
  async editorLines(): Promise<string[]> {
    // Read in one go: Monaco re-creates line elements while it renders.
    const lines = await this.activeEditor()
      .locator('.view-lines .view-line')
      .evaluateAll((elements) =>
        elements.map((element) => ({
          top: parseFloat((element as unknown as { style: { top: string } }).style.top || '0'),
          text: element.textContent ?? '',
        })),
      );
    return lines.sort((x, y) => x.top - y.top).map((line) => line.text.replace(/\u00a0/g, ' '));
  }

  /** The CodeLens lines the active editor shows (each lens line as its text, e.g. `team-a | 2 dependents | Open entity`). */
  async codeLenses(): Promise<string[]> {
    const texts = await this.activeEditor().locator('.codelens-decoration').allTextContents();
    return texts.map((t) =>
      t
        .replace(/\u00a0/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  }

  /** Moves the cursor with Go to Line/Column (Ctrl+G); line and column are one-based. */
  async goToLine(line: number, column = 1): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const widget = this.quickInput();
    await widget.waitFor({ state: 'visible' });
    await widget.locator('input').first().fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden' });
    await this.waitForCursor(line, column);
  }

  /**
   * Opens the quick-fix menu at the cursor (Ctrl+.) and returns the row titled `title`. The code
   * actions are asked for when the key is pressed; on a busy machine the first answer can come
   * before the diagnostics it needs, so the menu is closed and asked for again.
   */
  async quickFixRow(title: string, timeoutMs = 30_000): Promise<Locator> {
    const row = this.page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.page.keyboard.press('Control+.');
      const shown = await row.waitFor({ state: 'visible', timeout: 5000 }).then(
        () => true,
        () => false,
      );
      if (shown) return row;
      if (Date.now() > deadline) throw new Error(`no quick fix "${title}" at the cursor`);
      await this.page.keyboard.press('Escape');
    }
  }

  /** Waits until the status bar's cursor position reads `Ln line, Col column`. */
  async waitForCursor(line: number, column: number, timeoutMs = 5000): Promise<void> {
    const want = `Ln ${line}, Col ${column}`;
    let seen: string[] = [];
    await waitUntil(
      async () => (seen = await this.statusBarTexts()).some((t) => t.startsWith(want)),
      timeoutMs,
      () => `cursor not at ${want}; status bar: ${JSON.stringify(seen)}`,
    );
  }

  /** Undoes edits in the active editor until its tab is no longer dirty (the file as on disk). */
  async undoUntilClean(maxUndos = 30): Promise<void> {
    for (let i = 0; i < maxUndos && (await this.activeTab()).dirty; i++) {
      await this.page.keyboard.press('Control+Z');
      await sleep(100);
    }
    await this.waitForActiveEditor((tab) => !tab.dirty, 'the editor still has unsaved edits after undo', 5000);
  }

  /**
   * Moves the mouse onto `target` and waits for an editor hover whose text satisfies `accept`;
   * moves away and back when none shows (a hover may be missed while the editor still scrolls).
   */
  async hoverOver(target: Locator, accept: (text: string) => boolean, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let text = '';
    while (Date.now() < deadline) {
      await this.page.mouse.move(5, 5);
      await waitForStableBox(target);
      await target.hover();
      const attemptEnd = Math.min(deadline, Date.now() + 3000);
      while (Date.now() < attemptEnd) {
        text = await this.hoverText();
        if (accept(text)) return text;
        await sleep(200);
      }
    }
    throw new Error(`no matching hover within ${timeoutMs} ms; last hover text: "${text}"`);
  }

  /** The text of the hover widget when one is shown, else ''. */
  async hoverText(): Promise<string> {
    const hover = this.page.locator('.monaco-hover:not(.hidden)').filter({ has: this.page.locator('.hover-contents') });
    const visible = await hover
      .first()
      .isVisible()
      .catch(() => false);
    return visible ? ((await hover.first().innerText()) ?? '').replace(/\s+/g, ' ').trim() : '';
  }

  /** Labels of the rows the suggest widget shows (only when it is visible). */
  async suggestions(): Promise<string[]> {
    const widget = this.page.locator('.editor-widget.suggest-widget.visible');
    if (!(await widget.isVisible().catch(() => false))) return [];
    const texts = await widget.locator('.monaco-list-row .label-name').allInnerTexts();
    return texts.map((t) => t.trim());
  }

  /** Runs "View: Close All Editors", discarding unsaved edits. */
  async closeAllEditors(): Promise<void> {
    const tabs = this.page.locator('.editor-group-container .tabs-container .tab');
    if ((await tabs.count()) === 0) return;
    const dirty = (await tabs.and(this.page.locator('.dirty')).count()) > 0;
    await this.runCommand('View: Close All Editors');
    // A test that failed half-way may leave unsaved edits: drop them (the workspace is a throwaway copy).
    const dontSave = this.page.locator('.monaco-dialog-box .monaco-button', { hasText: /Don't Save/ });
    if (
      dirty &&
      (await dontSave.waitFor({ state: 'visible', timeout: 5000 }).then(
        () => true,
        () => false,
      ))
    )
      await dontSave.click();
    await waitUntil(
      async () => (await this.page.locator('.editor-group-container .tabs-container .tab').count()) === 0,
      10_000,
      'editors still open',
    );
  }

  /**
   * The content of the webview shown in the active editor group (VS Code nests the page in two
   * iframes: the webview host and its active frame).
   */
  activeWebview(): FrameLocator {
    return this.page
      .locator('.webview.ready')
      .filter({ visible: true })
      .first()
      .contentFrame()
      .locator('iframe#active-frame')
      .contentFrame();
  }

  /** Opens an entity's page through Go to Entity and waits for its header. */
  /** Runs Go to Entity and returns its input once its own pick is up. */
  async openGoToEntity(): Promise<Locator> {
    await this.runCommand('Greenroom: Go to Entity…');
    // Type only once Go to Entity's own pick is up: on a busy machine the palette lingers, and
    // text typed into it is lost when it closes.
    await this.quickInput()
      .locator('.quick-input-title', { hasText: 'Go to Entity' })
      .waitFor({ state: 'visible', timeout: 15_000 });
    return this.quickInput().locator('input').first();
  }

  async openEntityPage(label: string): Promise<FrameLocator> {
    const input = await this.openGoToEntity();
    await input.pressSequentially(label);
    await waitUntil(
      async () => (await input.inputValue()) === label,
      5_000,
      () => `typing ${label} into Go to Entity was lost`,
    );
    let offered: string[] = [];
    await waitUntil(
      async () => (offered = await this.quickInputLabels()).includes(label),
      10_000,
      () => `Go to Entity does not offer ${label}; it offers ${JSON.stringify(offered.slice(0, 8))}`,
    );
    // Each keystroke's matches arrive on their own: click once the list has stopped changing.
    let settled = '';
    await waitUntil(
      async () => {
        const now = JSON.stringify(await this.quickInputLabels());
        const same = now === settled;
        settled = now;
        return same;
      },
      10_000,
      'the Go to Entity list kept changing',
    );
    await this.pickQuickInputRow(label);
    // The first page of a session also starts the webview machinery: give it time on a busy machine.
    await this.waitForActiveEditor((tab) => tab.title === label, `the page of ${label} did not open`, 30_000);
    const page = this.activeWebview();
    await page.locator('.entity-header h1', { hasText: label }).waitFor({ state: 'visible', timeout: 20_000 });
    return page;
  }

  // --- Panel ---

  /** Shows the Problems panel ("View: Focus Problems"). */
  async showProblems(): Promise<void> {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    await this.page.locator('.markers-panel').first().waitFor({ state: 'visible' });
  }

  /**
   * Types into the Problems panel's filter box ('' clears it). The list renders only what is in
   * view, so a test about one file filters to it rather than hoping its rows are drawn.
   */
  async filterProblems(filter: string): Promise<void> {
    const box = this.page.locator('.part.panel input[placeholder^="Filter (e.g."]').first();
    await box.waitFor({ state: 'visible', timeout: 10_000 });
    await box.fill(filter);
    await sleep(300); // the panel applies the filter after a short debounce
  }

  /** The rows of the Problems panel: file rows and problem rows, as their text. */
  async problems(): Promise<string[]> {
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    const texts = await rows.allInnerTexts().catch((): string[] => []);
    return texts.map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** Hides the bottom panel when it is shown. */
  async hidePanel(): Promise<void> {
    if (await this.page.locator('.part.panel').isVisible()) await this.runCommand('View: Hide Panel');
  }

  /** Writes a PNG into E2E_SCREENSHOTS (default test/e2e/.screenshots/) and returns its path. */
  async screenshot(name: string): Promise<string> {
    const dir = process.env['E2E_SCREENSHOTS'] ?? path.join(repoRoot(), 'test/e2e/.screenshots');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, name.endsWith('.png') ? name : `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * The modal dialog on screen: its message, its buttons in order, and the button that has the
   * keyboard focus (what Enter would press). Waits for the dialog to appear.
   */
  async modalDialog(timeoutMs = 20_000): Promise<{ message: string; buttons: string[]; focused: string }> {
    const box = this.page.locator('.monaco-dialog-box');
    await box.waitFor({ state: 'visible', timeout: timeoutMs });
    // Not waited for: without a detail line VS Code puts the message elsewhere and this is absent.
    const message = (await box.locator('.dialog-message-text').allInnerTexts()).join(' ').trim();
    const buttons = (await box.locator('.dialog-buttons .monaco-button').allInnerTexts()).map((text) => text.trim());
    const focused = await this.page.evaluate(() => {
      const active = document.activeElement as HTMLElement | null;
      return active?.closest('.dialog-buttons') ? (active.innerText ?? '').trim() : '';
    });
    return { message, buttons, focused };
  }

  /** Closes dialogs, the command palette and notification toasts that would cover the UI. */
  async dismissPopups(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      const dialog = await this.page.locator('.monaco-dialog-box').isVisible();
      const palette = await this.page.locator('.quick-input-widget').isVisible();
      if (!dialog && !palette) break;
      await this.page.keyboard.press('Escape');
    }
    // A toast shows its Clear button while hovered; toasts in the DOM but not on screen (the
    // toasts area hidden) cover nothing and are left alone.
    const toast = this.page.locator('.notifications-toasts .notification-toast').filter({ visible: true });
    for (let i = 0; i < 10 && (await toast.count()) > 0; i++) {
      const first = toast.first();
      await first.hover({ timeout: 2000 }).catch(() => undefined);
      await first
        .locator('.codicon-notifications-clear')
        .first()
        .click({ timeout: 2000 })
        .catch(() => undefined);
    }
  }

  private activityItem(title: string): Locator {
    return this.page.locator(`.activitybar ${activityLabel(title)}`).first();
  }

  /** The side bar pane whose header title is viewTitle (headers of single-view containers are hidden but present). */
  private viewPane(viewTitle?: string): Locator {
    const sidebar = this.page.locator('.part.sidebar');
    if (viewTitle === undefined) return sidebar;
    const title = this.page.locator('.pane-header h3.title', {
      hasText: new RegExp(`^\\s*${escapeRegExp(viewTitle)}\\s*$`, 'i'),
    });
    return sidebar.locator('.pane').filter({ has: title }).first();
  }
}

/** An activity bar entry: its aria-label starts with the container title (then maybe a keybinding). */
function activityLabel(title: string): string {
  return `a.action-label[aria-label^="${title.replace(/"/g, '\\"')}"]`;
}

/** Waits until an element stops moving (an editor may still be scrolling to it). */
async function waitForStableBox(target: Locator, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = JSON.stringify(await target.boundingBox());
  while (Date.now() < deadline) {
    await sleep(150);
    const now = JSON.stringify(await target.boundingBox());
    if (now === last && now !== 'null') return;
    last = now;
  }
}

/** Polls `condition` every 200 ms until it holds; throws `message` after `timeoutMs`. */
export async function waitUntil(
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
  message: string | (() => string),
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(typeof message === 'string' ? message : message());
    await sleep(200);
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
