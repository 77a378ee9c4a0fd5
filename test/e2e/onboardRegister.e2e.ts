// "Register in Backstage…" as a user does it, against a real Backstage backend: a workspace whose
// settings name the company's registry, a local component whose repository a (loopback) git host
// serves; the user registers it from the Catalog tree, reads what Backstage would create, confirms,
// and after the sync the component shows it is also served by the registry. Registering it again,
// or losing a race with a teammate, gets Backstage's answer.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { httpRequest, startBackstage, type RunningBackstage } from '../backstage/backstageServer';
import { e2e } from './hooks';
import { serveFolder, type FolderHost } from './support/folderHost';
import { waitUntil, type Workbench } from './support/workbench';

const REGISTRY = 'larkspur-backstage';
const WORKSPACE = 'platform';
const MENU_ENTRY = 'Register in Backstage…';

/** The team's repositories, already described: a service with an OpenAPI file, and a worker. */
function writeWorkspace(workspace: string, registryUrl: string): void {
  const write = (relative: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(workspace, relative)), { recursive: true });
    fs.writeFileSync(path.join(workspace, relative), text);
  };
  write(
    '.vscode/settings.json',
    JSON.stringify({ 'greenroom.registries': [{ name: REGISTRY, baseUrl: registryUrl }] }, null, 2),
  );
  write(
    'catalog-info.yaml',
    'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-inventory\nspec:\n  type: team\n  children: []\n',
  );
  write(
    'inventory-api/catalog-info.yaml',
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  name: inventory-api',
      '  description: Stock levels for every warehouse',
      'spec:',
      '  type: service',
      '  lifecycle: production',
      '  owner: team-inventory',
      '  providesApis:',
      '    - inventory-api',
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: API',
      'metadata:',
      '  name: inventory-api',
      'spec:',
      '  type: openapi',
      '  lifecycle: production',
      '  owner: team-inventory',
      '  definition:',
      '    $text: ./api/openapi.yaml',
      '',
    ].join('\n'),
  );
  write(
    'inventory-api/api/openapi.yaml',
    'openapi: 3.0.3\ninfo:\n  title: Inventory API\n  version: 1.0.0\npaths: {}\n',
  );
  write(
    'billing-worker/catalog-info.yaml',
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: billing-worker\nspec:\n  type: service\n  lifecycle: production\n  owner: team-inventory\n',
  );
}

/** `kind:name` of what the backend serves by that name (none until a registration is processed). */
async function servedNamed(backend: RunningBackstage, name: string): Promise<string[]> {
  const answer = await httpRequest(
    'GET',
    `${backend.baseUrl}/api/catalog/entities/by-query?filter=metadata.name=${encodeURIComponent(name)}&orderField=kind,asc`,
  );
  assert.equal(answer.status, 200, answer.body.slice(0, 200));
  return (JSON.parse(answer.body) as { items: { kind: string; metadata: { name: string } }[] }).items.map(
    (item) => `${item.kind}:${item.metadata.name}`,
  );
}

/** The Catalog tree row of a component, after showing the Components folder. */
async function componentRow(workbench: Workbench, name: string): Promise<void> {
  await workbench.openViewContainer('Greenroom');
  await workbench.expandView('Catalog');
  await workbench.waitForTreeRows('Catalog', (rows) => rows.some((row) => row.label === 'Components'), 30_000);
  await workbench.expandRow('Components', 'Catalog', 1);
  await workbench.row(name, 'Catalog', 2).waitFor({ state: 'visible', timeout: 20_000 });
}

/** Right-clicks a component in the Catalog tree and runs "Register in Backstage…". */
async function registerFromTree(workbench: Workbench, name: string, screenshot?: string): Promise<void> {
  await workbench.page.keyboard.press('Escape'); // a context menu left open would swallow the click
  await workbench.dismissPopups();
  await componentRow(workbench, name);
  await workbench.row(name, 'Catalog', 2).click({ button: 'right' });
  const item = workbench.page.locator('.context-view .action-item', { hasText: MENU_ENTRY }).first();
  await item.waitFor({ state: 'visible', timeout: 10_000 });
  await item.hover();
  if (screenshot) {
    await workbench.screenshot(screenshot);
  }
  await item.click();
  // A click that lands while the menu still settles is dropped; Enter runs the highlighted entry.
  const menu = workbench.page.locator('.context-view .monaco-menu');
  if (
    !(await menu.waitFor({ state: 'hidden', timeout: 2000 }).then(
      () => true,
      () => false,
    ))
  ) {
    await workbench.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: 5000 });
  }
}

/** Answers the URL question: checks what Greenroom says, types the URL, submits. */
async function answerUrl(workbench: Workbench, name: string, url: string, screenshot?: string): Promise<string> {
  const widget = workbench.quickInput();
  const title = widget.locator('.quick-input-title', { hasText: `URL Backstage reads ${name} from` });
  await title.waitFor({ state: 'visible', timeout: 20_000 });
  const input = widget.locator('input').first();
  await input.fill(url);
  const prompt = (await widget.innerText()).replace(/\s+/g, ' ');
  if (screenshot) {
    await workbench.screenshot(screenshot);
  }
  await input.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: 10_000 });
  return prompt;
}

/** The notification toast whose message matches, once shown. */
async function notification(workbench: Workbench, pattern: RegExp, what: string, timeoutMs = 60_000): Promise<string> {
  let shown: string[] = [];
  await waitUntil(
    async () => (shown = await workbench.notifications()).some((text) => pattern.test(text)),
    timeoutMs,
    () => `no notification ${what}; shown: ${shown.join(' | ') || '(none)'}`,
  );
  return shown.find((text) => pattern.test(text)) ?? '';
}

describe('Register in Backstage… (a real Backstage backend)', function () {
  this.timeout(300_000);
  let root = '';
  let host: FolderHost | undefined;
  let backend: RunningBackstage | undefined;
  let opened = false;
  const url = (repository: string): string => `${host?.url ?? ''}/${WORKSPACE}/${repository}/catalog-info.yaml`;

  before(async function () {
    if (!process.env['GREENROOM_BACKSTAGE_DIR']) {
      console.log(
        '    skipped: GREENROOM_BACKSTAGE_DIR is not set (export it from `bash scripts/install-backstage.sh | tail -n 1`)',
      );
      this.skip();
    }
    const started = Date.now();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-register-e2e-'));
    host = await serveFolder(root);
    // One Group the registry already serves, so the first sync shows it is connected.
    const org = path.join(root, 'backend', 'org.yaml');
    fs.mkdirSync(path.dirname(org));
    fs.writeFileSync(
      org,
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: sre\nspec:\n  type: team\n  children: []\n',
    );
    backend = await startBackstage({
      catalogFiles: [org],
      processingIntervalSeconds: 1,
      readingAllow: [{ host: host.host }],
    });
    await backend.waitForEntityCount(2, 120_000); // the Group and the Location of its file
    const workspace = path.join(root, WORKSPACE);
    writeWorkspace(workspace, backend.baseUrl);

    const { workbench } = e2e();
    await workbench.dismissPopups();
    await workbench.closeAllEditors();
    opened = true;
    await workbench.open(workspace);
    let status: string[] = [];
    await waitUntil(
      async () => (status = await workbench.statusBarTexts()).some((text) => text.startsWith('synced')),
      90_000,
      () => `the registry in the workspace settings never synced; status bar: ${status.join(' | ')}`,
    );
    console.log(`    register: backend started and workspace synced in ${Date.now() - started} ms`);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await e2e()
        .workbench.screenshot(
          `onboard-register-failure-${(this.currentTest.title.split(' ')[0] ?? 'test').toLowerCase()}.png`,
        )
        .catch(() => undefined);
    }
  });

  after(async () => {
    if (opened) {
      const { workbench, workspaceFolder } = e2e();
      await workbench.dismissPopups();
      await workbench.closeAllEditors().catch(() => undefined);
      await workbench.open(workspaceFolder);
    }
    await backend?.stop();
    await host?.close();
    if (root) {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('shows what Backstage would create, registers on confirm, and the component then shows both origins', async () => {
    const { workbench } = e2e();
    assert.ok(backend);
    await registerFromTree(workbench, 'inventory-api', 'onboard-register-menu.png');
    const prompt = await answerUrl(workbench, 'inventory-api', url('inventory-api'), 'onboard-register-url.png');
    assert.match(prompt, /No git remote was found/);

    const dialog = await workbench.modalDialog(60_000);
    const detail = (await workbench.page.locator('.monaco-dialog-box .dialog-message-detail').innerText()).trim();
    await workbench.screenshot('onboard-register-dry-run.png');
    // Backstage's dry run: the descriptor's two entities and the Location it would generate.
    assert.match(dialog.message, new RegExp(`^${REGISTRY} would create 3 entities from this location\\.$`));
    const listed = detail.split('\n').filter((line) => /^\w+:/.test(line) && !line.startsWith('http'));
    assert.deepEqual(listed.filter((line) => !line.startsWith('Location:')).sort(), [
      'API:inventory-api',
      'Component:inventory-api',
    ]);
    assert.equal(listed.filter((line) => line.startsWith('Location:')).length, 1, detail);
    assert.ok(detail.includes(url('inventory-api')), `the dialog does not name the URL: ${detail}`);
    assert.ok(host?.requests.includes(`/${WORKSPACE}/inventory-api/catalog-info.yaml`), 'the backend did not read it');
    assert.deepEqual(await servedNamed(backend, 'inventory-api'), [], 'the dry run registered something');
    // Registering adds a location and loses nothing, so it may be what Enter does; Cancel is there.
    assert.deepEqual([...dialog.buttons].sort(), ['Cancel', 'Register']);
    assert.equal(dialog.focused, 'Register', `Enter would press "${dialog.focused}"`);
    await workbench.page.keyboard.press('Enter');

    // Backstage reads the location after it answered; Greenroom waits for that, then syncs, then says so.
    const done = await notification(workbench, /^Registered inventory-api/, 'that the registration succeeded');
    assert.equal(done, `Registered inventory-api and 1 more in ${REGISTRY}. The Catalog marks them ⇅.`);
    assert.deepEqual(await servedNamed(backend, 'inventory-api'), ['API:inventory-api', 'Component:inventory-api']);
    await workbench.screenshot('onboard-register-done.png');

    // No Sync Registries needed: the sync after the registration brought the registry's copy.
    await workbench.dismissPopups();
    await componentRow(workbench, 'inventory-api');
    await workbench.waitForTreeRows(
      'Catalog',
      (rows) => rows.some((row) => row.label === 'inventory-api' && row.description.startsWith('⇅')),
      10_000,
    );
    const rows = await workbench.treeRows('Catalog');
    const billing = rows.find((row) => row.label === 'billing-worker');
    assert.ok(
      billing && !billing.description.includes(REGISTRY),
      `billing-worker is not registered: ${billing?.description}`,
    );
    await workbench.row('inventory-api', 'Catalog', 2).hover();
    await workbench.page.waitForTimeout(1500);
    await workbench.screenshot('onboard-register-both-origins.png');
  });

  it('registering the same location again is answered by Backstage: registered already', async () => {
    const { workbench } = e2e();
    await registerFromTree(workbench, 'inventory-api');
    await answerUrl(workbench, 'inventory-api', url('inventory-api'));
    const message = await notification(workbench, /already/, 'about the existing registration');
    assert.equal(message, `inventory-api is already registered in ${REGISTRY}: ${url('inventory-api')}`);
    assert.equal(await workbench.page.locator('.monaco-dialog-box').count(), 0, 'asked to register it again');
    await workbench.screenshot('onboard-register-exists.png');
  });

  it("a registration that a teammate made first gets Backstage's conflict error in Backstage's words", async () => {
    const { workbench } = e2e();
    assert.ok(backend);
    await registerFromTree(workbench, 'billing-worker');
    await answerUrl(workbench, 'billing-worker', url('billing-worker'));
    const dialog = await workbench.modalDialog(60_000);
    assert.match(dialog.message, /would create 2 entities/);
    // While the user reads the dry run, someone registers the same file.
    const teammate = await httpRequest(
      'POST',
      `${backend.baseUrl}/api/catalog/locations`,
      { 'content-type': 'application/json' },
      JSON.stringify({ type: 'url', target: url('billing-worker') }),
    );
    assert.equal(teammate.status, 201, teammate.body.slice(0, 300));
    await workbench.page.keyboard.press('Enter');
    // The answer in full, in a modal: ConflictError as Backstage words it, "Location url:… already exists".
    await workbench.page
      .locator('.monaco-dialog-box .dialog-message-text', { hasText: 'did not register' })
      .waitFor({ state: 'visible', timeout: 30_000 });
    const refusal = await workbench.modalDialog();
    const detail = (await workbench.page.locator('.monaco-dialog-box .dialog-message-detail').innerText()).trim();
    await workbench.screenshot('onboard-register-conflict.png');
    assert.equal(refusal.message, `${REGISTRY} did not register billing-worker.`);
    assert.equal(detail, `Location url:${url('billing-worker')} already exists\n\nHTTP 409 ConflictError`);
    assert.equal(refusal.buttons.length, 1, `a refusal offers nothing to do: ${refusal.buttons.join(' | ')}`);
    await workbench.page.keyboard.press('Escape');
  });
});
