// The relations graph as a user explores it: scrolled into view, every node inside the visible
// canvas at each depth and direction; zoom with the buttons and the wheel, pan by dragging, fit
// to view again, and a node still opens its entity's page.
import * as assert from 'node:assert/strict';
import { e2e } from './hooks';
import { exampleEntities } from './support/examples';
import { waitUntil, type Workbench } from './support/workbench';

type Page = ReturnType<Workbench['activeWebview']>;
interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The graph's box, its viewBox, and every node's box, as the webview lays them out. */
async function geometry(
  page: Page,
): Promise<{ canvas: Rect; viewport: Rect; viewBox: string; nodes: { ref: string; box: Rect }[] }> {
  return page.locator('svg.graph').evaluate((svg) => {
    const rect = (element: Element): Rect => {
      const box = element.getBoundingClientRect();
      return { left: box.left, top: box.top, right: box.right, bottom: box.bottom };
    };
    const view = svg.ownerDocument.defaultView as unknown as { innerWidth: number; innerHeight: number };
    return {
      canvas: rect(svg),
      viewport: { left: 0, top: 0, right: view.innerWidth, bottom: view.innerHeight },
      viewBox: svg.getAttribute('viewBox') ?? '',
      nodes: Array.from(svg.querySelectorAll('g.node')).map((node) => ({
        ref: node.querySelector('title')?.textContent ?? '',
        box: rect(node.querySelector('rect') ?? node),
      })),
    };
  });
}

function inside(inner: Rect, outer: Rect): boolean {
  return (
    inner.left >= outer.left - 1 &&
    inner.right <= outer.right + 1 &&
    inner.top >= outer.top - 1 &&
    inner.bottom <= outer.bottom + 1
  );
}

/** Every node lies inside the canvas, and the canvas inside the webview's visible area. */
async function assertWholeNeighbourhoodVisible(page: Page, what: string): Promise<number> {
  await page.locator('svg.graph').scrollIntoViewIfNeeded();
  const shape = await geometry(page);
  assert.ok(
    shape.canvas.bottom - shape.canvas.top > 250,
    `${what}: the canvas is ${shape.canvas.bottom - shape.canvas.top} px high`,
  );
  assert.ok(
    inside(shape.canvas, shape.viewport),
    `${what}: the canvas ${JSON.stringify(shape.canvas)} is not fully on screen ${JSON.stringify(shape.viewport)}`,
  );
  for (const node of shape.nodes) {
    assert.ok(
      inside(node.box, shape.canvas),
      `${what}: ${node.ref} at ${JSON.stringify(node.box)} lies outside the canvas ${JSON.stringify(shape.canvas)}`,
    );
  }
  return shape.nodes.length;
}

async function choose(page: Page, label: string, summary: RegExp): Promise<void> {
  await page.locator(`vscode-button[aria-label="${label}"]`).click();
  await page.locator(`vscode-button.selected[aria-label="${label}"]`).waitFor({ state: 'attached', timeout: 15_000 });
  await page
    .locator('#relations-graph :is(.graph-summary, .notice)', { hasText: summary })
    .first()
    .waitFor({ timeout: 15_000 });
}

describe('Relations graph: depth, direction, pan and zoom', () => {
  const playback = exampleEntities().find(
    (entity) => entity.kind === 'Component' && entity.name === 'playback-service',
  );

  before(async () => {
    const { workbench } = e2e();
    await workbench.dismissPopups();
    await workbench.closeAllEditors();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await e2e().workbench.screenshot(`graph-failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}.png`);
    }
  });

  it('shows the whole neighbourhood at every depth and direction, and pans and zooms', async () => {
    assert.ok(playback, 'examples/ has no playback-service');
    const { workbench } = e2e();
    const page = await workbench.openEntityPage(playback.label);
    await page.locator('svg.graph').waitFor({ state: 'visible', timeout: 20_000 });
    const depthOne = await assertWholeNeighbourhoodVisible(page, 'depth 1');
    assert.ok(depthOne >= 4, `depth 1 draws ${depthOne} nodes`);

    await choose(page, 'Depth 2', /within 2 steps/);
    const depthTwo = await assertWholeNeighbourhoodVisible(page, 'depth 2');
    assert.ok(depthTwo > depthOne, `depth 2 draws ${depthTwo} nodes, depth 1 drew ${depthOne}`);
    await workbench.screenshot('journey-graph.png');

    await choose(page, 'Depth 3', /within 3 steps/);
    const depthThree = await assertWholeNeighbourhoodVisible(page, 'depth 3');
    assert.ok(depthThree >= depthTwo, `depth 3 draws ${depthThree} nodes, depth 2 drew ${depthTwo}`);

    await choose(page, 'Direction incoming', /within 3 steps|No incoming relations/);
    if ((await page.locator('svg.graph').count()) > 0) {
      const incoming = await assertWholeNeighbourhoodVisible(page, 'depth 3, incoming');
      assert.ok(incoming < depthThree, `incoming only draws ${incoming} nodes, both directions drew ${depthThree}`);
    }
    await choose(page, 'Direction outgoing', /within 3 steps/);
    await assertWholeNeighbourhoodVisible(page, 'depth 3, outgoing');
    await choose(page, 'Depth 1', /within 1 step/);
    await choose(page, 'Direction both', /within 1 step/);
    await workbench.screenshot('journey-graph-depth1.png');

    // Zoom in with the button: the viewBox shrinks; the wheel zooms out again; a drag pans.
    const fitted = (await geometry(page)).viewBox;
    const width = (viewBox: string): number => Number(viewBox.split(' ')[2]);
    await page.locator('vscode-button[data-graph-action="zoom-in"]').click();
    await page.locator('vscode-button[data-graph-action="zoom-in"]').click();
    let zoomed = '';
    await waitUntil(
      async () => width((zoomed = (await geometry(page)).viewBox)) < width(fitted) * 0.7,
      5_000,
      () => `zoom in left the viewBox at ${zoomed} (fit ${fitted})`,
    );
    // Hover first: the wheel goes where the mouse is, and hover finds the canvas through both webview frames.
    const box = await page.locator('svg.graph').boundingBox();
    assert.ok(box, 'the graph has no box on the page');
    await page.locator('svg.graph').hover({ position: { x: box.width / 2, y: box.height / 2 } });
    await workbench.page.mouse.wheel(0, 300);
    let wheeled = '';
    await waitUntil(
      async () => width((wheeled = (await geometry(page)).viewBox)) > width(zoomed),
      5_000,
      () => `the wheel did not zoom out: ${wheeled} (was ${zoomed})`,
    );
    const beforeDrag = (await geometry(page)).viewBox;
    // From the canvas's empty corner, as a user grabs the background (positions in the frame's own coordinates).
    await page
      .locator('svg.graph')
      .dragTo(page.locator('svg.graph'), { sourcePosition: { x: 6, y: 6 }, targetPosition: { x: 86, y: 46 } });
    const afterDrag = (await geometry(page)).viewBox;
    assert.notEqual(afterDrag, beforeDrag, 'dragging did not pan');
    assert.equal(afterDrag.split(' ')[2], beforeDrag.split(' ')[2], 'panning changed the zoom');
    await workbench.screenshot('journey-graph-zoomed.png');
    await page.locator('vscode-button[data-graph-action="fit"]').click();
    await waitUntil(
      async () => (await geometry(page)).viewBox === fitted,
      5_000,
      'Fit did not bring the whole neighbourhood back',
    );
    await assertWholeNeighbourhoodVisible(page, 'after fit');

    // A node still opens its page (the drag did not swallow later clicks).
    await page.locator('svg.graph a[data-entity-ref="group:default/team-playback"]').click();
    await workbench.waitForActiveEditor(
      (tab) => tab.title !== playback.label,
      'clicking the owner node did not open its page',
    );
  });
});
