import axios, { type AxiosResponse } from 'axios';
import type { Entity } from '@backstage/catalog-model';
import { isLoopbackHost } from './loopbackHost';
import { displayUrl } from './registryErrors';
import { isNameableEntity } from './registryRecords';

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
