// Scorecards as a user meets them: the Scorecard tab of a service, its failing check in Problems,
// the quick fix applied in the descriptor, and the score rising on the tab.
import * as assert from 'node:assert/strict';
import { e2e } from './hooks';
import { exampleEntities } from './support/examples';
import { waitUntil, type TreeRow, type Workbench } from './support/workbench';

type Page = ReturnType<Workbench['activeWebview']>;

const DOCS_CHECK = 'Services and websites have docs';

async function scoreOf(page: Page): Promise<{ passed: number; total: number }> {
  const text = (await page.locator('.tab-body .score-total').first().innerText()).trim();
  const [passed, total] = text.split('/').map(Number);
  return { passed: passed ?? NaN, total: total ?? NaN };
}

async function openScorecardTab(page: Page): Promise<void> {
  await page.locator('vscode-tab-header', { hasText: 'Scorecard' }).first().click();
  await page.locator('.tab-body table.scorecard').waitFor({ state: 'visible', timeout: 20_000 });
}

describe('Scorecards', () => {
  const auth = exampleEntities().find((entity) => entity.kind === 'Component' && entity.name === 'auth-service');

  before(async () => {
    const { workbench } = e2e();
    await workbench.dismissPopups();
    await workbench.closeAllEditors();
  });

  it('shows the Scorecard tab, the failing check in Problems, and the quick fix raising the score', async () => {
    const { workbench } = e2e();
    assert.ok(auth, 'examples/ has auth-service');
    const page = await workbench.openEntityPage(auth.label);
    await openScorecardTab(page);
    const before = await scoreOf(page);
    assert.ok(before.total >= 6 && before.passed < before.total, `score before the fix: ${JSON.stringify(before)}`);
    const failing = await page.locator('.tab-body tr.score-fail').allInnerTexts();
    assert.ok(
      failing.some((row) => row.includes(DOCS_CHECK)),
      `no failing docs check on the tab: ${JSON.stringify(failing)}`,
    );
    assert.ok(
      failing.some((row) => row.includes('Tier-0 services name their on-call rotation')),
      'the workspace check from .greenroom/checks.yaml is on the tab',
    );
    assert.ok((await page.locator('.tab-body tr.score-pass').count()) > 0, 'passing checks are listed too');
    await workbench.screenshot('scorecard-tab.png');

    // The same finding in Problems, with its own source, on the line of metadata.annotations.
    await workbench.closeAllEditors();
    await workbench.openFile('services/auth-service/catalog-info.yaml');
    await workbench.showProblems();
    let rows: string[] = [];
    await waitUntil(
      async () => (rows = await workbench.problems()).some((row) => row.includes(DOCS_CHECK)),
      30_000,
      () => `no scorecard finding in Problems: ${JSON.stringify(rows.slice(0, 12))}`,
    );
    // Other services lack docs too, and the Problems list only renders what is in view: count
    // the workspace's problems in the status bar instead; the fix must take exactly one away.
    const problemCount = async (): Promise<number> => {
      const item = (await workbench.statusBarTexts()).find((text) => /^\d+( \d+){1,2}$/.test(text)) ?? '';
      return item.split(' ').reduce((sum, part) => sum + Number(part), 0);
    };
    const countBefore = await problemCount();
    assert.ok(countBefore > 0, 'the status bar counts the problems');
    const finding = rows.find((row) => row.includes(DOCS_CHECK) && row.includes('Ln 10, Col 3')) ?? '';
    assert.match(finding, /greenroom-scorecard/, finding);
    assert.match(finding, /Ln 10, Col 3/, finding);
    await workbench.screenshot('scorecard-problems.png');

    // The quick fix on that line adds the annotation stub.
    await workbench.page.locator('.editor-group-container.active .monaco-editor').first().click();
    await workbench.goToLine(10, 3);
    const fix = await workbench.quickFixRow('Add annotation backstage.io/techdocs-ref: dir:.');
    await workbench.screenshot('scorecard-quickfix.png');
    await fix.click();
    await waitUntil(
      async () => (await workbench.editorLines()).some((line) => line.includes('backstage.io/techdocs-ref: dir:.')),
      10_000,
      'the quick fix did not add the annotation',
    );
    await workbench.page.keyboard.press('Control+S');
    await waitUntil(async () => !(await workbench.activeTab()).dirty, 10_000, 'the descriptor was not saved');
    let countAfter = countBefore;
    await waitUntil(
      async () => (countAfter = await problemCount()) === countBefore - 1,
      30_000,
      () => `the docs finding stayed in Problems after the fix: ${countBefore} problems before, ${countAfter} after`,
    );
    await workbench.screenshot('scorecard-problems-after-fix.png');

    // Back on the page: the check passes and the score rose by one.
    await workbench.hidePanel();
    const after = await workbench.openEntityPage(auth.label);
    await openScorecardTab(after);
    let score = before;
    await waitUntil(
      async () => (score = await scoreOf(after)).passed === before.passed + 1,
      30_000,
      () => `score after the fix: ${JSON.stringify(score)}, before: ${JSON.stringify(before)}`,
    );
    assert.equal(score.total, before.total);
    assert.ok(
      (await after.locator('.tab-body tr.score-pass', { hasText: DOCS_CHECK }).count()) === 1,
      'the docs check passes now',
    );
    await workbench.screenshot('scorecard-fixed.png');
  });

  it("shows the score in the Catalog tree and each team's roll-up in the Owners view", async () => {
    const { workbench } = e2e();
    await workbench.closeAllEditors();
    await workbench.openViewContainer('Greenroom');
    await workbench.waitForTreeRows('Catalog', (found) => found.some((row) => row.label === 'Components'), 60_000);
    await workbench.expandRow('Components', 'Catalog');
    let catalogRows: TreeRow[] = [];
    await waitUntil(
      async () =>
        (catalogRows = await workbench.treeRows('Catalog')).some((row) => /\b\d+\/\d+\b/.test(row.description ?? '')),
      30_000,
      () => `no score in the Catalog rows: ${JSON.stringify(catalogRows.slice(0, 10))}`,
    );
    await workbench.expandView('Owners');
    // Teams sit under their department: open the root rows; a team's roll-up is on its own row.
    // (Expanding rows that are leaves or scrolled out of view would only wait for timeouts.)
    for (const row of (await workbench.treeRows('Owners')).filter(
      (candidate) => candidate.level === 1 && candidate.expanded === false,
    )) {
      await workbench.expandRow(row.label, 'Owners', 1);
    }
    let ownerRows: TreeRow[] = [];
    await waitUntil(
      async () =>
        // A team row: what it owns, then its roll-up (`8 · 37/39`); owned rows show a bare `5/6`.
        (ownerRows = await workbench.treeRows('Owners')).some((row) => /^\d+ · \d+\/\d+$/.test(row.description ?? '')),
      30_000,
      () => `no roll-up in the Owners rows: ${JSON.stringify(ownerRows.slice(0, 10))}`,
    );
    await workbench.screenshot('scorecard-tree-owners.png');
    // The rows with the longest descriptions: none may be cut at the default side bar width.
    const width = await workbench.sideBarWidth();
    assert.deepEqual(await workbench.clippedRows('Catalog'), [], `Catalog rows cut at a ${width} px side bar`);
    assert.deepEqual(await workbench.clippedRows('Owners'), [], `Owners rows cut at a ${width} px side bar`);

    // An owned row sits one level deeper than in the Catalog tree: open the team that owns the
    // longest-titled example and check its rows too.
    const longest = exampleEntities()
      .filter((entity) => entity.kind === 'Component' && entity.owner !== undefined)
      .sort((a, b) => b.label.length - a.label.length)[0];
    const team = exampleEntities().find((entity) => entity.kind === 'Group' && entity.name === longest?.owner);
    assert.ok(longest && team, 'examples/ has a Component owned by a Group');
    await workbench.expandRow(team.displayName ?? team.label, 'Owners', 2);
    await workbench.waitForTreeRows('Owners', (rows) => rows.some((row) => row.label === longest.label), 15_000);
    assert.deepEqual(await workbench.clippedRows('Owners'), [], `Owners rows cut at a ${width} px side bar`);
    await workbench.screenshot('scorecard-owners-longest.png');
  });
});
