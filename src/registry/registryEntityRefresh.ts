import type { Entity } from '@backstage/catalog-model';
import type { RegistryConfig } from './catalogApiClient';
import { httpGetJson, type HttpOptions } from './httpGetJson';
import { httpPostJson } from './httpPostJson';
import { RegistryError } from './registryErrors';
import { isNameableEntity } from './registryRecords';
import { registryOrigin } from './registryTrust';

function apiUrl(config: RegistryConfig, path: string): string {
  const base = new URL(config.baseUrl);
  return new URL(`${base.pathname.replace(/\/+$/, '')}/api/catalog${path}`, base).toString();
}

/** `kind:namespace/name` → `GET /api/catalog/entities/by-name/{kind}/{namespace}/{name}`. */
export function entityByNameUrl(config: RegistryConfig, ref: string): string {
  const match = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
  if (!match) {
    throw new RegistryError('bad-response', ref, 'not a full entity ref (kind:namespace/name)');
  }
  const [, kind = '', namespace = '', name = ''] = match;
  return apiUrl(config, `/entities/by-name/${[kind, namespace, name].map(encodeURIComponent).join('/')}`);
}

export interface RefreshOptions {
  readonly token: string | undefined;
  /** The etag of the copy we hold: after a refresh, the answer is awaited until it differs. */
  readonly knownEtag?: string | undefined;
  /** How often to ask again for a changed entity after the backend accepted the refresh. */
  readonly attempts?: number;
  readonly intervalMs?: number;
  readonly signal?: AbortSignal;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly http?: Pick<HttpOptions, 'timeoutMs' | 'retries'>;
}

export interface RefreshResult {
  /** The entity as the registry serves it now; undefined when it no longer serves it (404). */
  readonly entity: Entity | undefined;
  /** Whether the backend accepted `POST /api/catalog/refresh` (it may be read-only or forbid it). */
  readonly refreshRequested: boolean;
  /** Why the refresh was not requested, when it was not. */
  readonly refreshSkipped?: string;
}

/**
 * Re-reads one entity from its registry. First asks the backend to reprocess it
 * (`POST /api/catalog/refresh {entityRef}`), which a read-only or locked-down backend may refuse:
 * then the entity is only re-fetched. After an accepted refresh, the entity is fetched again
 * until its etag changes or the attempts run out (reprocessing is asynchronous).
 */
export async function refreshRegistryEntity(
  config: RegistryConfig,
  ref: string,
  options: RefreshOptions,
): Promise<RefreshResult> {
  const tokenOrigin = registryOrigin(config.baseUrl);
  const http = {
    timeoutMs: 15_000,
    retries: 1,
    ...options.http,
    token: options.token,
    tokenOrigin,
    signal: options.signal,
  };
  let refreshRequested = false;
  let refreshSkipped: string | undefined;
  try {
    await httpPostJson(apiUrl(config, '/refresh'), { entityRef: ref }, http);
    refreshRequested = true;
  } catch (error) {
    if (!(error instanceof RegistryError) || error.kind === 'cancelled') {
      throw error;
    }
    refreshSkipped = error.message;
  }
  const url = entityByNameUrl(config, ref);
  const fetchEntity = async (): Promise<Entity | undefined> => {
    try {
      const answer = await httpGetJson(url, http);
      if (!isNameableEntity(answer)) {
        throw new RegistryError('bad-response', url, 'expected an entity');
      }
      return answer;
    } catch (error) {
      if (error instanceof RegistryError && error.kind === 'not-found') {
        return undefined;
      }
      throw error;
    }
  };
  let entity = await fetchEntity();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const unchanged = (candidate: Entity | undefined): boolean =>
    candidate !== undefined && options.knownEtag !== undefined && candidate.metadata.etag === options.knownEtag;
  for (
    let attempt = 1;
    refreshRequested && unchanged(entity) && attempt < (options.attempts ?? 6) && !options.signal?.aborted;
    attempt++
  ) {
    await sleep(options.intervalMs ?? 1000);
    entity = await fetchEntity();
  }
  return { entity, refreshRequested, ...(refreshSkipped !== undefined ? { refreshSkipped } : {}) };
}
