import type { Entity } from '@backstage/catalog-model';
import type { LoopbackHandler } from './loopbackServer';
import { sendJson } from './loopbackServer';

export const BY_QUERY_PATH = '/api/catalog/entities/by-query';

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
}

/** A minimal Backstage `GET /api/catalog/entities/by-query`: pages of `limit` entities, cursors `c<offset>`. */
export function fakeCatalog(state: FakeCatalogState): LoopbackHandler {
  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://loopback');
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
    const items = state.entities.slice(offset, offset + limit);
    const next = offset + limit < state.entities.length ? `c${offset + limit}` : undefined;
    sendJson(response, 200, { items, totalItems: state.entities.length, pageInfo: next ? { nextCursor: next } : {} });
  };
}

/** A `sleep` that records what it was asked to wait and returns at once. */
export function recordingSleep(): { readonly calls: number[]; readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void> } {
  const calls: number[] = [];
  return {
    calls,
    sleep: (ms: number, signal?: AbortSignal) => {
      calls.push(ms);
      return signal?.aborted ? Promise.reject(new Error('aborted')) : Promise.resolve();
    },
  };
}
