import * as assert from 'node:assert/strict';
import type { Entity } from '@backstage/catalog-model';
import {
  CatalogApiClient,
  type CatalogApiClientOptions,
  type CatalogPage,
} from '../../../src/registry/catalogApiClient';
import { RegistryError } from '../../../src/registry/registryErrors';
import { BY_QUERY_PATH, component, components, fakeCatalog, recordingSleep } from './support/fakeCatalog';
import { LoopbackServers, sendJson } from './support/loopbackServer';

async function collect(client: CatalogApiClient, signal?: AbortSignal): Promise<CatalogPage[]> {
  const pages: CatalogPage[] = [];
  for await (const page of client.pages(signal)) {
    pages.push(page);
  }
  return pages;
}

function names(entities: readonly Entity[]): string[] {
  return entities.map((entity) => entity.metadata.name);
}

describe('CatalogApiClient paging against a loopback Backstage', function () {
  this.timeout(10_000);
  const servers = new LoopbackServers();
  const fast: CatalogApiClientOptions = { timeoutMs: 2_000, retries: 0 };

  afterEach(() => servers.closeAll());

  it('asks by-query with limit, orders only the first page, follows cursors and collects every page in order', async () => {
    const all = components(7);
    const server = await servers.start(fakeCatalog({ entities: all }));
    const client = new CatalogApiClient({ name: 'test', baseUrl: server.baseUrl }, { ...fast, pageSize: 3 });

    const pages = await collect(client);

    assert.deepEqual(
      pages.map((page) => names(page.items)),
      [names(all.slice(0, 3)), names(all.slice(3, 6)), names(all.slice(6))],
    );
    assert.deepEqual(
      pages.map((page) => page.totalItems),
      [7, 7, 7],
    );
    assert.equal(server.requests.length, 3, 'stops when the last page has no nextCursor');
    for (const request of server.requests) {
      assert.equal(request.method, 'GET');
      assert.equal(request.path, BY_QUERY_PATH);
      assert.deepEqual(request.query.getAll('limit'), ['3']);
      assert.equal(request.headers['accept'], 'application/json');
    }
    const [first, second, third] = server.requests;
    assert.deepEqual(first?.query.getAll('orderField'), ['metadata.name,asc']);
    assert.equal(first?.query.has('cursor'), false);
    assert.deepEqual(second?.query.getAll('cursor'), ['c3']);
    assert.deepEqual(third?.query.getAll('cursor'), ['c6']);
    assert.equal(second?.query.has('orderField'), false, 'the cursor carries the order');
    assert.equal(third?.query.has('orderField'), false);
  });

  it('passes every filter on the first page only, and fields on every page when configured', async () => {
    const server = await servers.start(fakeCatalog({ entities: components(4) }));
    const client = new CatalogApiClient(
      { name: 'test', baseUrl: `${server.baseUrl}/`, filter: ['kind=component,spec.lifecycle=production', 'kind=api'] },
      { ...fast, pageSize: 2, fields: ['kind', 'metadata.name', 'spec.owner'] },
    );

    const pages = await collect(client);

    assert.equal(pages.length, 2);
    const [first, second] = server.requests;
    assert.deepEqual(first?.query.getAll('filter'), ['kind=component,spec.lifecycle=production', 'kind=api']);
    assert.deepEqual(second?.query.getAll('filter'), [], 'Backstage rejects filters repeated beside a cursor');
    assert.deepEqual(first?.query.getAll('fields'), ['kind,metadata.name,spec.owner']);
    assert.deepEqual(second?.query.getAll('fields'), ['kind,metadata.name,spec.owner']);
  });

  it('sends no fields parameter when none are configured', async () => {
    const server = await servers.start(fakeCatalog({ entities: components(1) }));
    await collect(new CatalogApiClient({ name: 'test', baseUrl: server.baseUrl }, fast));
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]?.query.has('fields'), false);
    assert.deepEqual(server.requests[0]?.query.getAll('limit'), ['500']);
  });

  it('keeps a base path in front of /api/catalog', async () => {
    const server = await servers.start((request, response) => {
      if (request.url?.startsWith(`/backstage${BY_QUERY_PATH}?`)) {
        sendJson(response, 200, { items: components(1), totalItems: 1, pageInfo: {} });
      } else {
        sendJson(response, 404, {});
      }
    });
    const pages = await collect(new CatalogApiClient({ name: 'test', baseUrl: `${server.baseUrl}/backstage/` }, fast));
    assert.deepEqual(
      pages.map((page) => page.items.length),
      [1],
    );
  });

  it('stops on an empty page even when a cursor is offered', async () => {
    const server = await servers.start((_request, response, index) => {
      sendJson(response, 200, { items: index === 0 ? components(2) : [], pageInfo: { nextCursor: `next-${index}` } });
    });
    const pages = await collect(new CatalogApiClient({ name: 'test', baseUrl: server.baseUrl }, fast));
    assert.deepEqual(
      pages.map((page) => page.items.length),
      [2, 0],
    );
    assert.equal(server.requests.length, 2);
  });

  it('drops items that are not entities', async () => {
    const server = await servers.start((_request, response) => {
      sendJson(response, 200, {
        items: [
          null,
          42,
          'svc',
          { kind: 'Component' },
          { kind: 'Component', metadata: null },
          { metadata: { name: 'x' } },
          { kind: 'Component', metadata: { name: 'y', namespace: 7 } },
          ...components(1),
        ],
        pageInfo: {},
      });
    });
    const [page] = await collect(new CatalogApiClient({ name: 'test', baseUrl: server.baseUrl }, fast));
    assert.deepEqual(names(page?.items ?? []), ['svc-00000']);
    assert.equal(page?.totalItems, undefined);
  });

  it('fails with pagination-loop when the server returns a cursor it already returned, after a bounded number of requests', async () => {
    const server = await servers.start((_request, response) => {
      sendJson(response, 200, { items: components(1), pageInfo: { nextCursor: 'same-again' } });
    });
    const client = new CatalogApiClient({ name: 'test', baseUrl: server.baseUrl }, fast);

    const error = await collect(client).then(
      () => assert.fail('endless paging must fail'),
      (caught: unknown) => caught,
    );

    assert.ok(error instanceof RegistryError);
    assert.equal(error.kind, 'pagination-loop');
    assert.equal(server.requests.length, 2);
    assert.equal(error.url, `${server.baseUrl}${BY_QUERY_PATH}`);
  });

  it('detects a loop over a longer cycle of cursors', async () => {
    const server = await servers.start((_request, response, index) => {
      sendJson(response, 200, { items: components(1), pageInfo: { nextCursor: `cursor-${index % 3}` } });
    });
    await assert.rejects(
      collect(new CatalogApiClient({ name: 'test', baseUrl: server.baseUrl }, fast)),
      (error: unknown) => error instanceof RegistryError && error.kind === 'pagination-loop',
    );
    assert.equal(server.requests.length, 4);
  });

  it('fails with bad-response on {} (no items)', async () => {
    const server = await servers.start((_request, response) => sendJson(response, 200, {}));
    await assert.rejects(
      collect(new CatalogApiClient({ name: 'test', baseUrl: server.baseUrl }, fast)),
      (error: unknown) => error instanceof RegistryError && error.kind === 'bad-response',
    );
  });

  it('fails with bad-response when items is not an array, or the body is a bare array', async () => {
    const bodies: unknown[] = [{ items: { a: 1 } }, [component('lonely')], null];
    const server = await servers.start((_request, response, index) => sendJson(response, 200, bodies[index]));
    for (let attempt = 0; attempt < bodies.length; attempt++) {
      await assert.rejects(
        collect(new CatalogApiClient({ name: 'test', baseUrl: server.baseUrl }, fast)),
        (error: unknown) => error instanceof RegistryError && error.kind === 'bad-response',
      );
    }
  });

  it('refuses a baseUrl that is not http(s) or not a URL, without a request', () => {
    assert.throws(
      () => new CatalogApiClient({ name: 'x', baseUrl: 'ftp://example.com' }),
      (error: unknown) => error instanceof RegistryError && error.kind === 'bad-response',
    );
    assert.throws(
      () => new CatalogApiClient({ name: 'x', baseUrl: 'not a url' }),
      (error: unknown) => error instanceof RegistryError && error.kind === 'bad-response',
    );
  });

  it('sends the configured token to the registry on every page, and no header without a token', async () => {
    const server = await servers.start(fakeCatalog({ entities: components(3) }));
    await collect(
      new CatalogApiClient({ name: 'test', baseUrl: server.baseUrl }, { ...fast, pageSize: 2, token: 'client-token' }),
    );
    await collect(new CatalogApiClient({ name: 'test', baseUrl: server.baseUrl }, { ...fast, pageSize: 2 }));
    assert.deepEqual(
      server.requests.map((request) => request.headers.authorization),
      ['Bearer client-token', 'Bearer client-token', undefined, undefined],
    );
  });

  it('retries a failed page without restarting from the first page', async () => {
    let failedOnce = false;
    const catalog = fakeCatalog({ entities: components(4) });
    const server = await servers.start((request, response, index) => {
      if (request.url?.includes('cursor=') && !failedOnce) {
        failedOnce = true;
        sendJson(response, 502, {});
        return;
      }
      return catalog(request, response, index);
    });
    const waits = recordingSleep();
    const pages = await collect(
      new CatalogApiClient(
        { name: 'test', baseUrl: server.baseUrl },
        { ...fast, pageSize: 2, retries: 2, sleep: waits.sleep },
      ),
    );
    assert.deepEqual(
      pages.map((page) => names(page.items)),
      [
        ['svc-00000', 'svc-00001'],
        ['svc-00002', 'svc-00003'],
      ],
    );
    assert.deepEqual(
      server.requests.map((request) => request.query.get('cursor')),
      [null, 'c2', 'c2'],
    );
    assert.equal(waits.calls.length, 1);
  });

  describe('requesting ahead', () => {
    it('asks for the next page while the consumer still holds this one', async () => {
      const server = await servers.start(fakeCatalog({ entities: components(6) }));
      const pages = new CatalogApiClient({ name: 'test', baseUrl: server.baseUrl }, { ...fast, pageSize: 2 }).pages();
      const first = await pages.next();
      assert.deepEqual(names(first.done ? [] : first.value.items), ['svc-00000', 'svc-00001']);
      // The consumer has not asked for page 2 yet.
      await waitFor(() => server.requests.length === 2, 'page 2 was not requested ahead');
      assert.equal(server.requests[1]?.query.get('cursor'), 'c2');
      const rest: string[][] = [];
      for (let next = await pages.next(); !next.done; next = await pages.next()) {
        rest.push(names(next.value.items));
      }
      assert.deepEqual(rest, [
        ['svc-00002', 'svc-00003'],
        ['svc-00004', 'svc-00005'],
      ]);
      assert.equal(server.requests.length, 3, 'no request past the last page');
    });

    it('pages correctly, one request at a time, when pageInfo does not come last', async () => {
      const all = components(5);
      const server = await servers.start((request, response) => {
        const cursor = new URL(request.url ?? '/', 'http://loopback').searchParams.get('cursor');
        const offset = cursor ? Number(cursor.slice(1)) : 0;
        const next = offset + 2 < all.length ? `c${offset + 2}` : undefined;
        // pageInfo first, as a registry other than Backstage might write it.
        sendJson(response, 200, {
          pageInfo: next ? { nextCursor: next } : {},
          items: all.slice(offset, offset + 2),
          totalItems: all.length,
        });
      });
      const pages = await collect(
        new CatalogApiClient({ name: 'test', baseUrl: server.baseUrl }, { ...fast, pageSize: 2 }),
      );
      assert.deepEqual(
        pages.map((page) => names(page.items)),
        [names(all.slice(0, 2)), names(all.slice(2, 4)), names(all.slice(4))],
      );
      assert.deepEqual(
        server.requests.map((request) => request.query.get('cursor')),
        [null, 'c2', 'c4'],
      );
    });

    it('a consumer that stops early aborts the page requested ahead', async () => {
      let closed = false;
      const catalog = fakeCatalog({ entities: components(6) });
      const server = await servers.start((request, response, index) => {
        if (index === 0) {
          return catalog(request, response, index);
        }
        request.on('close', () => {
          closed = true;
        });
        return undefined; // page 2 never answers
      });
      for await (const page of new CatalogApiClient(
        { name: 'test', baseUrl: server.baseUrl },
        { ...fast, pageSize: 2 },
      ).pages()) {
        assert.equal(page.items.length, 2);
        await waitFor(() => server.requests.length === 2, 'page 2 was not requested ahead');
        break;
      }
      await waitFor(() => closed, 'the request made ahead was left open');
    });

    it('a page that is not JSON fails the sync and aborts the page requested ahead', async () => {
      let closed = false;
      const server = await servers.start((request, response, index) => {
        if (index === 0) {
          response.writeHead(200, { 'Content-Type': 'application/json' });
          response.end('{"items":[{"kind":"Component","metadata":{"name":"a"}} oops ],"pageInfo":{"nextCursor":"c2"}}');
          return;
        }
        request.on('close', () => {
          closed = true;
        });
        return undefined;
      });
      const error = await collect(
        new CatalogApiClient({ name: 'test', baseUrl: server.baseUrl }, { ...fast, pageSize: 2 }),
      ).then(
        () => assert.fail('a broken page must fail'),
        (failure: unknown) => failure,
      );
      assert.ok(error instanceof RegistryError && error.kind === 'not-json', String(error));
      await waitFor(() => closed, 'the request made ahead was left open');
    });
  });
});

async function waitFor(condition: () => boolean, message: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      assert.fail(message);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
