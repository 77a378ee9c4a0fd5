// Entity pages as a user meets them: the Overview of a service, its TechDocs with a link followed
// to a second page and a search, an API's definition, and a third-party plugin's tab whose
// hostile HTML must not run.
import * as assert from 'node:assert/strict';
import { e2e } from './hooks';
import { exampleEntities, type ExampleEntity } from './support/examples';
import type { Workbench } from './support/workbench';

type Page = ReturnType<Workbench['activeWebview']>;

/** Reads a global of the webview's window (the frame the page runs in). */
async function windowFlag(page: Page, name: string): Promise<unknown> {
  return page.locator('#app').evaluate((element, key) => {
    const view = (element as unknown as { ownerDocument: { defaultView: Record<string, unknown> } }).ownerDocument
      .defaultView;
    return view[key];
  }, name);
}

async function selectTab(page: Page, title: string): Promise<void> {
  await page.locator('vscode-tab-header', { hasText: title }).first().click();
  await page
    .locator('vscode-tab-header[aria-selected="true"]', { hasText: title })
    .first()
    .waitFor({ state: 'visible', timeout: 15_000 })
    .catch(() => undefined);
}

describe('Entity pages', () => {
  const entities = exampleEntities();
  const byName = (kind: string, name: string): ExampleEntity => {
    const found = entities.find((entity) => entity.kind === kind && entity.name === name);
    assert.ok(found, `examples/ has no ${kind} ${name}`);
    return found;
  };
  const playback = byName('Component', 'playback-service');
  const searchApi = byName('API', 'search-api');

  before(async () => {
    const { workbench } = e2e();
    await workbench.dismissPopups();
    await workbench.closeAllEditors();
  });

  it('shows a service: header, about, relations (clickable) and a relations graph', async () => {
    const { workbench } = e2e();
    const page = await workbench.openEntityPage(playback.label);
    assert.equal((await page.locator('.entity-header .ref').innerText()).trim(), 'component:default/playback-service');
    const header = await page.locator('.entity-header').innerText();
    for (const expected of ['Component', 'service', 'production', 'Owner Playback', 'System Playback']) {
      assert.ok(header.includes(expected), `header lacks ${expected}: ${header}`);
    }
    const body = page.locator('.tab-body');
    await body.locator('h2', { hasText: 'About' }).waitFor({ state: 'visible', timeout: 10_000 });
    const ownership = await body.locator('.card.relations', { hasText: 'Ownership' }).first().innerText();
    assert.match(ownership, /Owner\s+Playback\s+Group/, ownership);
    const dependencies = await body.locator('.card.relations', { hasText: 'Dependencies' }).first().innerText();
    assert.match(dependencies, /Depends on/, dependencies);
    assert.doesNotMatch(dependencies, /Dependency of/, 'a dependency listed again from its incoming side');
    assert.ok(
      (await body.locator('svg.graph [data-entity-ref]').count()) >= 3,
      'the relations graph shows clickable neighbours',
    );
    await workbench.screenshot('entity-overview.png');

    // The graph as a user sees it: scrolled into view, every node inside the visible canvas.
    const graph = body.locator('svg.graph');
    await graph.scrollIntoViewIfNeeded();
    const canvas = await graph.boundingBox();
    assert.ok(canvas && canvas.height > 250, `the graph canvas is ${canvas?.height ?? 0} px high: it is cut off`);
    const nodes = await graph.locator('g.node rect').evaluateAll((rects) =>
      rects.map((rect) => {
        const box = rect.getBoundingClientRect();
        return { left: box.left, top: box.top, right: box.right, bottom: box.bottom };
      }),
    );
    const frame = await graph.evaluate((svg) => {
      const box = svg.getBoundingClientRect();
      return { left: box.left, top: box.top, right: box.right, bottom: box.bottom };
    });
    assert.ok(nodes.length >= 4, `only ${nodes.length} graph nodes drawn`);
    for (const node of nodes) {
      assert.ok(
        node.left >= frame.left - 1 &&
          node.right <= frame.right + 1 &&
          node.top >= frame.top - 1 &&
          node.bottom <= frame.bottom + 1,
        `a graph node at ${JSON.stringify(node)} lies outside the canvas ${JSON.stringify(frame)}`,
      );
    }
    await workbench.screenshot('journey-relations-graph.png');

    // The owner link opens the owner's page in its own panel.
    await page.locator('.entity-header a[data-entity-ref="group:default/team-playback"]').click();
    await workbench.waitForActiveEditor(
      (tab) => tab.title !== playback.label,
      'clicking the owner did not open its page',
    );
    const ownerPage = workbench.activeWebview();
    await ownerPage
      .locator('.entity-header .ref', { hasText: 'group:default/team-playback' })
      .waitFor({ state: 'visible', timeout: 15_000 });
    await workbench.screenshot('entity-owner-page.png');
  });

  it('opens one panel per entity: opening it again re-focuses the same panel', async () => {
    const { workbench } = e2e();
    await workbench.openEntityPage(playback.label);
    const tabs = workbench.page.locator('.editor-group-container .tabs-container .tab', { hasText: playback.label });
    assert.equal(await tabs.count(), 1);
  });

  it('reads TechDocs: nav from mkdocs.yml, a link followed to a second page, and search', async () => {
    const { workbench } = e2e();
    const page = await workbench.openEntityPage(playback.label);
    await selectTab(page, 'Docs');
    const docs = page.locator('.docs');
    await docs.locator('article h1', { hasText: 'Playback service' }).waitFor({ state: 'visible', timeout: 15_000 });
    assert.deepEqual(
      (await docs.locator('nav li a').allInnerTexts()).map((text) => text.trim()),
      ['Overview', 'Architecture', 'Runbook'],
    );
    assert.ok((await docs.locator('article table').count()) > 0, 'the docs home page has its tables');
    await workbench.screenshot('docs-home.png');

    await docs.locator('article a', { hasText: 'architecture' }).first().click();
    await docs.locator('article h1', { hasText: 'Architecture' }).waitFor({ state: 'visible', timeout: 15_000 });
    const image = docs.locator('article img').first();
    await image.waitFor({ state: 'visible', timeout: 10_000 });
    const loaded = await image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth);
    assert.ok(loaded > 0, 'the relative image on the second page loads');
    assert.equal((await docs.locator('nav li.current').innerText()).trim(), 'Architecture');
    await workbench.screenshot('docs-second-page.png');

    const search = docs.locator('vscode-textfield[data-tab-search]');
    await search.click();
    await workbench.page.keyboard.type('entitlement');
    await workbench.page.keyboard.press('Enter');
    await docs.locator('article h1', { hasText: 'Search: entitlement' }).waitFor({ state: 'visible', timeout: 15_000 });
    assert.ok((await docs.locator('.search-results li').count()) > 0, 'search finds pages mentioning entitlement');
    await workbench.screenshot('docs-search.png');
  });

  it('shows an API definition from a $text file as operations', async () => {
    const { workbench } = e2e();
    const page = await workbench.openEntityPage(searchApi.label);
    await selectTab(page, 'Definition');
    const operations = page.locator('.tab-body details.operation');
    await operations.first().waitFor({ state: 'visible', timeout: 15_000 });
    const summaries = await page.locator('.tab-body details.operation summary').allInnerTexts();
    assert.ok(
      summaries.some((text) => /GET\s*\/search/.test(text)),
      `no GET /search among ${summaries.join(' | ')}`,
    );
    await operations.first().locator('summary').click();
    await workbench.screenshot('api-definition.png');
  });

  it("shows a third-party plugin's tab, with its scripts and event handlers removed", async () => {
    const { workbench } = e2e();
    const page = await workbench.openEntityPage(playback.label);
    await page
      .locator('vscode-tab-header', { hasText: 'Deployments' })
      .first()
      .waitFor({ state: 'visible', timeout: 20_000 });
    await selectTab(page, 'Deployments');
    const card = page.locator('.tab-body .acme-deployments');
    await card.waitFor({ state: 'visible', timeout: 15_000 });
    assert.deepEqual(
      (await card.locator('tbody td:first-child').allInnerTexts()).map((text) => text.trim()),
      ['production', 'staging', 'dev'],
    );
    assert.equal(await page.locator('.tab-body script').count(), 0);
    assert.equal(await page.locator('.tab-body [onerror]').count(), 0);
    await workbench.page.waitForTimeout(500);
    assert.equal(await windowFlag(page, '__pwned'), undefined, 'plugin HTML ran script in the webview');
    await workbench.screenshot('entity-plugin-tab.png');
  });
});
