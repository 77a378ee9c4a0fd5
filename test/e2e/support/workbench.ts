// A small page object over the VS Code workbench that code-server serves, driven by playwright-core
// and Debian chromium. Selectors are VS Code's own DOM classes (verified against 1.139).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { repoRoot, sleep } from './codeServer';

export interface TreeRow {
  readonly label: string;
  readonly description: string;
  /** true/false for collapsible rows, undefined for leaves. */
  readonly expanded: boolean | undefined;
  /** 1 for root rows. */
  readonly level: number;
}

export interface LaunchOptions {
  readonly executablePath?: string;
  readonly headless?: boolean;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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
    const tab = this.page.locator('.activitybar li.action-item').filter({ has: this.page.locator(activityLabel(title)) }).first();
    if ((await tab.getAttribute('aria-expanded')) !== 'true') {
      await this.activityItem(title).click();
      await this.page.mouse.move(900, 450); // off the activity bar, so its hover tooltip is not in screenshots
    }
    const heading = this.page.locator('.part.sidebar .title-label h2');
    await heading.filter({ hasText: new RegExp(`^${escapeRegExp(title)}`, 'i') }).waitFor({ state: 'visible' });
  }

  /** The rendered rows of a tree in the side bar (only the visible ones: VS Code lists are virtual). */
  async treeRows(viewTitle?: string): Promise<TreeRow[]> {
    const rows = this.viewPane(viewTitle).locator('.monaco-list-row');
    const result: TreeRow[] = [];
    for (const row of await rows.all()) {
      const expanded = await row.getAttribute('aria-expanded');
      result.push({
        label: await textOf(row.locator('.label-name')),
        description: await textOf(row.locator('.label-description')),
        expanded: expanded === null ? undefined : expanded === 'true',
        level: Number((await row.getAttribute('aria-level')) ?? '1'),
      });
    }
    return result;
  }

  /** Polls treeRows until the predicate holds; the extension fills trees asynchronously. */
  async waitForTreeRows(viewTitle: string | undefined, accept: (rows: TreeRow[]) => boolean, timeoutMs = 60_000): Promise<TreeRow[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await this.treeRows(viewTitle).catch((): TreeRow[] => []);
      if (accept(rows)) return rows;
      if (Date.now() > deadline) {
        const seen = rows.map((r) => `${'  '.repeat(r.level - 1)}${r.label} ${r.description}`.trimEnd()).join('\n');
        throw new Error(`tree ${viewTitle ?? '(side bar)'} did not reach the expected state in ${timeoutMs} ms; rows:\n${seen}`);
      }
      await sleep(250);
    }
  }

  /** Expands a collapsed row by clicking its twistie and waits until VS Code reports it expanded. */
  async expandRow(label: string, viewTitle?: string): Promise<void> {
    const row = this.row(label, viewTitle);
    await row.waitFor({ state: 'visible' });
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
    const deadline = Date.now() + 15_000;
    while ((await row.getAttribute('aria-expanded')) !== 'true') {
      if (Date.now() > deadline) throw new Error(`row ${label} did not expand`);
      await sleep(100);
    }
  }

  /** The row whose label is exactly `label`. */
  row(label: string, viewTitle?: string): Locator {
    return this.viewPane(viewTitle)
      .locator('.monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
      .first();
  }

  /** Runs a palette command by its title ("Greenroom: Refresh" or just "Refresh"). */
  async runCommand(title: string): Promise<void> {
    await this.dismissPopups();
    await this.page.keyboard.press('F1');
    const widget = this.page.locator('.quick-input-widget');
    await widget.waitFor({ state: 'visible' });
    await widget.locator('input').first().pressSequentially(title);
    // Click the exact match rather than pressing Enter: the top row may be a recently-used command.
    const exact = new RegExp(`^(.+: )?${escapeRegExp(title)}$`);
    const match = widget.locator('.monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exact }) }).first();
    await match.waitFor({ state: 'visible', timeout: 15_000 });
    await match.click();
    await widget.waitFor({ state: 'hidden' });
  }

  /** Messages of the notification toasts currently shown. */
  async notifications(): Promise<string[]> {
    const texts = await this.page.locator('.notifications-toasts .notification-toast .notification-list-item-message').allInnerTexts();
    return texts.map((t) => t.trim());
  }

  /** Texts of the status bar items (icons are pseudo-elements, so only their words remain). */
  async statusBarTexts(): Promise<string[]> {
    const texts = await this.page.locator('#workbench\\.parts\\.statusbar .statusbar-item').allInnerTexts();
    return texts.map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t !== '');
  }

  /** Writes a PNG into E2E_SCREENSHOTS (default test/e2e/.screenshots/) and returns its path. */
  async screenshot(name: string): Promise<string> {
    const dir = process.env['E2E_SCREENSHOTS'] ?? path.join(repoRoot(), 'test/e2e/.screenshots');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, name.endsWith('.png') ? name : `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Closes dialogs, the command palette and notification toasts that would cover the UI. */
  async dismissPopups(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      const dialog = await this.page.locator('.monaco-dialog-box').isVisible();
      const palette = await this.page.locator('.quick-input-widget').isVisible();
      if (!dialog && !palette) break;
      await this.page.keyboard.press('Escape');
    }
    const clear = this.page.locator('.notifications-toasts .notification-toast .codicon-notifications-clear');
    for (let i = 0; i < 10 && (await clear.count()) > 0; i++) {
      await clear.first().click({ timeout: 2000 }).catch(() => undefined);
    }
  }

  private activityItem(title: string): Locator {
    return this.page.locator(`.activitybar ${activityLabel(title)}`).first();
  }

  /** The side bar pane whose header title is viewTitle (headers of single-view containers are hidden but present). */
  private viewPane(viewTitle?: string): Locator {
    const sidebar = this.page.locator('.part.sidebar');
    if (viewTitle === undefined) return sidebar;
    const title = this.page.locator('.pane-header h3.title', { hasText: new RegExp(`^\\s*${escapeRegExp(viewTitle)}\\s*$`, 'i') });
    return sidebar.locator('.pane').filter({ has: title }).first();
  }
}

/** An activity bar entry: its aria-label starts with the container title (then maybe a keybinding). */
function activityLabel(title: string): string {
  return `a.action-label[aria-label^="${title.replace(/"/g, '\\"')}"]`;
}

async function textOf(locator: Locator): Promise<string> {
  return (await locator.count()) > 0 ? ((await locator.first().textContent()) ?? '').trim() : '';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
