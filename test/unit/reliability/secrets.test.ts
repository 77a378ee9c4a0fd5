import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { CatalogIndex } from '../../../src/catalog';
import { main } from '../../../src/cli/main';
import { CatalogApiClient } from '../../../src/registry/catalogApiClient';
import { RegistryCache } from '../../../src/registry/registryCache';
import { RegistrySync } from '../../../src/registry/registrySync';
import { UrlLocations } from '../../../src/registry/urlLocations';
import { components, fakeCatalog, recordingSleep } from '../registry/support/fakeCatalog';
import {
  LoopbackServers,
  sendJson,
  unusedBaseUrl,
  type LoopbackHandler,
  type LoopbackServer,
} from '../registry/support/loopbackServer';
import { componentLines, text } from './support/catalogDocs';
import { countCases, logCasesWhenDone } from './support/fuzz';

/**
 * A registry token must never reach logs, caches, error messages or anything else Greenroom
 * writes. A known token is configured, a loopback registry answers every way a registry can
 * (401/403/404/500, garbage, HTML, redirects on and off its origin, loops, timeouts, a dead
 * port, success), and everything the code produced is searched for the token in the forms it
 * could take: raw, URL-encoded, base64, base64url, as a bearer or basic credential.
 */
const SUITE = 'secrets';
// Random from its first character (a leak of any part is a leak), with characters that encodings change.
const TOKEN = `${randomBytes(8).toString('hex')}/+=&?#%-${randomBytes(12).toString('hex')}`;

/** Every spelling of the token a leak could take. */
const FORMS: Record<string, string> = {
  raw: TOKEN,
  'first 12 characters': TOKEN.slice(0, 12),
  'last 12 characters': TOKEN.slice(-12),
  'URL-encoded': encodeURIComponent(TOKEN),
  'form-encoded': new URLSearchParams({ t: TOKEN }).toString().slice(2),
  base64: Buffer.from(TOKEN).toString('base64'),
  base64url: Buffer.from(TOKEN).toString('base64url'),
  'bearer base64': Buffer.from(`Bearer ${TOKEN}`).toString('base64'),
  'basic credential': Buffer.from(`user:${TOKEN}`).toString('base64'),
  'JSON-escaped': JSON.stringify(TOKEN).slice(1, -1),
  hex: Buffer.from(TOKEN).toString('hex'),
};

/** Whatever a run produced, labelled, for the final search. */
class Evidence {
  readonly items: { readonly label: string; readonly text: string }[] = [];

  add(label: string, value: unknown): void {
    this.items.push({
      label,
      text:
        typeof value === 'string'
          ? value
          : inspect(value, {
              depth: 20,
              showHidden: true,
              breakLength: Infinity,
              maxStringLength: Infinity,
              maxArrayLength: Infinity,
            }),
    });
  }

  /** The error as every consumer could render it: message, stack, inspect (own and hidden properties), JSON. */
  addError(label: string, error: unknown): void {
    this.add(`${label}: String()`, String(error));
    if (error instanceof Error) {
      this.add(`${label}: message`, error.message);
      this.add(`${label}: stack`, error.stack ?? '');
      this.add(`${label}: cause`, error.cause);
    }
    this.add(`${label}: inspect`, error);
    this.add(`${label}: JSON`, JSON.stringify(error) ?? '');
  }

  /** Every byte of every file below a folder (as UTF-8 and Latin-1 text, so binary copies are caught too). */
  addFolder(label: string, folder: string): void {
    const walk = (current: string): void => {
      for (const name of readdirSync(current)) {
        const full = path.join(current, name);
        if (statSync(full).isDirectory()) {
          walk(full);
        } else {
          const bytes = readFileSync(full);
          this.add(`${label}: ${path.relative(folder, full)}`, bytes.toString('utf8'));
          this.add(`${label}: ${path.relative(folder, full)} (latin1)`, bytes.toString('latin1'));
        }
      }
    };
    walk(folder);
  }

  assertClean(): void {
    assert.ok(this.items.length > 0);
    const leaks: string[] = [];
    for (const item of this.items) {
      for (const [form, needle] of Object.entries(FORMS)) {
        if (item.text.includes(needle)) {
          leaks.push(
            `${item.label} holds the token (${form}): ${item.text.slice(Math.max(0, item.text.indexOf(needle) - 80), item.text.indexOf(needle) + 40)}`,
          );
        }
      }
    }
    assert.deepEqual(leaks, [], leaks.join('\n'));
  }
}

/** Captures console.*, process.stdout/stderr writes and process warnings while `work` runs. */
async function capturingOutput<T>(evidence: Evidence, label: string, work: () => Promise<T>): Promise<T> {
  const chunks: string[] = [];
  /* eslint-disable @typescript-eslint/unbound-method -- put back on the same streams afterwards, never called detached */
  const originals = {
    log: console.log,
    info: console.info,
    warn: console.warn,
    error: console.error,
    debug: console.debug,
    out: process.stdout.write,
    err: process.stderr.write,
  };
  /* eslint-enable @typescript-eslint/unbound-method */
  const record = (...values: unknown[]): void => {
    chunks.push(values.map((value) => (typeof value === 'string' ? value : inspect(value, { depth: 10 }))).join(' '));
  };
  const write = ((chunk: string | Uint8Array): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  const onWarning = (warning: Error): void => {
    chunks.push(`${warning.name}: ${warning.message}`);
  };
  console.log = record;
  console.info = record;
  console.warn = record;
  console.error = record;
  console.debug = record;
  process.stdout.write = write;
  process.stderr.write = write;
  process.on('warning', onWarning);
  try {
    return await work();
  } finally {
    console.log = originals.log;
    console.info = originals.info;
    console.warn = originals.warn;
    console.error = originals.error;
    console.debug = originals.debug;
    process.stdout.write = originals.out;
    process.stderr.write = originals.err;
    process.off('warning', onWarning);
    evidence.add(`${label}: output`, chunks.join(''));
  }
}

function authorizationOf(request: IncomingMessage): string {
  return String(request.headers.authorization ?? '');
}

/** A registry that answers badly, in one of the ways real ones do. */
type Scenario = {
  readonly name: string;
  readonly handler: (other: LoopbackServer) => LoopbackHandler;
  readonly succeeds: boolean;
};

const html = (response: ServerResponse, status: number, body: string): void => {
  response.writeHead(status, { 'Content-Type': 'text/html' });
  response.end(body);
};

const SCENARIOS: readonly Scenario[] = [
  { name: 'success over two pages', succeeds: true, handler: () => fakeCatalog({ entities: components(5) }) },
  {
    name: '401 that echoes the credentials it got',
    succeeds: false,
    handler: () => (request, response) =>
      sendJson(response, 401, {
        error: { name: 'AuthenticationError', message: `bad token ${authorizationOf(request)}` },
      }),
  },
  {
    name: '403',
    succeeds: false,
    handler: () => (_request, response) => sendJson(response, 403, { error: { name: 'NotAllowedError' } }),
  },
  { name: '404', succeeds: false, handler: () => (_request, response) => sendJson(response, 404, {}) },
  {
    name: '500 forever (retried)',
    succeeds: false,
    handler: () => (request, response) =>
      sendJson(response, 500, { error: { message: `boom for ${authorizationOf(request)}` } }),
  },
  {
    name: '429 with Retry-After',
    succeeds: false,
    handler: () => (_request, response) => sendJson(response, 429, {}, { 'Retry-After': '1' }),
  },
  {
    name: 'an HTML login page',
    succeeds: false,
    handler: () => (_request, response) => html(response, 200, '<html><body>Please sign in</body></html>'),
  },
  // A debugging proxy that prints the request headers it got: the body starts with the credential.
  {
    name: 'a proxy page that echoes the Authorization header',
    succeeds: false,
    handler: () => (request, response) =>
      html(response, 200, `${authorizationOf(request)}\nHost: ${String(request.headers.host)}`),
  },
  {
    name: 'JSON content type, garbage body echoing the header',
    succeeds: false,
    handler: () => (request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(`${authorizationOf(request)} {not json`);
    },
  },
  {
    name: 'valid JSON of the wrong shape',
    succeeds: false,
    handler: () => (request, response) => sendJson(response, 200, { error: authorizationOf(request) }),
  },
  {
    name: 'a body cut off mid-way',
    succeeds: false,
    handler: () => (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 10_000 });
      response.write('{"items":[{"kind":"Component"');
      setTimeout(() => response.destroy(), 5);
    },
  },
  {
    name: 'a redirect on the same origin, then success',
    succeeds: true,
    handler: () => {
      const catalog = fakeCatalog({ entities: components(3) });
      return (request, response, index) => {
        if (request.url?.startsWith('/moved')) {
          request.url = request.url.slice('/moved'.length);
          return catalog(request, response, index);
        }
        response.writeHead(302, { Location: `/moved${request.url ?? ''}` });
        response.end();
      };
    },
  },
  {
    name: 'a redirect to another origin (which gets no token) that answers 401',
    succeeds: false,
    handler: (other) => (request, response) => {
      response.writeHead(307, { Location: `${other.baseUrl}${request.url ?? ''}` });
      response.end();
    },
  },
  {
    name: 'a redirect to a URL carrying the token in its query, then 500',
    succeeds: false,
    handler: () => (request, response) => {
      if (request.url?.includes('leak=')) {
        sendJson(response, 500, {});
        return;
      }
      response.writeHead(302, {
        Location: `/api/catalog/entities/by-query?leak=${encodeURIComponent(authorizationOf(request))}`,
      });
      response.end();
    },
  },
  {
    name: 'a redirect loop',
    succeeds: false,
    handler: () => (request, response) => {
      response.writeHead(302, { Location: request.url ?? '/' });
      response.end();
    },
  },
  { name: 'a server that never answers (timeout)', succeeds: false, handler: () => () => undefined },
];

describe('reliability: secrets (a known token never shows up anywhere)', function () {
  this.timeout(60_000);
  logCasesWhenDone(SUITE);
  const servers = new LoopbackServers();
  let folder: string;

  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'greenroom-secrets-'));
  });
  after(async () => {
    await servers.closeAll();
    rmSync(folder, { recursive: true, force: true });
  });

  it('registry syncs against a loopback registry answering every way: no error, cache byte, index entry or output holds the token', async () => {
    const evidence = new Evidence();
    // The other origin records what it receives: the token must never arrive there.
    const other = await servers.start((request, response) =>
      sendJson(response, 401, { error: { message: `other origin got ${authorizationOf(request)}` } }),
    );
    const cacheFolder = path.join(folder, 'cache');
    for (const scenario of SCENARIOS) {
      const server = await servers.start(scenario.handler(other));
      const index = new CatalogIndex();
      // A cache with an earlier good sync, so failures have something to keep.
      const cache = new RegistryCache(cacheFolder, { name: scenario.name, baseUrl: server.baseUrl });
      await cache.save({ syncedAt: '2025-01-01T00:00:00.000Z', entities: components(2, 'cached') });
      const client = new CatalogApiClient(
        { name: scenario.name, baseUrl: server.baseUrl },
        { token: TOKEN, pageSize: 3, retries: 2, timeoutMs: 400, sleep: recordingSleep().sleep },
      );
      const sync = new RegistrySync(index, client, cache);
      const outcome = await capturingOutput(evidence, scenario.name, async () => {
        await sync.loadCache();
        return sync.sync().then(
          () => 'ok',
          (error: unknown) => {
            evidence.addError(scenario.name, error);
            return 'failed';
          },
        );
      });
      assert.equal(outcome, scenario.succeeds ? 'ok' : 'failed', scenario.name);
      evidence.add(`${scenario.name}: index`, {
        entities: index.entities(),
        problems: index.allProblems(),
        files: index.indexedFiles(),
      });
      // Everything the server saw went to its own origin: fine. Nothing else saw the token.
      for (const request of server.requests) {
        const header = request.headers.authorization;
        assert.ok(header === undefined || header === `Bearer ${TOKEN}`, `${scenario.name}: odd Authorization header`);
      }
    }
    for (const request of other.requests) {
      evidence.add('the other origin: request headers', request.headers);
      evidence.add('the other origin: request URL', request.url);
    }
    assert.ok(other.requests.length > 0, 'the cross-origin redirect was not followed');
    // A dead port, too.
    const dead = new CatalogApiClient(
      { name: 'dead', baseUrl: await unusedBaseUrl() },
      { token: TOKEN, retries: 1, timeoutMs: 400, sleep: recordingSleep().sleep },
    );
    await new RegistrySync(new CatalogIndex(), dead, new RegistryCache(cacheFolder, dead.config)).sync().then(
      () => assert.fail('a dead port synced'),
      (error: unknown) => evidence.addError('connection refused', error),
    );
    evidence.addFolder('registry cache', cacheFolder);
    countCases(SUITE, SCENARIOS.length + 1);
    evidence.assertClean();
  });

  it('URL locations are fetched without the token, and their failures do not carry it', async () => {
    const evidence = new Evidence();
    const seen: string[] = [];
    const server = await servers.start((request, response) => {
      seen.push(authorizationOf(request));
      if (request.url === '/catalog-info.yaml') {
        response.writeHead(200, { 'Content-Type': 'text/yaml' });
        response.end(text(componentLines('from-url', 'team-a')));
      } else {
        sendJson(response, 500, {});
      }
    });
    const index = new CatalogIndex();
    const result = await capturingOutput(evidence, 'url locations', () =>
      new UrlLocations(index, { retries: 0, timeoutMs: 400 }).load([
        `${server.baseUrl}/catalog-info.yaml`,
        `${server.baseUrl}/broken.yaml`,
      ]),
    );
    evidence.add('url locations: result', result);
    evidence.add('url locations: index', { entities: index.entities(), problems: index.allProblems() });
    assert.deepEqual(seen, ['', '']);
    countCases(SUITE, 2);
    evidence.assertClean();
  });

  describe('the CLI with GREENROOM_TOKEN set', () => {
    let workspace: string;
    let previousToken: string | undefined;

    before(() => {
      workspace = mkdtempSync(path.join(tmpdir(), 'greenroom-secrets-cli-'));
      writeFileSync(path.join(workspace, 'catalog-info.yaml'), text(componentLines('local-service', 'team-a')));
      previousToken = process.env['GREENROOM_TOKEN'];
      process.env['GREENROOM_TOKEN'] = TOKEN;
    });
    after(() => {
      if (previousToken === undefined) {
        delete process.env['GREENROOM_TOKEN'];
      } else {
        process.env['GREENROOM_TOKEN'] = previousToken;
      }
      rmSync(workspace, { recursive: true, force: true });
    });

    it('index --json --registry: stdout, stderr and the thrown error never hold the token, whatever the registry answers', async () => {
      const evidence = new Evidence();
      const cases: [string, LoopbackHandler, boolean][] = [
        ['success', fakeCatalog({ entities: components(3) }), true],
        [
          '401 echoing the header',
          (request, response) => sendJson(response, 401, { error: { message: authorizationOf(request) } }),
          false,
        ],
        [
          'a proxy page echoing the header',
          (request, response) => html(response, 200, authorizationOf(request)),
          false,
        ],
        [
          'garbage JSON echoing the header',
          (request, response) => {
            response.writeHead(200, { 'Content-Type': 'application/json' });
            response.end(`${authorizationOf(request)}!`);
          },
          false,
        ],
      ];
      for (const [name, handler, succeeds] of cases) {
        const server = await servers.start(handler);
        const run = { code: -1, stdout: '', stderr: '' };
        const chunks: { out: string[]; err: string[] } = { out: [], err: [] };
        // eslint-disable-next-line @typescript-eslint/unbound-method -- put back on the same streams afterwards, never called detached
        const originals = { out: process.stdout.write, err: process.stderr.write };
        process.stdout.write = (chunk: string | Uint8Array) =>
          chunks.out.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')) > 0;
        process.stderr.write = (chunk: string | Uint8Array) =>
          chunks.err.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')) > 0;
        try {
          run.code = await main(['index', workspace, '--json', '--registry', server.baseUrl]);
        } catch (error) {
          evidence.addError(`cli ${name}`, error);
        } finally {
          process.stdout.write = originals.out;
          process.stderr.write = originals.err;
        }
        run.stdout = chunks.out.join('');
        run.stderr = chunks.err.join('');
        evidence.add(`cli ${name}: stdout`, run.stdout);
        evidence.add(`cli ${name}: stderr`, run.stderr);
        assert.equal(run.code === 0, succeeds, `${name}: exit ${run.code}`);
        if (succeeds) {
          assert.match(run.stdout, /"component:default\/svc-00000"/);
        }
        assert.ok(
          server.requests.every((request) => request.headers.authorization === `Bearer ${TOKEN}`),
          'the CLI did not send the token to its registry',
        );
      }
      countCases(SUITE, cases.length);
      evidence.assertClean();
    });

    it('as a program: a registry failure exits 1 with its reason on stderr, not holding the token', async function () {
      this.timeout(30_000);
      const evidence = new Evidence();
      // Compiled to out/test/unit/reliability, so the CLI is three levels up in out/src/cli.
      const program = path.resolve(__dirname, '../../../src/cli/main.js');
      for (const [name, handler] of [
        ['401', (_request: IncomingMessage, response: ServerResponse) => sendJson(response, 401, {})],
        [
          'echoing proxy page',
          (request: IncomingMessage, response: ServerResponse) => html(response, 200, authorizationOf(request)),
        ],
      ] as const) {
        const server = await servers.start(handler);
        const child = spawn(process.execPath, [program, 'index', workspace, '--json', '--registry', server.baseUrl], {
          env: { ...process.env, GREENROOM_TOKEN: TOKEN },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const output = { stdout: '', stderr: '' };
        child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString('utf8')));
        const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
        evidence.add(`program ${name}: stdout`, output.stdout);
        evidence.add(`program ${name}: stderr`, output.stderr);
        assert.equal(status, 1, `${name}: exit ${String(status)}`);
        assert.match(
          output.stderr,
          /greenroom: registry failed: http:\/\/127\.0\.0\.1:\d+\/api\/catalog\/entities\/by-query: /,
        );
        assert.ok(
          server.requests.length > 0 &&
            server.requests.every((request) => request.headers.authorization === `Bearer ${TOKEN}`),
        );
      }
      countCases(SUITE, 2);
      evidence.assertClean();
    });
  });

  it('the search itself works: a planted token in any of its forms is found', () => {
    for (const [form, needle] of Object.entries(FORMS)) {
      const evidence = new Evidence();
      evidence.add('planted', `prefix ${needle} suffix`);
      assert.throws(
        () => evidence.assertClean(),
        new RegExp(`planted holds the token \\(${form.replace(/[()]/g, '\\$&')}\\)`),
      );
    }
  });
});
