import { parseEntityRef } from '@backstage/catalog-model';
import type { RegistryConfig } from './catalogApiClient';
import { httpPostJsonText, parseJsonBody, type HttpOptions } from './httpGetJson';
import { displayUrl, RegistryError } from './registryErrors';
import { registryOrigin } from './registryTrust';

/*
 * Client of Backstage Tech Insights (`@backstage-community/plugin-tech-insights-backend`):
 * `POST /api/tech-insights/checks/run/{namespace}/{kind}/{name}` runs the backend's checks for
 * one entity. The answer comes from a server we do not control: its shape, sizes and counts are
 * checked, and results are keyed in a Map by check id.
 */

/** One check result as the backend served it, after validation. */
export interface TechInsightsResult {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly passed: boolean;
}

export type TechInsightsAnswer =
  | { readonly state: 'results'; readonly results: ReadonlyMap<string, TechInsightsResult>; readonly skipped: number }
  /** The backend has no Tech Insights (404 on its route). */
  | { readonly state: 'unavailable' };

export const TECH_INSIGHTS_MAX_BYTES = 1024 * 1024;
export const TECH_INSIGHTS_MAX_RESULTS = 500;
const MAX_ID = 200;
const MAX_NAME = 500;
const MAX_DESCRIPTION = 4000;
const DEFAULT_TIMEOUT_MS = 15_000;

export interface TechInsightsOptions extends Pick<HttpOptions, 'timeoutMs' | 'signal'> {
  /** The token the catalog client of this registry was given (trust already decided). */
  readonly token?: string | undefined;
  /** Test seam: how the POST is made. */
  readonly post?: (url: string, body: unknown, options: HttpOptions) => Promise<string>;
}

/** The run URL for an entity ref, or undefined when the ref does not parse. */
export function techInsightsRunUrl(baseUrl: string, ref: string): string | undefined {
  let parsed: { kind: string; namespace: string; name: string };
  try {
    parsed = parseEntityRef(ref);
  } catch {
    return undefined;
  }
  const base = new URL(baseUrl);
  const path = [parsed.namespace, parsed.kind.toLowerCase(), parsed.name]
    .map((part) => encodeURIComponent(part))
    .join('/');
  return new URL(`${base.pathname.replace(/\/+$/, '')}/api/tech-insights/checks/run/${path}`, base).toString();
}

/** Runs the registry's Tech Insights checks for one entity. */
export async function runTechInsightsChecks(
  config: RegistryConfig,
  ref: string,
  options: TechInsightsOptions = {},
): Promise<TechInsightsAnswer> {
  const origin = registryOrigin(config.baseUrl);
  if (origin === undefined) {
    throw new RegistryError('bad-response', config.baseUrl, 'only http and https registries are supported');
  }
  const url = techInsightsRunUrl(config.baseUrl, ref);
  if (url === undefined) {
    throw new RegistryError('bad-response', displayUrl(config.baseUrl), `not an entity ref: ${ref}`);
  }
  const post = options.post ?? httpPostJsonText;
  let body: string;
  try {
    // The token goes only to the registry's own origin (redirects are not followed).
    body = await post(
      url,
      {},
      {
        token: options.token,
        tokenOrigin: origin,
        maxBytes: TECH_INSIGHTS_MAX_BYTES,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        signal: options.signal,
        retries: 0,
      },
    );
  } catch (error) {
    if (error instanceof RegistryError && error.kind === 'not-found') {
      return { state: 'unavailable' };
    }
    throw error;
  }
  return parseTechInsightsResults(parseJsonBody(body, url, options.token), url);
}

/** Checks a run answer: a list of `{ check: { id, name, description }, result: boolean }`. */
export function parseTechInsightsResults(parsed: unknown, url: string): TechInsightsAnswer {
  if (!Array.isArray(parsed)) {
    throw new RegistryError('bad-response', displayUrl(url), 'expected a list of check results');
  }
  if (parsed.length > TECH_INSIGHTS_MAX_RESULTS) {
    throw new RegistryError(
      'limit-exceeded',
      displayUrl(url),
      `${parsed.length} check results (at most ${TECH_INSIGHTS_MAX_RESULTS})`,
    );
  }
  const results = new Map<string, TechInsightsResult>();
  let skipped = 0;
  for (const item of parsed as unknown[]) {
    const result = resultOf(item);
    // A result without a boolean verdict (another checker type) or a repeated id is not shown.
    if (result === undefined || results.has(result.id)) {
      skipped++;
      continue;
    }
    results.set(result.id, result);
  }
  return { state: 'results', results, skipped };
}

function resultOf(item: unknown): TechInsightsResult | undefined {
  if (!isRecord(item) || typeof item['result'] !== 'boolean' || !isRecord(item['check'])) {
    return undefined;
  }
  const check = item['check'];
  const id = check['id'];
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID) {
    return undefined;
  }
  const name = typeof check['name'] === 'string' && check['name'].length > 0 ? clip(check['name'], MAX_NAME) : id;
  const description = typeof check['description'] === 'string' ? clip(check['description'], MAX_DESCRIPTION) : '';
  return { id, name, description, passed: item['result'] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
