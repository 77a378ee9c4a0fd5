// A large workspace while it loads: the user sees how far indexing is (status bar and the Catalog
// view's message) and rows appear before the load ends. Always on with 5,000 files (~10,000
// entities); E2E_LARGE=1 runs the 10,000-file / ~20,000-entity workspace of issue 20.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { e2e } from './hooks';
import { writeLargeWorkspace as writeWorkspace } from './support/largeWorkspace';
import type { TreeRow, Workbench } from './support/workbench';

const LARGE = Boolean(process.env['E2E_LARGE']);
const FILES = LARGE ? 10_000 : 5_000;
/** "Indexing… 672 files so far" while the folder is listed, "Indexing… 672 of 5,001 files" after. */
const COUNT = /Indexing… [\d,.\s]+ (?:files so far|of [\d,.\s]+ files)/;
const COUNT_OF_TOTAL = /Indexing… [\d,.\s]+ of [\d,.\s]+ files/;

/** What the user sees at one instant: the Greenroom status item, the Catalog view's message and rows. */
interface Glance {
  readonly status: string;
  readonly message: string;
  readonly rows: TreeRow[];
}

/** The little of the DOM `glance` reads (the test compiles without the DOM library). */
interface PageElement {
  readonly textContent: string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  getAttribute(name: string): string | null;
}

/**
 * One read of the page, all at once: read one after the other (a round trip per row
 * attribute), the status could say "Indexing" about a moment before the rows were read.
 */
async function glance(workbench: Workbench): Promise<Glance> {
  return workbench.page.locator('body').evaluate((body) => {
    const root = body as unknown as PageElement;
    const text = (element: PageElement | null | undefined): string =>
      (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const all = (from: PageElement | undefined, selector: string): PageElement[] =>
      from ? Array.from(from.querySelectorAll(selector)) : [];
    const status =
      all(root, '#workbench\\.parts\\.statusbar .statusbar-item')
        .map((item) => text(item))
        .find((item) => /Indexing|entities$/.test(item)) ?? '';
    const pane = all(root, '.part.sidebar .pane').find((candidate) =>
      /^\s*Catalog\s*$/i.test(text(candidate.querySelector('.pane-header h3.title'))),
    );
    const message = all(pane, '.pane-body .message, .pane-body .welcome-view-content')
      .map((element) => text(element))
      .filter((item) => item !== '')
      .join(' | ');
    const rows = all(pane, '.monaco-list-row').map((row) => {
      const expanded = row.getAttribute('aria-expanded');
      return {
        label: text(row.querySelector('.label-name')),
        description: text(row.querySelector('.label-description')),
        expanded: expanded === null ? undefined : expanded === 'true',
        level: Number(row.getAttribute('aria-level') ?? '1'),
      };
    });
    return { status, message, rows };
  });
}

describe('Loading a large workspace', () => {
  it(`shows a file count and tree rows before the load of ${FILES.toLocaleString('en')} files ends`, async function () {
    this.timeout(600_000);
    const { workbench, workspaceFolder } = e2e();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-loading-'));
    try {
      let started = Date.now();
      writeWorkspace(root, FILES);
      console.log(`    loading: wrote ${FILES} files in ${Date.now() - started} ms`);

      started = Date.now();
      await workbench.open(root);
      await workbench.openViewContainer('Greenroom');
      const seen: { at: number; status: string; message: string; rows: number }[] = [];
      let firstCountMs: number | undefined;
      let firstTotalMs: number | undefined;
      let firstRowsMs: number | undefined;
      let rowsWhileIndexing: TreeRow[] = [];
      let statusCount: string | undefined;
      let viewCount: string | undefined;
      let fullMs: number | undefined;
      let rowsShot = false;
      while (Date.now() - started < 300_000) {
        const { status, message, rows } = await glance(workbench).catch((): Glance => ({
          status: '',
          message: '',
          rows: [],
        }));
        const at = Date.now() - started;
        seen.push({ at, status, message, rows: rows.length });
        const indexing = status.includes('Indexing');
        if (indexing && COUNT.test(status) && firstCountMs === undefined) {
          statusCount = status;
          firstCountMs = at;
          await workbench.screenshot('journey-loading-count.png');
        }
        if (COUNT.test(message)) {
          viewCount ??= message;
        }
        if (indexing && COUNT_OF_TOTAL.test(status)) {
          firstTotalMs ??= at;
        }
        if (indexing && rows.length > 0 && firstRowsMs === undefined) {
          firstRowsMs = at;
          rowsWhileIndexing = rows;
        }
        if (indexing && rows.length > 0 && !rowsShot) {
          // Kept only when the status still says indexing after it was taken: it shows both at once.
          await workbench.screenshot('journey-loading-rows-while-indexing.png');
          rowsShot = (await glance(workbench)).status.includes('Indexing');
        }
        if (/^[\d,.]+ entities$/.test(status)) {
          fullMs = at;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await workbench.screenshot('journey-loading-done.png');
      console.log(
        `    loading ${FILES} files: count first shown at ${firstCountMs ?? '-'} ms ("${statusCount ?? ''}"), first rows at ${firstRowsMs ?? '-'} ms, count of the total at ${firstTotalMs ?? '-'} ms, fully indexed at ${fullMs ?? '-'} ms (from opening the folder)`,
      );
      // What the view said first, and when: "no data provider" would show here.
      const firstSeen = new Map<string, number>();
      for (const sample of seen) {
        firstSeen.set(sample.message || '(no message)', firstSeen.get(sample.message || '(no message)') ?? sample.at);
      }
      console.log(
        `    view messages first seen: ${[...firstSeen]
          .slice(0, 6)
          .map(([text, at]) => `${at} ms "${text}"`)
          .join('; ')}; screenshot with rows while indexing: ${rowsShot}`,
      );
      const timeline = seen
        .filter((_, position) => position % 5 === 0)
        .map((s) => `${s.at} ms: ${s.status} | ${s.message} | ${s.rows} rows`);
      assert.ok(fullMs !== undefined, `the load did not end in time:\n${timeline.join('\n')}`);
      assert.ok(statusCount, `the status bar never showed a file count while indexing:\n${timeline.join('\n')}`);
      assert.ok(viewCount, `the Catalog view never showed a file count while indexing:\n${timeline.join('\n')}`);
      assert.ok(
        rowsWhileIndexing.length > 0,
        `no tree rows while the status still said indexing:\n${timeline.join('\n')}`,
      );
      assert.ok(
        rowsWhileIndexing.some((row) => row.label === 'Components' || row.label === 'Groups' || row.label === 'APIs'),
        `rows while indexing: ${JSON.stringify(rowsWhileIndexing)}`,
      );
      const finalRows = await workbench.waitForTreeRows(
        'Catalog',
        (rows) => rows.some((row) => row.label === 'Components' && row.description === String(FILES)),
        30_000,
      );
      assert.ok(finalRows.some((row) => row.label === 'APIs' && row.description === String(FILES)));
    } finally {
      await workbench.open(workspaceFolder);
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
