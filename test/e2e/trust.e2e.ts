// Restricted Mode: the user opens the examples without trusting their authors. Browsing works;
// scaffolding and fetching a URL found in a workspace Location file are refused, and each says why.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, sleep, startCodeServer, type CodeServer } from './support/codeServer';
import { startCountingServer, type CountingServer } from './support/countingServer';
import { ownCodeServerHooks } from './support/ownCodeServer';
import { exampleEntities, findInExample } from './support/examples';
import { escapeRegExp, waitUntil, Workbench } from './support/workbench';

const REMOTE_COMPONENT = { name: 'trust-probe-service', title: 'Trust probe service' };
const REMOTE_CATALOG = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${REMOTE_COMPONENT.name}
  title: ${REMOTE_COMPONENT.title}
spec:
  type: service
  lifecycle: experimental
  owner: team-playback
`;
const LOCATION_FILE = 'remote.catalog-info.yaml';
const SCAFFOLD_REFUSAL = 'creating from templates is disabled in an untrusted workspace';
const URL_REFUSAL = 'Not fetched because the workspace is not trusted';
/** How long nothing may reach the server after the refusal shows (a sync would fetch at once). */
const QUIET_MS = 5000;

function locationFile(url: string): string {
  return `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: remote-catalog
  title: Remote catalog
spec:
  type: url
  target: ${url}
`;
}

describe('Restricted Mode (workspace not trusted)', function () {
  this.timeout(300_000);
  const entities = exampleEntities();
  const playback = entities.find((entity) => entity.kind === 'Component' && entity.name === 'playback-service');
  // The examples plus the Location file this suite adds.
  const localCount = entities.length + 1;
  // A code-server of its own: the shared one runs with Workspace Trust off.
  let codeServer: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let remote: CountingServer | undefined;
  let folder = '';

  function wb(): Workbench {
    assert.ok(workbench, 'the workbench did not start');
    return workbench;
  }

  async function statusBarShows(text: string, timeoutMs: number): Promise<void> {
    let seen: string[] = [];
    await waitUntil(
      async () => (seen = await wb().statusBarTexts()).includes(text),
      timeoutMs,
      () => `the status bar does not show "${text}": ${JSON.stringify(seen)}`,
    );
  }

  async function waitForNotification(part: string): Promise<string> {
    let seen: string[] = [];
    await waitUntil(
      async () => (seen = await wb().notifications()).some((text) => text.includes(part)),
      15_000,
      () => `no notification containing "${part}"; shown: ${JSON.stringify(seen)}`,
    );
    return seen.find((text) => text.includes(part)) ?? '';
  }

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-trust-e2e-'));
    const workspace = path.join(folder, 'examples');
    fs.cpSync(path.join(repoRoot(), 'examples'), workspace, { recursive: true });
    remote = await startCountingServer('catalog-info.yaml', REMOTE_CATALOG);
    fs.writeFileSync(path.join(workspace, LOCATION_FILE), locationFile(remote.url));
    codeServer = await startCodeServer({ workspaceTrust: true });
    workbench = await Workbench.launch(codeServer.url);
    // code-server shows no startup trust prompt (VS Code asks before the remote is resolved, when
    // trust cannot be set yet): an untrusted folder opens in Restricted Mode, as after "No".
    await workbench.open(workspace);
  });

  ownCodeServerHooks('trust', () => ({ codeServer, workbench }));

  after(async () => {
    await remote?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('the untrusted examples open in Restricted Mode', async () => {
    await statusBarShows('Restricted Mode', 30_000);
    const banner = await wb().page.locator('.part.banner').innerText();
    assert.ok(
      banner.includes('Restricted Mode is intended for safe code browsing'),
      `no Restricted Mode banner: "${banner}"`,
    );
  });

  it('browsing works: the catalog tree, an entity page and a hover', async () => {
    assert.ok(playback, 'examples/ has no playback-service');
    const workbench = wb();
    await workbench.openViewContainer('Greenroom');
    await workbench.expandView('Catalog');
    await statusBarShows(`${localCount} entities`, 60_000);
    await workbench.waitForTreeRows('Catalog', (rows) => rows.some((row) => row.label === 'Components'));
    await workbench.collapseAllRows('Catalog');
    await workbench.expandRow('Components', 'Catalog', 1);
    await workbench.waitForTreeRows('Catalog', (rows) => rows.some((row) => row.label === playback.label));

    // Hover the owner in the descriptor: the group's card.
    const file = playback.file;
    const owner = playback.owner ?? '';
    const position = findInExample(file, new RegExp(`^\\s+owner:\\s*${escapeRegExp(owner)}\\s*$`), owner);
    await workbench.openFile(file);
    await workbench.goToLine(position.line, position.column);
    const line = workbench
      .activeEditor()
      .locator('.view-line')
      .filter({ hasText: new RegExp(`owner:\\s*${escapeRegExp(owner)}`) })
      .first();
    const value = line.locator('span > span').filter({ hasText: owner }).last();
    const hover = await workbench.hoverOver(value, (text) => text.includes(`group:default/${owner}`));
    assert.ok(/\bGroup\b/.test(hover), `the hover does not say ${owner} is a Group: "${hover}"`);
    await workbench.screenshot('trust-hover.png');
    await workbench.page.mouse.move(1300, 850);

    // The entity page, through Go to Entity.
    const page = await workbench.openEntityPage(playback.label);
    assert.equal((await page.locator('.entity-header .ref').innerText()).trim(), 'component:default/playback-service');
    await page.locator('.tab-body h2', { hasText: 'About' }).waitFor({ state: 'visible', timeout: 10_000 });
    await statusBarShows('Restricted Mode', 5000);
    await workbench.screenshot('trust-browsing.png');
  });

  it('scaffolding is refused with an explanation, from the palette and from the Catalog view', async () => {
    const workbench = wb();
    await workbench.dismissPopups();
    await workbench.runCommand('Greenroom: Create from Template…');
    const message = await waitForNotification(SCAFFOLD_REFUSAL);
    assert.ok(message.includes('Trust the workspace'), `the refusal does not say what to do: "${message}"`);
    const toast = workbench.page
      .locator('.notifications-toasts .notification-toast', { hasText: SCAFFOLD_REFUSAL })
      .first();
    await toast
      .locator('.monaco-button', { hasText: 'Manage Workspace Trust' })
      .waitFor({ state: 'visible', timeout: 5000 });
    assert.ok(!(await workbench.quickInput().isVisible()), 'a template picker opened in an untrusted workspace');
    await workbench.screenshot('trust-scaffold-refused.png');
    await workbench.dismissPopups();
    await waitUntil(async () => (await workbench.notifications()).length === 0, 5000, 'the refusal did not go away');

    await workbench.openViewContainer('Greenroom');
    await workbench.clickViewAction('Catalog', 'Create from Template…');
    await waitForNotification(SCAFFOLD_REFUSAL);
    assert.ok(!(await workbench.quickInput().isVisible()), 'the view button opened a template picker');
    await workbench.dismissPopups();
  });

  it('a URL in a workspace Location file is not fetched, and a warning on it says why', async () => {
    assert.ok(remote);
    const server = remote;
    const workbench = wb();
    await workbench.closeAllEditors();
    await workbench.showProblems();
    // On the target line of the Location file.
    const targetLine =
      locationFile(server.url)
        .split('\n')
        .findIndex((line) => line.includes('target:')) + 1;
    let problems: string[] = [];
    await waitUntil(
      async () =>
        (problems = await workbench.problems()).some(
          (row) => row.includes(URL_REFUSAL) && row.includes(`Ln ${targetLine},`),
        ),
      60_000,
      () => `no problem at line ${targetLine} explains the URL Location; Problems: ${JSON.stringify(problems)}`,
    );
    // A sync asked for by the user must not fetch it either.
    await workbench.runCommand('Greenroom: Sync Registries');
    await sleep(QUIET_MS);
    assert.equal(server.requests(), 0, 'the untrusted workspace made Greenroom fetch its URL');
    assert.ok(
      !(await workbench.statusBarTexts()).includes(`${localCount + 1} entities`),
      'the remote entity is in the catalog',
    );

    // The editor says it too, when the mouse rests on the URL.
    await workbench.openFile(LOCATION_FILE);
    const url = workbench
      .activeEditor()
      .locator('.view-line', { hasText: server.url })
      .locator('span > span')
      .filter({ hasText: '127.0.0.1' })
      .last();
    const hover = await workbench.hoverOver(url, (text) => text.includes(URL_REFUSAL));
    assert.ok(hover.includes('Trust the workspace'), `the hover does not say what to do: "${hover}"`);
    await workbench.screenshot('trust-url-refused.png');
    await workbench.page.mouse.move(1300, 850);
  });

  it('trusting the workspace fetches the URL and the warning goes', async () => {
    assert.ok(remote);
    const server = remote;
    const workbench = wb();
    await workbench.trustWorkspace();
    await waitUntil(() => server.requests() > 0, 60_000, 'the trusted workspace did not fetch its URL Location');
    await statusBarShows(`${localCount + 1} entities`, 60_000);
    await workbench.closeAllEditors();
    await workbench.showProblems();
    await waitUntil(
      async () => !(await workbench.problems()).some((row) => row.includes(URL_REFUSAL)),
      15_000,
      'the untrusted-URL warning stayed after trust',
    );
    await workbench.openViewContainer('Greenroom');
    await workbench.collapseAllRows('Catalog');
    await workbench.expandRow('Components', 'Catalog', 1);
    await workbench.waitForTreeRows(
      'Catalog',
      (rows) => rows.some((row) => row.label === REMOTE_COMPONENT.title),
      30_000,
    );
    await workbench.screenshot('trust-url-trusted.png');
  });
});
