// Starts a real Backstage catalog backend (from scripts/install-backstage.sh) on a free loopback
// port with an in-memory SQLite database, for tests that treat it as Greenroom's remote registry.
// Everything it writes lives in a fresh temp run folder, removed again by stop().
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { errorText, freePort, repoRoot, sleep, stopProcess } from '../e2e/support/codeServer';

export interface BackstageServerOptions {
  /** Static bearer token the backend accepts (externalAccess); without one, auth is off. */
  token?: string;
  /** Absolute paths of YAML files to register as `file` locations. */
  catalogFiles: string[];
  /**
   * `catalog.rules` and extra `catalog.locations` (absolute `file` targets, optional per-location
   * rules), as a workspace's app-config writes them; default: every built-in kind allowed.
   */
  catalog?: { rules?: unknown; locations?: { type: string; target: string; rules?: unknown }[] };
  /**
   * How often the catalog reprocesses every entity; default 1 s, so file edits show up within
   * about 2 s. Reprocessing never stops: at 1 s and 1,339 entities it keeps about 60 % of a core
   * busy and slows ingestion, so large catalogs want a long interval and refresh() instead.
   */
  processingIntervalSeconds?: number;
  /** Where the backend's output goes; default a file in the run folder (removed by stop()). */
  logFile?: string;
  /** An install folder from installBackstage(); default env GREENROOM_BACKSTAGE_DIR, else install. */
  installDir?: string;
  /**
   * Collect Tech Insights facts every few seconds (the fact retrievers read the whole catalog).
   * Off by default: the checks are still served, but facts are collected only once a year, so
   * large catalogs are not re-read during a test.
   */
  techInsights?: boolean;
  /** How long to wait for readiness after spawning; default 90 s. */
  startupTimeoutMs?: number;
  /** `backend.reading.allow`: hosts (`127.0.0.1:8080`) the backend may read `url` locations from. */
  readingAllow?: { host: string }[];
  /**
   * Starts the auth plugin (/api/auth) with Backstage's guest sign-in provider, which signs in as
   * this user: `GET /api/auth/guest/refresh` answers with a real user token. When the user is in
   * the catalog its groups come from there; otherwise `ownershipEntityRefs` (default: the user).
   */
  guestSignIn?: { userEntityRef: string; ownershipEntityRefs?: string[] };
}

export interface RunningBackstage {
  /** `http://127.0.0.1:<port>`; the catalog API is under `${baseUrl}/api/catalog`. */
  baseUrl: string;
  port: number;
  token: string | undefined;
  /** The backend's process id (its own process group). */
  pid: number;
  /** SIGTERM, then SIGKILL after 10 s; resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
  /** Resolves when `totalItems` of all entities equals `count` (default timeout 60 s). */
  waitForEntityCount(count: number, timeoutMs?: number): Promise<void>;
  /**
   * Asks the catalog to reprocess an entity now (`POST /api/catalog/refresh`). The entity's
   * ancestors are refreshed too, so refreshing a component re-reads the file it came from; edits
   * show up within about a second, removals only after the next orphan cleanup (every 30 s).
   */
  refresh(entityRef: string): Promise<void>;
  /** The backend's output so far (JSON lines, one per log entry). */
  log(): string;
}

export interface HttpResult {
  readonly status: number;
  readonly body: string;
}

const DEFAULT_STARTUP_TIMEOUT_MS = 90_000;
const DEFAULT_ENTITY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const INSTALL_TIMEOUT_MS = 15 * 60_000;

/** Env GREENROOM_BACKSTAGE_DIR, else scripts/install-backstage.sh (idempotent; minutes when cold). */
export async function installBackstage(): Promise<string> {
  const preset = process.env['GREENROOM_BACKSTAGE_DIR'];
  const dir = preset !== undefined && preset !== '' ? preset : await runInstallScript();
  for (const file of ['index.js', 'node_modules/@backstage/backend-defaults/package.json']) {
    if (!fs.existsSync(path.join(dir, file)))
      throw new Error(`Backstage install incomplete: ${path.join(dir, file)} is missing`);
  }
  return dir;
}

async function runInstallScript(): Promise<string> {
  const script = path.join(repoRoot(), 'scripts/install-backstage.sh');
  const child = spawn('bash', [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), INSTALL_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => clearTimeout(timer));
  const last = stdout.trim().split('\n').pop()?.trim() ?? '';
  if (code !== 0 || last === '') throw new Error(`${script} failed (exit ${String(code)})`);
  return last;
}

/** The app-config the backend starts with; exported so tests can see what the server runs with. */
export function backstageAppConfig(port: number, options: BackstageServerOptions): Record<string, unknown> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const auth: Record<string, unknown> =
    options.token !== undefined
      ? { externalAccess: [{ type: 'static', options: { token: options.token, subject: 'greenroom-tests' } }] }
      : { dangerouslyDisableDefaultAuthPolicy: true };
  return {
    backend: {
      baseUrl,
      listen: { host: '127.0.0.1', port },
      database: { client: 'better-sqlite3', connection: ':memory:' },
      auth,
      // The actions the MCP endpoint (/api/mcp-actions/v1) lists: the catalog's registered ones.
      actions: { pluginSources: ['catalog'] },
      ...(options.readingAllow ? { reading: { allow: options.readingAllow } } : {}),
    },
    // Plain action names (get-catalog-entity, not catalog.get-catalog-entity), as Greenroom's
    // tools are named; Backstage documents both.
    mcpActions: { namespacedToolNames: false },
    catalog: {
      ...(options.catalog && 'rules' in options.catalog
        ? options.catalog.rules === undefined
          ? {}
          : { rules: options.catalog.rules }
        : {
            rules: [
              { allow: ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Template', 'Location'] },
            ],
          }),
      locations: [
        ...(options.catalog?.locations ?? []),
        ...options.catalogFiles.map((target) => {
          if (!path.isAbsolute(target)) throw new Error(`catalog file must be an absolute path: ${target}`);
          return { type: 'file', target };
        }),
      ].map((location) => {
        if (location.type === 'file' && !path.isAbsolute(location.target))
          throw new Error(`catalog file must be an absolute path: ${location.target}`);
        return location;
      }),
      processingInterval: { seconds: options.processingIntervalSeconds ?? 1 },
    },
    techInsights: techInsightsConfig(options.techInsights === true ? '*/5 * * * * *' : '0 0 1 1 *'),
    ...(options.guestSignIn
      ? {
          // The auth plugin requires the frontend's address (its redirects and CORS); no app runs here.
          app: { baseUrl },
          auth: {
            providers: {
              // The backend runs with NODE_ENV=production, where the guest provider must be allowed.
              guest: { dangerouslyAllowOutsideDevelopment: true, ...options.guestSignIn },
            },
          },
        }
      : {}),
  };
}

/** The fact checks the harness's Tech Insights serves (json-rules-engine, as Backstage documents them). */
export const TECH_INSIGHTS_CHECK_IDS = ['groupOwnerCheck', 'descriptionCheck', 'titleCheck'] as const;

function techInsightsConfig(cadence: string): Record<string, unknown> {
  const retriever = { cadence, initialDelay: { seconds: 1 }, lifecycle: { timeToLive: { weeks: 2 } } };
  const check = (name: string, description: string, factId: string, fact: string): Record<string, unknown> => ({
    type: 'json-rules-engine',
    name,
    description,
    factIds: [factId],
    rule: { conditions: { all: [{ fact, operator: 'equal', value: true }] } },
  });
  return {
    factRetrievers: { entityOwnershipFactRetriever: retriever, entityMetadataFactRetriever: retriever },
    factChecker: {
      checks: {
        groupOwnerCheck: check(
          'Group Owner Check',
          'Verifies that a group has been set as the spec.owner for this entity',
          'entityOwnershipFactRetriever',
          'hasGroupOwner',
        ),
        descriptionCheck: check(
          'Description Check',
          'Verifies that the entity has a description',
          'entityMetadataFactRetriever',
          'hasDescription',
        ),
        titleCheck: check(
          'Title Check',
          'Verifies that the entity has a title',
          'entityMetadataFactRetriever',
          'hasTitle',
        ),
      },
    },
  };
}

export async function startBackstage(options: BackstageServerOptions): Promise<RunningBackstage> {
  // The backend's own check, made here so the failure is not a startup crash to dig out of a log.
  if (options.token !== undefined && (options.token.length < 8 || /\s/.test(options.token))) {
    throw new Error('Backstage static tokens must be at least 8 characters long and contain no whitespace');
  }
  const relative = options.catalogFiles.find((file) => !path.isAbsolute(file));
  if (relative !== undefined) throw new Error(`catalog file must be an absolute path: ${relative}`);
  const installDir = options.installDir ?? (await installBackstage());
  const port = await freePort();
  const config = backstageAppConfig(port, options);
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-backstage-'));
  const logFile = options.logFile !== undefined ? path.resolve(options.logFile) : path.join(runDir, 'backstage.log');
  const configFile = path.join(runDir, 'app-config.yaml');
  fs.writeFileSync(configFile, stringify(config));

  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const logFd = fs.openSync(logFile, 'w');
  // Detached: its own process group, so stop() reaches anything it spawns.
  const child = spawn('node', [path.join(installDir, 'index.js'), '--config', configFile], {
    cwd: installDir,
    env: { ...childEnv(), ...(options.guestSignIn ? { GREENROOM_BACKSTAGE_AUTH: 'guest' } : {}) },
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  fs.closeSync(logFd);
  let spawnError: Error | undefined;
  child.on('error', (err) => (spawnError = err));
  const pid = child.pid;
  if (pid === undefined) {
    fs.rmSync(runDir, { recursive: true, force: true });
    throw new Error(`could not start node ${installDir}/index.js`);
  }
  running.add(child);

  const baseUrl = `http://127.0.0.1:${port}`;
  const headers: Record<string, string> =
    options.token !== undefined ? { authorization: `Bearer ${options.token}` } : {};
  let finalLog: string | undefined;
  let stopping: Promise<void> | undefined;
  const readLog = (): string => finalLog ?? readText(logFile);
  const stopAndClean = (removeRunDir: boolean): Promise<void> => {
    stopping ??= (async () => {
      await stopProcess(child, STOP_GRACE_MS);
      running.delete(child);
      finalLog = readText(logFile);
      if (removeRunDir) fs.rmSync(runDir, { recursive: true, force: true });
    })();
    return stopping;
  };

  const server: RunningBackstage = {
    baseUrl,
    port,
    token: options.token,
    pid,
    stop: () => stopAndClean(true),
    waitForEntityCount: async (count, timeoutMs = DEFAULT_ENTITY_TIMEOUT_MS) => {
      const deadline = Date.now() + timeoutMs;
      let last: string;
      for (;;) {
        assertAlive(child, readLog);
        try {
          const result = await httpRequest(
            'GET',
            `${baseUrl}/api/catalog/entities/by-query?limit=1&orderField=metadata.name,asc`,
            headers,
          );
          if (result.status === 200) {
            const total = totalItems(result.body);
            if (total === count) return;
            last = `totalItems ${String(total)}`;
          } else {
            last = `HTTP ${result.status}: ${result.body.slice(0, 300)}`;
          }
        } catch (err) {
          last = errorText(err);
        }
        if (Date.now() >= deadline) {
          throw new Error(
            `the catalog did not reach ${count} entities within ${timeoutMs} ms (last: ${last})\n--- backend log (tail) ---\n${tailText(readLog())}`,
          );
        }
        await sleep(250);
      }
    },
    refresh: async (entityRef) => {
      const result = await httpRequest(
        'POST',
        `${baseUrl}/api/catalog/refresh`,
        { ...headers, 'content-type': 'application/json' },
        JSON.stringify({ entityRef }),
      );
      if (result.status !== 200 && result.status !== 204) {
        throw new Error(`refresh of ${entityRef} failed: HTTP ${result.status}: ${result.body.slice(0, 500)}`);
      }
    },
    log: readLog,
  };

  try {
    await waitForReadiness(
      `${baseUrl}/.backstage/health/v1/readiness`,
      child,
      options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
    );
  } catch (err) {
    // Keep the run folder (app-config.yaml and the log) for whoever debugs the failure.
    await stopAndClean(false);
    const reason = spawnError !== undefined ? `${errorText(err)} (${spawnError.message})` : errorText(err);
    throw new Error(
      `Backstage did not start: ${reason}; config ${configFile}\n--- ${logFile} (tail) ---\n${tailText(readLog())}`,
      { cause: err },
    );
  }
  return server;
}

/** One request without keep-alive, so a stopping server has no idle connections to wait for. */
export function httpRequest(
  method: string,
  url: string,
  headers: Readonly<Record<string, string>> = {},
  body?: string,
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function waitForReadiness(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the backend exited early (code ${String(child.exitCode)}, signal ${String(child.signalCode)})`);
    }
    try {
      if ((await httpRequest('GET', url)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

function assertAlive(child: ChildProcess, readLog: () => string): void {
  if (child.exitCode !== null || child.signalCode !== null) {
    throw new Error(
      `the backend has exited (code ${String(child.exitCode)}, signal ${String(child.signalCode)})\n--- backend log (tail) ---\n${tailText(readLog())}`,
    );
  }
}

function totalItems(body: string): number | undefined {
  const value: unknown = JSON.parse(body);
  if (typeof value === 'object' && value !== null && 'totalItems' in value && typeof value.totalItems === 'number')
    return value.totalItems;
  return undefined;
}

/** The test's env, minus APP_CONFIG_* (the backend would merge them over our config file). */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('APP_CONFIG_')) env[key] = value;
  }
  // production: JSON log lines without colour codes and compact JSON responses (development
  // pretty-prints every response); the only cost is one warning about a localhost baseUrl.
  env['NODE_ENV'] = 'production';
  return env;
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function tailText(text: string, lines = 40): string {
  return text === '' ? '(no output)' : text.trimEnd().split('\n').slice(-lines).join('\n');
}

// A test run that ends without stop() (a crash, a forgotten server) must not leave backends behind.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
});
