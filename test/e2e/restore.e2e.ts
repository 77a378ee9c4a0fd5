// A window reload, as a user meets it: the catalog table comes back with its filter, sort and
// scroll position, and the Greenroom views have their data providers at once (the extension logs
// how long after activation started they were registered).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { e2e } from './hooks';
import { waitUntil, type Workbench } from './support/workbench';

type Page = ReturnType<Workbench['activeWebview']>;

async function scrollY(page: Page): Promise<number> {
  return page
    .locator('#app')
    .evaluate((element) => (element.ownerDocument.defaultView as unknown as { scrollY: number }).scrollY);
}

/** Every "Tree data providers registered N ms" line the extension logged, in order. */
function providerTimings(userDataDir: string): number[] {
  const found: number[] = [];
  const visit = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        visit(full);
      } else if (entry.name.endsWith('Greenroom.log')) {
        for (const match of fs.readFileSync(full, 'utf8').matchAll(/Tree data providers registered ([\d.]+) ms/g)) {
          found.push(Number(match[1]));
        }
      }
    }
  };
  visit(path.join(userDataDir, 'logs'));
  return found;
}

describe('Window reload', () => {
  before(async () => {
    const { workbench } = e2e();
    await workbench.dismissPopups();
    await workbench.closeAllEditors();
  });

  it('brings the catalog table back with its filter, sort and scroll position', async () => {
    const { workbench, codeServer } = e2e();
    await workbench.runCommand('Greenroom: Open Catalog Table');
    await workbench.waitForActiveEditor((tab) => tab.title === 'Catalog', 'the catalog table did not open');
    let page = workbench.activeWebview();
    await page.locator('tbody tr.entity-row').first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.locator('vscode-textfield.table-filter input').fill('a');
    await page.locator('thead button.sort[data-column="kind"]').click();
    await page.locator('thead th[aria-sort="ascending"] button[data-column="kind"]').waitFor({ timeout: 10_000 });
    await page.locator('thead button.sort[data-column="kind"]').click();
    await page.locator('thead th[aria-sort="descending"] button[data-column="kind"]').waitFor({ timeout: 10_000 });
    const rowsBefore = (await page.locator('tbody tr.entity-row td.col-name').allInnerTexts()).map((text) =>
      text.trim(),
    );
    await page
      .locator('#app')
      .evaluate((element) =>
        (element.ownerDocument.defaultView as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 400),
      );
    let scrolled = 0;
    await waitUntil(
      async () => (scrolled = await scrollY(page)) > 300,
      5_000,
      () => `the table scrolled to ${scrolled} only (too few rows?)`,
    );
    await workbench.page.waitForTimeout(500); // the webview saves its scroll position 150 ms after scrolling stops

    // "Developer: Reload Window" (it lets the workbench save the webviews' state, which a bare page
    // reload may not); the palette is typed here because the page goes away under runCommand's wait.
    const reloaded = workbench.page.waitForEvent('framenavigated', {
      predicate: (frame) => frame === workbench.page.mainFrame(),
      timeout: 60_000,
    });
    await workbench.dismissPopups();
    await workbench.page.keyboard.press('F1');
    const palette = workbench.page.locator('.quick-input-widget input').first();
    await palette.fill('>Developer: Reload Window');
    await workbench.page
      .locator('.quick-input-widget .monaco-list-row', { hasText: 'Developer: Reload Window' })
      .first()
      .click();
    await reloaded;
    await workbench.page.locator('.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
    await workbench.waitForActiveEditor(
      (tab) => tab.title === 'Catalog',
      'the catalog table did not come back after the reload',
      60_000,
    );
    page = workbench.activeWebview();
    await page.locator('tbody tr.entity-row').first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(
      await page.locator('vscode-textfield.table-filter').evaluate((element) => {
        const value = (element as unknown as { value?: unknown }).value;
        return typeof value === 'string' ? value : '';
      }),
      'a',
      'the filter text came back',
    );
    await page.locator('thead th[aria-sort="descending"] button[data-column="kind"]').waitFor({ timeout: 10_000 });
    let rowsAfter: string[] = [];
    await waitUntil(
      async () =>
        JSON.stringify(
          (rowsAfter = (await page.locator('tbody tr.entity-row td.col-name').allInnerTexts()).map((text) =>
            text.trim(),
          )),
        ) === JSON.stringify(rowsBefore),
      15_000,
      () =>
        `rows differ after the reload: ${rowsAfter.slice(0, 5).join(', ')}… vs ${rowsBefore.slice(0, 5).join(', ')}…`,
    );
    let restored = 0;
    await waitUntil(
      async () => Math.abs((restored = await scrollY(page)) - scrolled) < 40,
      10_000,
      () => `scrolled to ${restored} after the reload, was ${scrolled}`,
    );
    await workbench.screenshot('journey-reload-table.png');

    const timings = providerTimings(codeServer.userDataDir);
    assert.ok(timings.length >= 2, `expected a timing per activation, found ${JSON.stringify(timings)}`);
    console.log(
      `    tree data providers registered ${timings.map((ms) => `${ms} ms`).join(', ')} after activation started`,
    );
    assert.ok(
      timings.every((ms) => ms < 1000),
      `a view waited for its provider: ${JSON.stringify(timings)}`,
    );
  });
});
