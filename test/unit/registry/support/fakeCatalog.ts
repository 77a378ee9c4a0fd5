import type { Entity } from '@backstage/catalog-model';
import type { LoopbackHandler } from './loopbackServer';
import { sendJson } from './loopbackServer';

export const BY_QUERY_PATH = '/api/catalog/entities/by-query';
export const BY_REFS_PATH = '/api/catalog/entities/by-refs';

export function component(name: string, owner = 'group:default/team-a'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

/** `count` components named `<prefix>-00000`, `<prefix>-00001`, … (sorted by name). */
export function components(count: number, prefix = 'svc'): Entity[] {
  return Array.from({ length: count }, (_, position) => component(`${prefix}-${String(position).padStart(5, '0')}`));
}

export function refOf(entity: Entity): string {
  return `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`.toLowerCase();
}

export function sortedRefsOf(entities: readonly Entity[]): string[] {
  return entities.map(refOf).sort();
}

/** What the fake catalog serves; tests change it between syncs. */
export interface FakeCatalogState {
  entities: Entity[];
  /** Pages from this one on (0-based) fail: with a 500, or with 'close' a socket destroyed mid-body. */
  failFromPage?: number | undefined;
  failure?: 'status-500' | 'close' | undefined;
  /** Pages from this one on are never answered; `onHang` is told when such a request arrives. */
  hangFromPage?: number | undefined;
  onHang?: (() => void) | undefined;
  /** by-refs answers 404 (a backend or proxy without the route). */
  noByRefs?: boolean | undefined;
  /** Replaces the by-refs items before they are sent (hostile answers). */
  tamperByRefs?: ((items: (Entity | null)[]) => unknown) | undefined;
}

/** Backstage's `fields` projection: only the listed dotted paths, those that exist. */
export function project(entity: Entity, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const parts = field.split('.');
    let source: unknown = entity;
    for (const part of parts) {
      source = source && typeof source === 'object' ? (source as Record<string, unknown>)[part] : undefined;
    }
    if (source === undefined) {
      continue;
    }
    let target = out;
    parts.slice(0, -1).forEach((part) => {
      target[part] ??= {};
      target = target[part] as Record<string, unknown>;
    });
    target[parts[parts.length - 1] as string] = source;
  }
  return out;
}

/** Gives every entity a uid (once) and a fresh etag, as the backend does when it stores one. */
export function stamp(entities: Entity[], etag = 'e1'): Entity[] {
  return entities.map((entity) => ({
    ...entity,
    metadata: { ...entity.metadata, uid: entity.metadata.uid ?? `uid-${refOf(entity)}`, etag },
  }));
}

/** A minimal Backstage `GET /api/catalog/entities/by-query`: pages of `limit` entities, cursors `c<offset>`. */
export function fakeCatalog(state: FakeCatalogState): LoopbackHandler {
  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://loopback');
    if (url.pathname === BY_REFS_PATH && request.method === 'POST' && !state.noByRefs) {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { entityRefs: string[]; fields?: string[] };
        if (url.searchParams.has('fields')) {
          // As Backstage does: fields belong in the body.
          sendJson(response, 400, { error: { name: 'InputError', message: "Unknown query parameter 'fields'" } });
          return;
        }
        const byRef = new Map(state.entities.map((entity) => [refOf(entity), entity]));
        const fields = body.fields;
        const items = body.entityRefs
          .map((ref) => byRef.get(ref.toLowerCase()) ?? null)
          .map((entity) => (entity && fields ? (project(entity, fields) as unknown as Entity) : entity));
        sendJson(response, 200, { items: state.tamperByRefs ? state.tamperByRefs(items) : items });
      });
      return;
    }
    if (url.pathname !== BY_QUERY_PATH) {
      sendJson(response, 404, { error: { name: 'NotFoundError', message: 'no such route' } });
      return;
    }
    const limit = Number(url.searchParams.get('limit') ?? '20');
    const cursor = url.searchParams.get('cursor');
    const offset = cursor ? Number(cursor.slice(1)) : 0;
    const page = Math.floor(offset / limit);
    if (state.hangFromPage !== undefined && page >= state.hangFromPage) {
      state.onHang?.();
      return;
    }
    if (state.failFromPage !== undefined && page >= state.failFromPage) {
      if (state.failure === 'close') {
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 100_000 });
        response.write('{"items":[{"kind":"Component","metadata":{"name":"half');
        setTimeout(() => response.destroy(), 5);
      } else {
        sendJson(response, 500, { error: { name: 'Error', message: 'boom' } });
      }
      return;
    }
    const fields = url.searchParams.get('fields')?.split(',');
    const items = state.entities
      .slice(offset, offset + limit)
      .map((entity) => (fields ? project(entity, fields) : entity));
    const next = offset + limit < state.entities.length ? `c${offset + limit}` : undefined;
    sendJson(response, 200, { items, totalItems: state.entities.length, pageInfo: next ? { nextCursor: next } : {} });
  };
}

/** A `sleep` that records what it was asked to wait and returns at once. */
export function recordingSleep(): {
  readonly calls: number[];
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
} {
  const calls: number[] = [];
  return {
    calls,
    sleep: (ms: number, signal?: AbortSignal) => {
      calls.push(ms);
      return signal?.aborted ? Promise.reject(new Error('aborted')) : Promise.resolve();
    },
  };
}
