// Backstage's scaffolder filters, written for the template realm: plain data in, plain data out,
// no Node API and no URL global (the realm has neither). The host re-exports them, so there is
// one implementation. Messages match the ones Backstage users know.

/** What `RepoUrlPicker` values (`github.com?owner=o&repo=r`) parse into. */
export interface RepoSpec {
  readonly host: string;
  readonly repo: string;
  readonly owner?: string;
  readonly organization?: string;
  readonly workspace?: string;
  readonly project?: string;
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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

/** Host names as `new URL('https://…').host` accepts them: letters, digits, `.-_`, an optional port or IPv6 brackets. */
const HOST = /^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

function decodeQueryPart(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** The first value of each query parameter, as URLSearchParams.get gives it. */
function queryValues(query: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (pair === '') {
      continue;
    }
    const equals = pair.indexOf('=');
    const name = decodeQueryPart(equals === -1 ? pair : pair.slice(0, equals));
    if (!values.has(name)) {
      values.set(name, decodeQueryPart(equals === -1 ? '' : pair.slice(equals + 1)));
    }
  }
  return values;
}

export function parseRepoUrl(value: unknown): RepoSpec {
  if (typeof value !== 'string' || value.length === 0) {
    throw new Error(`parseRepoUrl: expected a repo URL like "github.com?owner=o&repo=r", got ${JSON.stringify(value)}`);
  }
  const hostEnd = value.search(/[/?#]/);
  const host = (hostEnd === -1 ? value : value.slice(0, hostEnd)).toLowerCase().replace(/:443$/, '');
  if (!HOST.test(host)) {
    throw new Error(`parseRepoUrl: invalid repo URL ${JSON.stringify(value)}`);
  }
  const queryStart = value.indexOf('?');
  const fragment = value.indexOf('#');
  const query =
    queryStart === -1 || (fragment !== -1 && fragment < queryStart)
      ? ''
      : value.slice(queryStart + 1, fragment > queryStart ? fragment : undefined);
  const parameters = queryValues(query);
  const read = (name: string): string | undefined => parameters.get(name) || undefined;
  const optional = {
    owner: read('owner'),
    organization: read('organization'),
    workspace: read('workspace'),
    project: read('project'),
  };
  const repo = read('repo');
  const present = new Map<string, string | undefined>([...Object.entries(optional), ['repo', repo]]);
  const missing = requiredParameters(host, optional.project !== undefined).filter(
    (name) => present.get(name) === undefined,
  );
  if (missing.length > 0) {
    throw new Error(`parseRepoUrl: invalid repo URL ${JSON.stringify(value)}, missing ${missing.join(', ')}`);
  }
  const spec: { -readonly [K in keyof RepoSpec]: RepoSpec[K] } = { host, repo: repo ?? '' };
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

export interface CompoundRef {
  kind: string;
  namespace: string;
  name: string;
}

/** `@backstage/catalog-model`'s parseEntityRef, copied so the realm does not carry the whole model. */
function parseRef(ref: unknown, defaultKind: string | undefined, defaultNamespace: string | undefined): CompoundRef {
  if (!ref) {
    throw new Error('Entity reference must not be empty');
  }
  let kind: unknown;
  let namespace: unknown;
  let name: unknown;
  if (typeof ref === 'string') {
    let colon = ref.indexOf(':');
    const slash = ref.indexOf('/');
    if (slash !== -1 && slash < colon) {
      colon = -1;
    }
    const parsedKind = colon === -1 ? undefined : ref.slice(0, colon);
    const parsedNamespace = slash === -1 ? undefined : ref.slice(colon + 1, slash);
    name = ref.slice(Math.max(colon + 1, slash + 1));
    if (parsedKind === '' || parsedNamespace === '' || name === '') {
      throw new TypeError(`Entity reference "${ref}" was not on the form [<kind>:][<namespace>/]<name>`);
    }
    kind = parsedKind ?? defaultKind;
    namespace = parsedNamespace ?? defaultNamespace ?? 'default';
  } else {
    const record = isPlainRecord(ref) ? ref : {};
    kind = record['kind'] ?? defaultKind;
    namespace = record['namespace'] ?? defaultNamespace ?? 'default';
    name = record['name'];
  }
  const missing = !kind
    ? 'kind (e.g. did not start with "component:" or similar)'
    : !namespace
      ? 'namespace'
      : !name
        ? 'name'
        : undefined;
  if (missing) {
    throw new Error(`Entity reference ${JSON.stringify(ref)} had missing or empty ${missing}`);
  }
  return { kind: String(kind), namespace: String(namespace), name: String(name) };
}

export function parseEntityRefFilter(value: unknown, context?: unknown): CompoundRef {
  const options = isPlainRecord(context) ? context : {};
  const defaultKind =
    typeof options['defaultKind'] === 'string' && options['defaultKind'] !== '' ? options['defaultKind'] : undefined;
  const defaultNamespace =
    typeof options['defaultNamespace'] === 'string' && options['defaultNamespace'] !== ''
      ? options['defaultNamespace']
      : undefined;
  if (typeof value !== 'string' && !isPlainRecord(value)) {
    throw new Error(`parseEntityRef: expected an entity ref, got ${JSON.stringify(value)}`);
  }
  try {
    return parseRef(value, defaultKind, defaultNamespace);
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
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, key)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The filters Backstage adds to Nunjucks, by the names templates use. */
export const SCAFFOLDER_FILTERS: ReadonlyArray<readonly [string, (...args: unknown[]) => unknown]> = [
  ['parseRepoUrl', (value) => parseRepoUrl(value)],
  ['parseEntityRef', (value, context) => parseEntityRefFilter(value, context)],
  ['pick', (value, propertyPath) => pick(value, propertyPath)],
  ['projectSlug', (value) => projectSlug(value)],
];
