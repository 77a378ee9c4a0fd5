// Starts a real VS Code (code-server) with the packaged extension installed, for the e2e suite.
// Everything it writes lives in a fresh temp run folder, so runs never share state.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface CodeServerOptions {
  /** The .vsix to install; default env GREENROOM_VSIX, else <repo>/greenroom.vsix. */
  readonly vsix?: string;
  /** More extensions installed beside it (e.g. the third-party test plugin). */
  readonly extraVsix?: readonly string[];
  /** Keep workspace trust on (for restricted-mode tests); default off. */
  readonly workspaceTrust?: boolean;
  /** Extra user settings merged over the quiet defaults. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** How long to wait for HTTP after spawning; default 90 s. */
  readonly startupTimeoutMs?: number;
  /** Already located editor tools; default findEditorTools(). */
  readonly tools?: EditorTools;
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly runDir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly logFile: string;
  /** Stops the server; removes the run folder unless keepFiles (kept for debugging failures). */
  stop(keepFiles?: boolean): Promise<void>;
}

/** Settings that keep welcome pages, tips, chat and update prompts from covering the UI. */
const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.openRepositoryInParentFolders': 'never',
  'git.autoRepositoryDetection': false,
  'editor.accessibilitySupport': 'off',
  'files.hotExit': 'off',
  'window.restoreWindows': 'none',
  'workbench.editor.enablePreview': false,
  // VS Code for the web saves after a second by default; tests check what unsaved edits do.
  'files.autoSave': 'off',
};

/** The repo root: the nearest folder above this file whose package.json is Greenroom's. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && readJson(manifest)['name'] === 'greenroom') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no greenroom package.json above ${__dirname}`);
    dir = parent;
  }
}

export interface EditorTools {
  readonly dir: string;
  readonly node: string;
  readonly entry: string;
}

/** Env GREENROOM_TOOLS_DIR, else scripts/install-editor-tools.sh (idempotent; minutes when cold). */
export async function findEditorTools(timeoutMs = 15 * 60_000): Promise<EditorTools> {
  const dir = process.env['GREENROOM_TOOLS_DIR'] ?? (await installEditorTools(timeoutMs));
  const tools: EditorTools = {
    dir,
    node: path.join(dir, 'node24/node_modules/node/bin/node'),
    entry: path.join(dir, 'code-server/node_modules/code-server/out/node/entry.js'),
  };
  for (const file of [tools.node, tools.entry]) {
    if (!fs.existsSync(file)) throw new Error(`editor tools incomplete: ${file} is missing`);
  }
  return tools;
}

async function installEditorTools(timeoutMs: number): Promise<string> {
  const script = path.join(repoRoot(), 'scripts/install-editor-tools.sh');
  const { code, stdout } = await run('bash', [script], { timeoutMs, stderr: 'inherit' });
  const last = stdout.trim().split('\n').pop()?.trim() ?? '';
  if (code !== 0 || last === '') throw new Error(`${script} failed (exit ${String(code)})`);
  return last;
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const vsix = path.resolve(options.vsix ?? process.env['GREENROOM_VSIX'] ?? path.join(repoRoot(), 'greenroom.vsix'));
  if (!fs.existsSync(vsix)) throw new Error(`no extension package at ${vsix}; run npm run package`);
  const tools = options.tools ?? (await findEditorTools());

  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-e2e-'));
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  const logFile = path.join(runDir, 'code-server.log');
  // An explicit config file keeps code-server from reading or writing ~/.config/code-server.
  const config = path.join(runDir, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\n');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const trust = options.workspaceTrust ?? false;
  const settings = { ...QUIET_SETTINGS, 'security.workspace.trust.enabled': trust, ...options.settings };
  fs.writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));

  const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const env = childEnv(runDir);
  const installArgs = [vsix, ...(options.extraVsix ?? [])].flatMap((file) => ['--install-extension', file]);
  const install = await run(tools.node, [tools.entry, ...common, ...installArgs, '--force'], {
    timeoutMs: 120_000,
    env,
  });
  fs.writeFileSync(logFile, install.stdout + install.stderr);
  if (install.code !== 0)
    throw new Error(`installing ${vsix} failed (exit ${String(install.code)}):\n${tail(logFile)}`);

  const port = await freePort();
  const log = fs.openSync(logFile, 'a');
  const args = [
    tools.entry,
    ...common,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  if (!trust) args.push('--disable-workspace-trust');
  // Detached: its own process group, so stop() also reaches the extension host and other children.
  const child = spawn(tools.node, args, { cwd: runDir, env, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const server: CodeServer = {
    url,
    port,
    runDir,
    userDataDir,
    extensionsDir,
    logFile,
    stop: async (keepFiles = false) => {
      await stopProcess(child);
      if (!keepFiles) fs.rmSync(runDir, { recursive: true, force: true });
    },
  };
  try {
    await waitForHttp(`${url}/healthz`, child, options.startupTimeoutMs ?? 90_000);
  } catch (err) {
    await server.stop(true);
    throw new Error(`code-server did not start: ${errorText(err)}\n--- ${logFile} (tail) ---\n${tail(logFile)}`, {
      cause: err,
    });
  }
  return server;
}

/** The test's own env minus anything that would make code-server think it runs inside VS Code. */
function childEnv(runDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(VSCODE_|ELECTRON_)/.test(key) && key !== 'PASSWORD' && key !== 'HASHED_PASSWORD' && key !== 'PORT')
      env[key] = value;
  }
  // code-server keeps heartbeat and last-opened state under XDG_DATA_HOME; keep it in the run folder.
  env['XDG_DATA_HOME'] = path.join(runDir, 'xdg-data');
  return env;
}

/** A port nobody listens on right now, from the OS (bind port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => (port > 0 ? resolve(port) : reject(new Error('no port from the OS'))));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`process exited early (code ${String(child.exitCode)}, signal ${String(child.signalCode)})`);
    }
    if (await httpOk(url)) return;
    await sleep(250);
  }
  throw new Error(`no HTTP answer from ${url} within ${timeoutMs} ms`);
}

function httpOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/** SIGTERM the process group, then SIGKILL after a grace period. */
export async function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  signalGroup(pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // Children (extension host, pty host) may outlive the leader for a moment; make sure they go.
  signalGroup(pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(
  cmd: string,
  args: readonly string[],
  opts: { timeoutMs: number; env?: NodeJS.ProcessEnv; stderr?: 'inherit' },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: ['ignore', 'pipe', opts.stderr ?? 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')} timed out after ${opts.timeoutMs} ms`));
    }, opts.timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function readJson(file: string): Record<string, unknown> {
  const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
