import axios, { type AxiosResponse } from 'axios';
import type { Entity } from '@backstage/catalog-model';
import { formatEntityRef } from '../catalog/entityRefs';
import { httpGetJson } from './httpGetJson';
import { isLoopbackHost } from './loopbackHost';
import { entityByNameUrl } from './registryEntityRefresh';
import { displayUrl } from './registryErrors';
import { isNameableEntity } from './registryRecords';
import { registryOrigin } from './registryTrust';

/** What Backstage answers to `POST /api/catalog/locations`: the location and the entities it yields. */
export interface LocationRegistration {
  readonly location: { readonly id?: string; readonly type: string; readonly target: string };
  readonly entities: readonly Entity[];
  /** Dry run only: whether the location is registered already. */
  readonly exists?: boolean;
}

export interface RegisterLocationOptions {
  /** Sent as a bearer token to the registry's own origin only. */
  readonly token?: string | undefined;
  readonly dryRun: boolean;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * A refusal by the backend, in its own words: Backstage's error body `{ error: { name, message } }`
 * (409 "Location … already exists", 400 "… is not a valid …"), or what went wrong on the way.
 */
export class LocationRegistrationError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    /** Backstage's error name (ConflictError, InputError, NotAllowedError…), when it sent one. */
    readonly backstageName: string | undefined,
  ) {
    super(message);
    this.name = 'LocationRegistrationError';
  }
}

const MAX_ANSWER_BYTES = 8 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 120_000;

function backstageError(body: string): { name?: string; message?: string } {
  try {
    const parsed: unknown = JSON.parse(body);
    const error =
      parsed && typeof parsed === 'object' && Object.hasOwn(parsed, 'error')
        ? (parsed as { error: unknown }).error
        : undefined;
    if (error && typeof error === 'object') {
      const { name, message } = error as Record<string, unknown>;
      return { ...(typeof name === 'string' ? { name } : {}), ...(typeof message === 'string' ? { message } : {}) };
    }
  } catch {
    // Not Backstage's JSON error: the status says what happened.
  }
  return {};
}

function parseRegistration(response: AxiosResponse<string>, url: string): LocationRegistration {
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.data);
  } catch {
    throw new LocationRegistrationError(
      `${displayUrl(url)} answered HTTP ${response.status} with a body that is not JSON`,
      response.status,
      undefined,
    );
  }
  const body = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  const location = body['location'];
  if (
    !location ||
    typeof location !== 'object' ||
    typeof (location as Record<string, unknown>)['target'] !== 'string'
  ) {
    throw new LocationRegistrationError(`${displayUrl(url)} answered without a location`, response.status, undefined);
  }
  const { id, type, target } = location as Record<string, unknown>;
  return {
    location: {
      ...(typeof id === 'string' ? { id } : {}),
      type: typeof type === 'string' ? type : 'url',
      target: String(target),
    },
    entities: Array.isArray(body['entities']) ? body['entities'].filter(isNameableEntity) : [],
    ...(typeof body['exists'] === 'boolean' ? { exists: body['exists'] } : {}),
  };
}

/**
 * Registers `target` (a URL of a catalog-info.yaml) with a Backstage backend: `POST
 * /api/catalog/locations` with `{ type: 'url', target }`, `?dryRun=true` to see what it would
 * create. Never retried (a registration is not idempotent) and never redirected, so the token
 * goes to the registry's origin and nowhere else.
 */
export async function registerLocation(
  baseUrl: string,
  target: string,
  options: RegisterLocationOptions,
): Promise<LocationRegistration> {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new LocationRegistrationError(`the registry baseUrl "${baseUrl}" is not a URL`, undefined, undefined);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new LocationRegistrationError('only http and https registries are supported', undefined, undefined);
  }
  const endpoint = new URL(`${base.pathname.replace(/\/+$/, '')}/api/catalog/locations`, base);
  if (options.dryRun) {
    endpoint.searchParams.set('dryRun', 'true');
  }
  const url = endpoint.toString();
  let response: AxiosResponse<string>;
  try {
    response = await axios.post<string>(url, JSON.stringify({ type: 'url', target }), {
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxContentLength: MAX_ANSWER_BYTES,
      maxRedirects: 0,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        ...(isLoopbackHost(base.hostname) ? { 'Accept-Encoding': 'identity' } : {}),
        ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    throw new LocationRegistrationError(
      `${displayUrl(url)} could not be reached (${error instanceof Error ? error.message : String(error)})`,
      undefined,
      undefined,
    );
  }
  if (response.status >= 200 && response.status < 300) {
    return parseRegistration(response, url);
  }
  const { name, message } = backstageError(typeof response.data === 'string' ? response.data : '');
  if (message) {
    throw new LocationRegistrationError(message, response.status, name);
  }
  const hint =
    response.status === 401
      ? ' (sign in to the registry first)'
      : response.status >= 300 && response.status < 400
        ? ' (a redirect; the registry baseUrl may be wrong)'
        : '';
  throw new LocationRegistrationError(
    `${displayUrl(url)} answered HTTP ${response.status}${hint}`,
    response.status,
    undefined,
  );
}

/**
 * `kind:namespace/name` of what a dry run says the backend would create from the URL, without
 * the Location it generates for the URL itself (that one is Backstage's, not the user's).
 */
export function entityRefsToCome(registration: LocationRegistration): string[] {
  return registration.entities
    .filter((entity) => entity.kind.toLowerCase() !== 'location')
    .map((entity) => formatEntityRef(entity).toLowerCase());
}

export interface WaitForEntitiesOptions {
  /** Sent as a bearer token to the registry's own origin only. */
  readonly token?: string | undefined;
  /** How long Backstage gets to read the new location; default 60 s. */
  readonly timeoutMs?: number;
  /** Between two looks; default 1 s. */
  readonly intervalMs?: number;
  readonly signal?: AbortSignal;
  /** Test seam: how to wait between looks. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Test seam: what time it is. */
  readonly now?: () => number;
}

/**
 * Waits until the backend serves every ref: a real registration answers before Backstage has
 * read the location (its `entities` is empty), and a sync started at once finds nothing new.
 * Resolves with the refs still missing when time ran out (empty: all are served); a failure
 * to ask counts as not served yet, so the wait ends by the clock, never by an error.
 */
export async function waitForEntities(
  baseUrl: string,
  refs: readonly string[],
  options: WaitForEntitiesOptions = {},
): Promise<string[]> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now() + (options.timeoutMs ?? 60_000);
  const config = { name: 'registration', baseUrl };
  const http = {
    token: options.token,
    tokenOrigin: registryOrigin(baseUrl),
    timeoutMs: 15_000,
    retries: 0,
    signal: options.signal,
  };
  let missing = [...refs];
  for (;;) {
    const served = await Promise.all(
      missing.map((ref) =>
        httpGetJson(entityByNameUrl(config, ref), http).then(
          (answer) => isNameableEntity(answer),
          () => false,
        ),
      ),
    );
    missing = missing.filter((_, index) => !served[index]);
    if (missing.length === 0 || options.signal?.aborted || now() >= deadline) {
      return missing;
    }
    await sleep(options.intervalMs ?? 1000);
  }
}
