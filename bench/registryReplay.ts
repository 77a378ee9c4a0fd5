// A loopback registry that replays real Backstage answers at any size: the entities recorded from
// the harness (bench/fixtures/backstagePages.json, `npm run bench record-pages`) are cloned under
// new names, uids and etags, and served in the backend's own shapes: by-query pages
// `{"items":[…],"totalItems":N,"pageInfo":{"nextCursor":"…"}}` with `fields` projection and
// opaque base64 cursors, and by-refs `{"items":[entity|null, …]}`. Like the backend, it stores
// each entity as JSON text and joins texts into a page. POST /bench/mutate changes a fraction of
// the entities (new etag and description), as edits on the backend would between two syncs.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

type Json = Record<string, unknown>;
interface Recorded {
  readonly items: Json[];
  readonly firstPageText: string;
}

function fixture(): Recorded {
  return JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', '..', 'bench', 'fixtures', 'backstagePages.json'), 'utf8'),
  ) as Recorded;
}

function uidOf(position: number): string {
  const hex = createHash('sha1').update(`uid-${position}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function etagOf(position: number, version: number): string {
  return createHash('sha1').update(`etag-${position}-${version}`).digest('hex');
}

/** Backstage's `fields`: only the listed dotted paths that exist, nested as in the entity. */
function project(entity: Json, fields: readonly string[]): Json {
  const out: Json = {};
  for (const field of fields) {
    const parts = field.split('.');
    let value: unknown = entity;
    for (const part of parts) {
      value = value && typeof value === 'object' ? (value as Json)[part] : undefined;
    }
    if (value === undefined) continue;
    let target = out;
    for (const part of parts.slice(0, -1)) {
      target[part] ??= {};
      target = target[part] as Json;
    }
    target[parts[parts.length - 1] as string] = value;
  }
  return out;
}

class ReplayCatalog {
  readonly entities: Json[] = [];
  readonly texts: string[] = [];
  private readonly versions: number[] = [];
  private readonly positionByRef = new Map<string, number>();

  constructor(count: number) {
    const templates = fixture().items;
    const named = Array.from({ length: count }, (_, position) => {
      const template = templates[position % templates.length] as Json;
      const metadata = template['metadata'] as Json;
      return { template, name: `${String(metadata['name'])}-r${position}` };
    });
    // The backend's order for orderField=metadata.name,asc.
    named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    named.forEach(({ template, name }, position) => {
      const metadata = template['metadata'] as Json;
      const entity: Json = {
        ...template,
        metadata: { ...metadata, name, uid: uidOf(position), etag: etagOf(position, 0) },
      };
      this.entities.push(entity);
      this.texts.push(JSON.stringify(entity));
      this.versions.push(0);
      this.positionByRef.set(this.refOf(entity), position);
    });
  }

  refOf(entity: Json): string {
    const metadata = entity['metadata'] as { namespace?: string; name: string };
    return `${String(entity['kind']).toLowerCase()}:${(metadata.namespace ?? 'default').toLowerCase()}/${metadata.name.toLowerCase()}`;
  }

  /** Changes every n-th entity (n = 1 / fraction), starting at `offset`: a new etag and description. */
  mutate(fraction: number, offset: number): number {
    const step = Math.max(1, Math.round(1 / fraction));
    let changed = 0;
    for (let position = offset % step; position < this.entities.length; position += step) {
      const version = (this.versions[position] as number) + 1;
      this.versions[position] = version;
      const entity = this.entities[position] as Json;
      const updated: Json = {
        ...entity,
        metadata: {
          ...(entity['metadata'] as Json),
          etag: etagOf(position, version),
          description: `edited ${version}`,
        },
      };
      this.entities[position] = updated;
      this.texts[position] = JSON.stringify(updated);
      changed++;
    }
    return changed;
  }

  page(offset: number, limit: number, fields: readonly string[] | undefined): string {
    const end = Math.min(this.entities.length, offset + limit);
    const parts: string[] = [];
    for (let position = offset; position < end; position++) {
      parts.push(
        fields ? JSON.stringify(project(this.entities[position] as Json, fields)) : (this.texts[position] as string),
      );
    }
    const next =
      end < this.entities.length
        ? Buffer.from(
            JSON.stringify({
              orderFields: [{ field: 'metadata.name', order: 'asc' }],
              offset: end,
              fields: fields ?? null,
              totalItems: this.entities.length,
            }),
          ).toString('base64')
        : undefined;
    return `{"items":[${parts.join(',')}],"totalItems":${this.entities.length},"pageInfo":${next ? `{"nextCursor":"${next}"}` : '{}'}}`;
  }

  byRefs(refs: readonly unknown[], fields: readonly string[] | undefined): string {
    const parts = refs.map((ref) => {
      const position = typeof ref === 'string' ? this.positionByRef.get(ref.toLowerCase()) : undefined;
      if (position === undefined) return 'null';
      return fields
        ? JSON.stringify(project(this.entities[position] as Json, fields))
        : (this.texts[position] as string);
    });
    return `{"items":[${parts.join(',')}]}`;
  }
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: http.ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Serves `count` replayed entities on 127.0.0.1; resolves with the base URL. */
export async function serveReplay(count: number): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const catalog = new ReplayCatalog(count);
  const server = http.createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://replay');
      if (url.pathname === '/api/catalog/entities/by-query' && request.method === 'GET') {
        const limit = Math.min(1000, Number(url.searchParams.get('limit') ?? '20'));
        const cursor = url.searchParams.get('cursor');
        let offset = 0;
        let fields = url.searchParams.get('fields')?.split(',');
        if (cursor) {
          const state = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as {
            offset: number;
            fields: string[] | null;
          };
          offset = state.offset;
          fields = fields ?? state.fields ?? undefined;
        }
        send(response, 200, catalog.page(offset, limit, fields));
      } else if (url.pathname === '/api/catalog/entities/by-refs' && request.method === 'POST') {
        const body = JSON.parse(await readBody(request)) as { entityRefs?: unknown[]; fields?: string[] };
        send(response, 200, catalog.byRefs(body.entityRefs ?? [], body.fields));
      } else if (url.pathname === '/bench/mutate' && request.method === 'POST') {
        const body = JSON.parse(await readBody(request)) as { fraction: number; offset: number };
        send(response, 200, JSON.stringify({ changed: catalog.mutate(body.fraction, body.offset) }));
      } else {
        send(response, 404, '{"error":{"name":"NotFoundError","message":"no such route"}}');
      }
    })().catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
