import { parseEntityRef as parseRef } from '@backstage/catalog-model';
import { isPlainObject } from './parameterPages';

/** What `RepoUrlPicker` values (`github.com?owner=o&repo=r`) parse into. */
export interface RepoSpec {
  readonly host: string;
  readonly repo: string;
  readonly owner?: string;
  readonly organization?: string;
  readonly workspace?: string;
  readonly project?: string;
}

/** Names stripped from lookups so a template cannot climb from data to `Function` (see nunjucksHardening). */
export const BLOCKED_KEYS: ReadonlySet<string> = new Set([
  'constructor',
  'prototype',
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'caller',
  'callee',
  'arguments',
]);

/**
 * Backstage decides which query parameters are required by the integration configured for the
 * host; a local run has no integrations, so the host name stands in for it.
 */
function requiredParameters(host: string, hasProject: boolean): string[] {
  if (host.includes('bitbucket')) {
    return host === 'bitbucket.org' ? ['workspace', 'project', 'repo'] : ['project', 'repo'];
  }
  if (host === 'dev.azure.com' || host.endsWith('.visualstudio.com')) {
    return ['project', 'repo'];
  }
  if (host.includes('gitlab')) {
    return hasProject ? [] : ['owner', 'repo'];
  }
  if (host.includes('gitea') || host.includes('gerrit')) {
    return ['repo'];
  }
  return ['repo', 'owner'];
}

export function parseRepoUrl(value: unknown): RepoSpec {
  if (typeof value !== 'string' || value.length === 0) {
    throw new Error(`parseRepoUrl: expected a repo URL like "github.com?owner=o&repo=r", got ${JSON.stringify(value)}`);
  }
  let url: URL;
  try {
    url = new URL(`https://${value}`);
  } catch {
    throw new Error(`parseRepoUrl: invalid repo URL ${JSON.stringify(value)}`);
  }
  const read = (name: string): string | undefined => url.searchParams.get(name) || undefined;
  const optional = { owner: read('owner'), organization: read('organization'), workspace: read('workspace'), project: read('project') };
  const repo = read('repo');
  const present: Record<string, string | undefined> = { ...optional, repo };
  const missing = requiredParameters(url.host, optional.project !== undefined).filter((name) => present[name] === undefined);
  if (missing.length > 0) {
    throw new Error(`parseRepoUrl: invalid repo URL ${JSON.stringify(value)}, missing ${missing.join(', ')}`);
  }
  const spec: { -readonly [K in keyof RepoSpec]: RepoSpec[K] } = { host: url.host, repo: repo ?? '' };
  for (const key of ['owner', 'organization', 'workspace', 'project'] as const) {
    const part = optional[key];
    if (part !== undefined) {
      spec[key] = part;
    }
  }
  return spec;
}

export function projectSlug(value: unknown): string {
  const { owner, repo } = parseRepoUrl(value);
  return `${owner ?? ''}/${repo}`;
}

export function parseEntityRefFilter(value: unknown, context?: unknown): { kind: string; namespace: string; name: string } {
  const options = isPlainObject(context) ? context : {};
  const defaultKind = typeof options['defaultKind'] === 'string' ? options['defaultKind'] : undefined;
  const defaultNamespace = typeof options['defaultNamespace'] === 'string' ? options['defaultNamespace'] : undefined;
  if (typeof value !== 'string' && !isPlainObject(value)) {
    throw new Error(`parseEntityRef: expected an entity ref, got ${JSON.stringify(value)}`);
  }
  try {
    const ref = parseRef(value as string, { ...(defaultKind ? { defaultKind } : {}), ...(defaultNamespace ? { defaultNamespace } : {}) });
    return { kind: ref.kind, namespace: ref.namespace, name: ref.name };
  } catch (error) {
    throw new Error(`parseEntityRef: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** lodash `get` over own data properties only: `a.b[0].c`; unknown paths give undefined. */
export function pick(value: unknown, propertyPath: unknown): unknown {
  if (typeof propertyPath !== 'string') {
    return undefined;
  }
  const keys = propertyPath.split(/[.[\]]/).filter((key) => key.length > 0);
  let current: unknown = value;
  for (const key of keys) {
    if (BLOCKED_KEYS.has(key) || current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The filters Backstage adds to Nunjucks, by the names templates use. */
export const SCAFFOLDER_FILTERS: Readonly<Record<string, (...args: unknown[]) => unknown>> = {
  parseRepoUrl: (value) => parseRepoUrl(value),
  parseEntityRef: (value, context) => parseEntityRefFilter(value, context),
  pick: (value, propertyPath) => pick(value, propertyPath),
  projectSlug: (value) => projectSlug(value),
};
