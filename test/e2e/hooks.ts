// Mocha root hooks for the e2e suite: one code-server and one browser for the whole run, on a
// throwaway copy of examples/ (tests may edit files there; the repo stays untouched).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  errorText,
  findEditorTools,
  repoRoot,
  startCodeServer,
  tail,
  type CodeServer,
  type EditorTools,
} from './support/codeServer';
import { packageTestPlugin } from './support/testPlugin';
import { Workbench } from './support/workbench';

export interface E2E {
  readonly codeServer: CodeServer;
  readonly workbench: Workbench;
  /** The copy of examples/ that the workbench has open. */
  readonly workspaceFolder: string;
}

/** Editor tools compile code-server on a cold machine (minutes); that is not counted as startup. */
const TOOLS_LIMIT_MS = 15 * 60_000;
const STARTUP_LIMIT_MS = 120_000;

let ready: E2E | undefined;
let codeServer: CodeServer | undefined;
let workbench: Workbench | undefined;
let workspaceRoot: string | undefined;
let abandoned = false;
let failed = false;

/** The running environment; throws when the root hooks did not start it. */
export function e2e(): E2E {
  if (ready === undefined) throw new Error('e2e environment not started (mocha must require out/test/e2e/hooks.js)');
  return ready;
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(TOOLS_LIMIT_MS + STARTUP_LIMIT_MS + 30_000);
    const tools = await findEditorTools(TOOLS_LIMIT_MS);
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`e2e startup took longer than ${STARTUP_LIMIT_MS / 1000} s`)),
        STARTUP_LIMIT_MS,
      );
    });
    try {
      ready = await Promise.race([start(tools), limit]);
      console.log(`    e2e: code-server ${ready.codeServer.url} and workbench ready in ${Date.now() - started} ms`);
    } catch (err) {
      failed = true;
      abandoned = true; // a start() still in flight tears down whatever it creates next
      throw new Error(`${errorText(err)}${await diagnostics()}`, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  },

  afterEach(this: Mocha.Context): void {
    if (this.currentTest?.state === 'failed') failed = true;
  },

  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    abandoned = true;
    await stopAll();
  },
};

async function start(tools: EditorTools): Promise<E2E> {
  workspaceRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-ws-'));
  const workspaceFolder = path.join(workspaceRoot, 'examples');
  fs.cpSync(path.join(repoRoot(), 'examples'), workspaceFolder, { recursive: true });

  const server = await startCodeServer({ tools, extraVsix: [packageTestPlugin()] });
  codeServer = server;
  await stopIfAbandoned();
  const wb = await Workbench.launch(server.url);
  workbench = wb;
  await stopIfAbandoned();
  await wb.open(workspaceFolder);
  return { codeServer: server, workbench: wb, workspaceFolder };
}

/** After a startup timeout, afterAll may already have run: clean up what arrived late. */
async function stopIfAbandoned(): Promise<void> {
  if (!abandoned) return;
  await stopAll();
  throw new Error('startup abandoned');
}

/** What to look at when startup failed: a screenshot and the code-server log tail. */
async function diagnostics(): Promise<string> {
  let text = '';
  if (workbench !== undefined) {
    const shot = await workbench.screenshot('startup-failure.png').catch(() => undefined);
    if (shot !== undefined) text += `\nscreenshot: ${shot}`;
  }
  if (codeServer !== undefined) {
    text += `\nextension host logs: ${path.join(codeServer.userDataDir, 'logs')}`;
    text += `\n--- ${codeServer.logFile} (tail) ---\n${tail(codeServer.logFile)}`;
  }
  return text;
}

/** Stops browser and server (even after failures); keeps temp files for debugging when something failed. */
async function stopAll(): Promise<void> {
  await workbench?.close();
  await codeServer?.stop(failed);
  if (failed) {
    if (codeServer !== undefined) console.log(`    e2e: kept code-server files in ${codeServer.runDir}`);
    if (workspaceRoot !== undefined) console.log(`    e2e: kept workspace copy in ${workspaceRoot}`);
  } else if (workspaceRoot !== undefined) {
    fs.rmSync(workspaceRoot, { recursive: true, force: true });
  }
  workbench = undefined;
  codeServer = undefined;
  ready = undefined;
}
