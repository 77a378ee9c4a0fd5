import * as assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { httpGetJson, type HttpOptions } from '../../../src/registry/httpGetJson';
import { isLoopbackHost } from '../../../src/registry/loopbackHost';
import { RegistryError, type RegistryErrorKind } from '../../../src/registry/registryErrors';
import { recordingSleep } from './support/fakeCatalog';
import { type LoopbackHandler, LoopbackServers, sendJson, unusedBaseUrl } from './support/loopbackServer';

const TOKEN = 'tok-3f9a1c-very-secret';
const QUERY_SECRET = 'cursor-secret-77';
const MB = 1024 * 1024;

/** Runs `promise`, which must fail, and returns its RegistryError. */
async function registryFailure(promise: Promise<unknown>): Promise<RegistryError> {
  const outcome = await promise.then(
    (value: unknown) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) {
    assert.fail(`expected a RegistryError, got ${JSON.stringify(outcome.value)}`);
  }
  assert.ok(outcome.error instanceof RegistryError, `expected a RegistryError, got ${String(outcome.error)}`);
  return outcome.error;
}

function assertNoSecrets(error: RegistryError): void {
  for (const text of [error.message, error.url, String(error.stack)]) {
    assert.ok(!text.includes(TOKEN), `the token leaked: ${text}`);
    assert.ok(!text.includes(QUERY_SECRET), `the query leaked: ${text}`);
    assert.ok(!text.includes('filter='), `the query leaked: ${text}`);
  }
  assert.ok(!error.url.includes('?'), `displayUrl has a query: ${error.url}`);
  assert.ok(!error.url.includes('@'), `displayUrl has credentials: ${error.url}`);
}

/** Streams `totalBytes` of JSON whitespace inside `{"items":[…]}` with backpressure; resolves with bytes written. */
async function streamHugeBody(response: ServerResponse, totalBytes: number): Promise<number> {
  let closed = false;
  response.on('close', () => {
    closed = true;
  });
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.write('{"items":[');
  const chunk = Buffer.alloc(256 * 1024, 0x20);
  let sent = 0;
  while (sent < totalBytes && !closed) {
    sent += chunk.length;
    if (!response.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          response.off('drain', done);
          response.off('close', done);
          resolve();
        };
        response.on('drain', done);
        response.on('close', done);
      });
    }
  }
  if (!closed) {
    response.end(']}');
  }
  return sent;
}

function hangForever(): LoopbackHandler {
  return () => undefined;
}

describe('httpGetJson against loopback servers', function () {
  this.timeout(15_000);
  const servers = new LoopbackServers();

  afterEach(() => servers.closeAll());

  /** The URL carries a query with a secret-looking cursor, as page URLs do. */
  function pageUrl(baseUrl: string): string {
    return `${baseUrl}/api/catalog/entities/by-query?filter=kind%3Dcomponent&cursor=${QUERY_SECRET}&limit=5`;
  }

  function options(baseUrl: string, extra: HttpOptions = {}): HttpOptions {
    return { token: TOKEN, tokenOrigin: new URL(baseUrl).origin, timeoutMs: 2_000, retries: 0, ...extra };
  }

  describe('error kinds (and no secrets in any message)', () => {
    const statusCases: { status: number; kind: RegistryErrorKind; name: string }[] = [
      { status: 401, kind: 'unauthorized', name: 'AuthenticationError' },
      { status: 403, kind: 'forbidden', name: 'NotAllowedError' },
      { status: 404, kind: 'not-found', name: 'NotFoundError' },
      { status: 400, kind: 'bad-response', name: 'InputError' },
    ];
    for (const { status, kind, name } of statusCases) {
      it(`${status} → ${kind}, not retried`, async () => {
        const server = await servers.start((request, response) => {
          sendJson(response, status, {
            error: { name, message: `echo ${request.headers.authorization ?? ''} ${request.url ?? ''}` },
            response: { statusCode: status },
          });
        });
        const error = await registryFailure(
          httpGetJson(pageUrl(server.baseUrl), options(server.baseUrl, { retries: 3, sleep: recordingSleep().sleep })),
        );
        assert.equal(error.kind, kind);
        assert.equal(error.status, status);
        assert.equal(server.requests.length, 1, 'a client error is not retried');
        assert.equal(error.url, `${server.baseUrl}/api/catalog/entities/by-query`);
        assertNoSecrets(error);
      });
    }

    it('an HTML page served as text/html → not-json', async () => {
      const server = await servers.start((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end('<!doctype html><html><body>Sign in to the proxy</body></html>');
      });
      const error = await registryFailure(httpGetJson(pageUrl(server.baseUrl), options(server.baseUrl)));
      assert.equal(error.kind, 'not-json');
      assert.match(error.message, /text\/html/);
      assertNoSecrets(error);
    });

    it('a JSON content type with a garbage body → not-json', async () => {
      const server = await servers.start((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end('{"items": [ {"kind": "Compo');
      });
      const error = await registryFailure(httpGetJson(pageUrl(server.baseUrl), options(server.baseUrl)));
      assert.equal(error.kind, 'not-json');
      assertNoSecrets(error);
    });

    it('a 50 MB streamed body with the default maxBytes → too-large, without reading it all', async () => {
      let written: Promise<number> | undefined;
      const server = await servers.start((_request, response) => {
        written = streamHugeBody(response, 50 * MB);
      });
      const started = Date.now();
      const error = await registryFailure(
        httpGetJson(
          pageUrl(server.baseUrl),
          options(server.baseUrl, { timeoutMs: 10_000, retries: 2, sleep: recordingSleep().sleep }),
        ),
      );
      const elapsed = Date.now() - started;
      assert.equal(error.kind, 'too-large');
      assert.equal(server.requests.length, 1, 'too-large is not retried');
      assert.ok(elapsed < 5_000, `took ${elapsed} ms`);
      const sent = await written;
      assert.ok(sent !== undefined && sent < 50 * MB, `the server had to send ${sent} bytes`);
      assertNoSecrets(error);
    });

    it('a body over a small maxBytes → too-large', async () => {
      const server = await servers.start((_request, response) =>
        sendJson(response, 200, { items: Array.from({ length: 200 }, (_, n) => ({ n })) }),
      );
      const error = await registryFailure(
        httpGetJson(pageUrl(server.baseUrl), options(server.baseUrl, { maxBytes: 1_000 })),
      );
      assert.equal(error.kind, 'too-large');
    });

    it('connection refused → unreachable, retried a bounded number of times', async () => {
      const baseUrl = await unusedBaseUrl();
      const waits = recordingSleep();
      const error = await registryFailure(
        httpGetJson(pageUrl(baseUrl), options(baseUrl, { retries: 2, sleep: waits.sleep })),
      );
      assert.equal(error.kind, 'unreachable');
      assert.equal(waits.calls.length, 2);
      assertNoSecrets(error);
    });

    it('a server that never answers, with timeoutMs 300 → timeout', async () => {
      const server = await servers.start(hangForever());
      const started = Date.now();
      const error = await registryFailure(
        httpGetJson(pageUrl(server.baseUrl), options(server.baseUrl, { timeoutMs: 300 })),
      );
      const elapsed = Date.now() - started;
      assert.equal(error.kind, 'timeout');
      assert.ok(elapsed >= 250 && elapsed < 2_000, `took ${elapsed} ms`);
      assert.equal(server.requests.length, 1);
      assertNoSecrets(error);
    });

    it('a timeout is retried: retries 1 → two requests, then timeout', async () => {
      const server = await servers.start(hangForever());
      const waits = recordingSleep();
      const error = await registryFailure(
        httpGetJson(
          pageUrl(server.baseUrl),
          options(server.baseUrl, { timeoutMs: 300, retries: 1, sleep: waits.sleep }),
        ),
      );
      assert.equal(error.kind, 'timeout');
      assert.equal(server.requests.length, 2);
      assert.equal(waits.calls.length, 1);
    });

    it('a server that sends headers then drips the body forever, with timeoutMs 300 → timeout', async () => {
      const timers: NodeJS.Timeout[] = [];
      const server = await servers.start((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.write('{"items":[');
        const timer = setInterval(() => response.write(' '), 50);
        timers.push(timer);
        response.on('close', () => clearInterval(timer));
      });
      try {
        const started = Date.now();
        const error = await registryFailure(
          httpGetJson(pageUrl(server.baseUrl), options(server.baseUrl, { timeoutMs: 300 })),
        );
        const elapsed = Date.now() - started;
        assert.equal(error.kind, 'timeout');
        assert.ok(elapsed < 2_000, `took ${elapsed} ms`);
      } finally {
        timers.forEach(clearInterval);
      }
    });

    it('a socket destroyed mid-body → unreachable after bounded retries', async () => {
      const server = await servers.start((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 10_000 });
        response.write('{"items":[{"kind":"Component","metadata":{"name":"par');
        setTimeout(() => response.socket?.destroy(), 10);
      });
      const waits = recordingSleep();
      const error = await registryFailure(
        httpGetJson(pageUrl(server.baseUrl), options(server.baseUrl, { retries: 2, sleep: waits.sleep })),
      );
      assert.equal(error.kind, 'unreachable');
      assert.equal(server.requests.length, 3, 'first attempt plus two retries');
      assert.equal(waits.calls.length, 2);
      assertNoSecrets(error);
    });

    it('a redirect loop → bad-response after a bounded number of hops', async () => {
      const server = await servers.start((_request, response) => {
        response.writeHead(302, { Location: `/again?cursor=${QUERY_SECRET}` });
        response.end();
      });
      const error = await registryFailure(httpGetJson(pageUrl(server.baseUrl), options(server.baseUrl)));
      assert.equal(error.kind, 'bad-response');
      assert.ok(server.requests.length <= 10, `${server.requests.length} requests`);
      assertNoSecrets(error);
    });

    it('credentials in the URL never reach the message', async () => {
      const server = await servers.start((_request, response) => sendJson(response, 403, {}));
      const withCredentials = pageUrl(server.baseUrl).replace('http://', `http://user:${TOKEN}@`);
      const error = await registryFailure(httpGetJson(withCredentials, options(server.baseUrl)));
      assert.equal(error.kind, 'forbidden');
      assertNoSecrets(error);
    });
  });

  describe('retries', () => {
    it('500 then 200 → succeeds after one retry', async () => {
      const server = await servers.start((_request, response, index) => {
        if (index === 0) {
          sendJson(response, 500, { error: { name: 'Error', message: 'boom' } });
        } else {
          sendJson(response, 200, { items: [], answer: index });
        }
      });
      const waits = recordingSleep();
      const body = await httpGetJson(
        pageUrl(server.baseUrl),
        options(server.baseUrl, { retries: 3, sleep: waits.sleep }),
      );
      assert.deepEqual(body, { items: [], answer: 1 });
      assert.equal(server.requests.length, 2);
      assert.equal(waits.calls.length, 1);
    });

    it('503 three times with retries 2 → server-error with exactly three requests, backing off', async () => {
      const server = await servers.start((_request, response) => sendJson(response, 503, {}));
      const waits = recordingSleep();
      const error = await registryFailure(
        httpGetJson(pageUrl(server.baseUrl), options(server.baseUrl, { retries: 2, sleep: waits.sleep })),
      );
      assert.equal(error.kind, 'server-error');
      assert.equal(error.status, 503);
      assert.equal(server.requests.length, 3);
      assert.equal(waits.calls.length, 2);
      assert.ok((waits.calls[1] ?? 0) > (waits.calls[0] ?? 0), `backoff grows: ${waits.calls.join(', ')}`);
      assertNoSecrets(error);
    });

    it('429 with Retry-After: 1 → waits about 1000 ms (injected sleep), then succeeds', async () => {
      const server = await servers.start((_request, response, index) => {
        if (index === 0) {
          sendJson(response, 429, {}, { 'Retry-After': '1' });
        } else {
          sendJson(response, 200, { items: [{ ok: true }] });
        }
      });
      const waits = recordingSleep();
      const body = await httpGetJson(
        pageUrl(server.baseUrl),
        options(server.baseUrl, { retries: 2, sleep: waits.sleep }),
      );
      assert.deepEqual(body, { items: [{ ok: true }] });
      assert.equal(waits.calls.length, 1);
      assert.ok(Math.abs((waits.calls[0] ?? 0) - 1000) <= 50, `slept ${waits.calls.join(', ')} ms`);
      assert.equal(server.requests.length, 2);
    });

    it('a Retry-After longer than maxRetryAfterMs is capped', async () => {
      const server = await servers.start((_request, response, index) => {
        if (index === 0) {
          sendJson(response, 503, {}, { 'Retry-After': '3600' });
        } else {
          sendJson(response, 200, { items: [] });
        }
      });
      const waits = recordingSleep();
      await httpGetJson(
        pageUrl(server.baseUrl),
        options(server.baseUrl, { retries: 1, maxRetryAfterMs: 2_000, sleep: waits.sleep }),
      );
      assert.deepEqual(waits.calls, [2_000]);
    });

    it('429 after all retries → rate-limited', async () => {
      const server = await servers.start((_request, response) => sendJson(response, 429, {}, { 'Retry-After': '0' }));
      const waits = recordingSleep();
      const error = await registryFailure(
        httpGetJson(pageUrl(server.baseUrl), options(server.baseUrl, { retries: 1, sleep: waits.sleep })),
      );
      assert.equal(error.kind, 'rate-limited');
      assert.equal(server.requests.length, 2);
      assert.deepEqual(waits.calls, [0]);
    });
  });

  describe('cancellation', () => {
    it('aborting mid-request → cancelled, promptly and without retrying', async () => {
      const controller = new AbortController();
      const server = await servers.start(() => {
        setTimeout(() => controller.abort(), 20);
      });
      const started = Date.now();
      const error = await registryFailure(
        httpGetJson(
          pageUrl(server.baseUrl),
          options(server.baseUrl, {
            retries: 3,
            timeoutMs: 5_000,
            signal: controller.signal,
            sleep: recordingSleep().sleep,
          }),
        ),
      );
      assert.equal(error.kind, 'cancelled');
      assert.ok(Date.now() - started < 2_000);
      assert.equal(server.requests.length, 1);
      assertNoSecrets(error);
    });

    it('aborting during the backoff wait (real sleep) → cancelled', async () => {
      const controller = new AbortController();
      const server = await servers.start((_request, response) => {
        sendJson(response, 503, {}, { 'Retry-After': '10' });
        setTimeout(() => controller.abort(), 30);
      });
      const started = Date.now();
      const error = await registryFailure(
        httpGetJson(pageUrl(server.baseUrl), options(server.baseUrl, { retries: 3, signal: controller.signal })),
      );
      assert.equal(error.kind, 'cancelled');
      assert.ok(Date.now() - started < 2_000, 'the 10 s wait was cut short');
      assert.equal(server.requests.length, 1);
    });

    it('an already aborted signal → cancelled without a request', async () => {
      const server = await servers.start((_request, response) => sendJson(response, 200, { items: [] }));
      const error = await registryFailure(
        httpGetJson(pageUrl(server.baseUrl), options(server.baseUrl, { signal: AbortSignal.abort() })),
      );
      assert.equal(error.kind, 'cancelled');
      assert.equal(server.requests.length, 0);
    });
  });

  describe('compression', () => {
    it('asks a loopback registry for an uncompressed answer (compressing only costs CPU there)', async () => {
      const server = await servers.start((_request, response) => sendJson(response, 200, { items: [] }));
      await httpGetJson(pageUrl(server.baseUrl), options(server.baseUrl));
      assert.equal(server.requests[0]?.headers['accept-encoding'], 'identity');
    });

    it('still decodes a gzip answer from a server that compresses anyway', async () => {
      const server = await servers.start((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
        response.end(gzipSync(JSON.stringify({ items: [{ kind: 'Component', metadata: { name: 'zipped' } }] })));
      });
      assert.deepEqual(await httpGetJson(pageUrl(server.baseUrl), options(server.baseUrl)), {
        items: [{ kind: 'Component', metadata: { name: 'zipped' } }],
      });
    });

    it('a gzip bomb (100 KB that inflates to 64 MB) → too-large, counted after inflating', async () => {
      const bomb = gzipSync(Buffer.concat([Buffer.from('{"items":['), Buffer.alloc(64 * MB, 0x20), Buffer.from(']}')]));
      assert.ok(bomb.length < 200 * 1024, `the bomb is ${bomb.length} bytes`);
      const server = await servers.start((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
        response.end(bomb);
      });
      const error = await registryFailure(
        httpGetJson(pageUrl(server.baseUrl), options(server.baseUrl, { timeoutMs: 10_000 })),
      );
      assert.equal(error.kind, 'too-large');
      assertNoSecrets(error);
    });

    it('tells loopback hosts from others', () => {
      for (const host of [
        'localhost',
        'LOCALHOST',
        'backstage.localhost',
        '127.0.0.1',
        '127.1.2.3',
        '[::1]',
        '::1',
        '[::ffff:127.0.0.1]',
        'localhost.',
      ]) {
        assert.ok(isLoopbackHost(host), `${host} is loopback`);
      }
      for (const host of [
        'backstage.example.com',
        '10.0.0.1',
        '128.0.0.1',
        '127.0.0',
        '127.0.0.1.example.com',
        'localhost.example.com',
        '[::2]',
        '1127.0.0.1',
        '127.0.0.256',
      ]) {
        assert.ok(!isLoopbackHost(host), `${host} is not loopback`);
      }
    });
  });

  describe('the token', () => {
    it('is sent as a bearer token to the registry origin', async () => {
      const server = await servers.start((_request, response) => sendJson(response, 200, { items: [] }));
      await httpGetJson(pageUrl(server.baseUrl), options(server.baseUrl));
      assert.equal(server.requests[0]?.headers.authorization, `Bearer ${TOKEN}`);
    });

    it('follows a 302 on the same origin and keeps the header', async () => {
      const server = await servers.start((request, response) => {
        if (request.url?.startsWith('/moved')) {
          sendJson(response, 200, { items: [], moved: true });
        } else {
          response.writeHead(302, { Location: '/moved/by-query?limit=5' });
          response.end();
        }
      });
      const body = await httpGetJson(pageUrl(server.baseUrl), options(server.baseUrl));
      assert.deepEqual(body, { items: [], moved: true });
      assert.deepEqual(
        server.requests.map((request) => [request.path, request.headers.authorization]),
        [
          ['/api/catalog/entities/by-query', `Bearer ${TOKEN}`],
          ['/moved/by-query', `Bearer ${TOKEN}`],
        ],
      );
    });

    it('follows a 302 to another origin WITHOUT the header', async () => {
      const other = await servers.start((_request, response) =>
        sendJson(response, 200, { items: [], elsewhere: true }),
      );
      const registry = await servers.start((_request, response) => {
        response.writeHead(302, { Location: `${other.baseUrl}/mirror/by-query?limit=5` });
        response.end();
      });
      assert.notEqual(new URL(other.baseUrl).origin, new URL(registry.baseUrl).origin);
      const body = await httpGetJson(pageUrl(registry.baseUrl), options(registry.baseUrl));
      assert.deepEqual(body, { items: [], elsewhere: true });
      assert.equal(registry.requests[0]?.headers.authorization, `Bearer ${TOKEN}`);
      assert.equal(other.requests.length, 1);
      assert.equal(other.requests[0]?.path, '/mirror/by-query');
      assert.equal(other.requests[0]?.headers.authorization, undefined, 'the token went to another origin');
      assert.ok(!JSON.stringify(other.requests[0]?.headers).includes(TOKEN));
    });

    it('is not sent to another origin even after a redirect chain that comes back through it', async () => {
      const registryBox: { baseUrl?: string } = {};
      const other = await servers.start((request, response) => {
        if (request.url?.startsWith('/hop')) {
          response.writeHead(307, { Location: `${registryBox.baseUrl ?? ''}/final` });
        } else {
          response.writeHead(404);
        }
        response.end();
      });
      const registry = await servers.start((request, response) => {
        if (request.url === '/final') {
          sendJson(response, 200, { items: [] });
        } else {
          response.writeHead(302, { Location: `${other.baseUrl}/hop` });
          response.end();
        }
      });
      registryBox.baseUrl = registry.baseUrl;
      await httpGetJson(pageUrl(registry.baseUrl), options(registry.baseUrl));
      assert.deepEqual(
        other.requests.map((request) => request.headers.authorization),
        [undefined],
      );
      assert.deepEqual(
        registry.requests.map((request) => request.headers.authorization),
        [`Bearer ${TOKEN}`, `Bearer ${TOKEN}`],
      );
    });

    it('no token configured → no Authorization header at all', async () => {
      const server = await servers.start((_request, response) => sendJson(response, 200, { items: [] }));
      await httpGetJson(pageUrl(server.baseUrl), { tokenOrigin: server.baseUrl, retries: 0, timeoutMs: 2_000 });
      assert.equal(server.requests.length, 1);
      assert.equal(server.requests[0]?.headers.authorization, undefined);
    });

    it('a token without a token origin is never sent', async () => {
      const server = await servers.start((_request, response) => sendJson(response, 200, { items: [] }));
      await httpGetJson(pageUrl(server.baseUrl), { token: TOKEN, retries: 0, timeoutMs: 2_000 });
      assert.equal(server.requests[0]?.headers.authorization, undefined);
    });
  });
});
