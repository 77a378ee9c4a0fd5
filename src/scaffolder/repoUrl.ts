import { parseRepoUrl } from './filters';

/** What a RepoUrlPicker answer becomes: Backstage's `host?owner=o&repo=r`, or why it cannot. */
export type RepoUrlAnswer = { readonly value: string } | { readonly error: string };

export interface RepoUrlRules {
  /** `ui:options.allowedHosts`: when given, the host must be one of them. */
  readonly allowedHosts?: readonly string[];
  readonly allowedOwners?: readonly string[];
  readonly allowedRepos?: readonly string[];
}

const EXAMPLE =
  'https://github.com/owner/repo, github.com/owner/repo, git@github.com:owner/repo.git or github.com?owner=owner&repo=repo';
/** One path segment of an owner or repository name: no separators, no dot-only names. */
const SEGMENT = /^(?!\.{1,2}$)[A-Za-z0-9._-]{1,100}$/;
const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/;

function fromPath(host: string, pathText: string): RepoUrlAnswer {
  const segments = pathText
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .split('/')
    .filter((segment) => segment !== '');
  // GitHub-style URLs often carry more after owner/repo (`/tree/main/src`); GitLab uses `/-/`.
  const dash = segments.indexOf('-');
  const wanted =
    host === 'github.com' || host.endsWith('.github.com')
      ? segments.slice(0, 2)
      : dash >= 0
        ? segments.slice(0, dash)
        : segments;
  if (wanted.length < 2) {
    return { error: `A repository location needs an owner and a repository name, such as ${EXAMPLE}.` };
  }
  const repo = wanted[wanted.length - 1] ?? '';
  const owners = wanted.slice(0, -1);
  const bad = [...owners, repo].find((segment) => !SEGMENT.test(segment));
  if (bad !== undefined) {
    return { error: `"${bad}" is not a valid owner or repository name (letters, digits, ".", "_" and "-").` };
  }
  return { value: `${host}?owner=${encodeURIComponent(owners.join('/'))}&repo=${encodeURIComponent(repo)}` };
}

/** Splits the accepted forms into host and path; the query form passes through whole. */
function split(text: string): { host: string; path: string } | { query: string } | { error: string } {
  const scp = /^git@([^/:@\s]+):(.+)$/.exec(text);
  if (scp) {
    return { host: scp[1] ?? '', path: scp[2] ?? '' };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(text);
  if (scheme) {
    const protocol = (scheme[1] ?? '').toLowerCase();
    if (protocol !== 'https' && protocol !== 'http' && protocol !== 'ssh') {
      return { error: `"${protocol}:" is not a repository location; use ${EXAMPLE}.` };
    }
    const rest = scheme[2] ?? '';
    const authorityEnd = rest.search(/[/?#]/);
    const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
    const at = authority.lastIndexOf('@');
    // Credentials in the location would end up in the generated files; only ssh's `git@` is a user name.
    if (at >= 0 && !(protocol === 'ssh' && authority.slice(0, at) === 'git')) {
      return { error: 'A repository location must not contain a user name or password.' };
    }
    const host = authority.slice(at + 1);
    const remainder = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
    if (remainder.startsWith('?')) {
      return { query: `${host}${remainder}` };
    }
    return { host, path: remainder.replace(/[?#].*$/, '') };
  }
  const hostEnd = text.search(/[/?#]/);
  if (hostEnd === -1) {
    return { error: `A repository location needs an owner and a repository name, such as ${EXAMPLE}.` };
  }
  if (text[hostEnd] === '?') {
    return { query: text };
  }
  if (text[hostEnd] === '#') {
    return { error: `Use ${EXAMPLE}.` };
  }
  return { host: text.slice(0, hostEnd), path: text.slice(hostEnd).replace(/[?#].*$/, '') };
}

function allowed(list: readonly string[] | undefined, value: string | undefined, what: string): string | undefined {
  if (!list || list.length === 0 || (value !== undefined && list.includes(value))) {
    return undefined;
  }
  return `The ${what} must be one of: ${list.join(', ')}.`;
}

/**
 * Accepts a repository location in each form people paste — `https://github.com/o/r`,
 * `github.com/o/r`, `git@github.com:o/r.git`, `github.com?owner=o&repo=r` — and gives the
 * `host?owner=o&repo=r` form Backstage's RepoUrlPicker produces, checked by the same parser the
 * template's `parseRepoUrl` uses, so a value accepted here renders.
 */
export function normalizeRepoUrl(input: string, rules: RepoUrlRules = {}): RepoUrlAnswer {
  const text = input.trim();
  if (text === '') {
    return { error: `Enter a repository location, such as ${EXAMPLE}.` };
  }
  if ([...text].some((char) => char <= ' ' || char === '\u007f' || char === '\\')) {
    return { error: 'A repository location cannot contain spaces, control characters or backslashes.' };
  }
  const parts = split(text);
  if ('error' in parts) {
    return parts;
  }
  let candidate: RepoUrlAnswer;
  if ('query' in parts) {
    candidate = { value: parts.query.replace(/#.*$/, '') };
  } else {
    const host = parts.host.toLowerCase().replace(/:443$/, '');
    if (!HOST.test(host)) {
      return { error: `"${parts.host}" is not a host name.` };
    }
    candidate = fromPath(host, parts.path);
  }
  if ('error' in candidate) {
    return candidate;
  }
  try {
    const spec = parseRepoUrl(candidate.value);
    const problem =
      allowed(rules.allowedHosts, spec.host, 'host') ??
      allowed(rules.allowedOwners, spec.owner, 'owner') ??
      allowed(rules.allowedRepos, spec.repo, 'repository');
    return problem ? { error: problem } : { value: candidate.value };
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^parseRepoUrl: /, '') : String(error);
    return { error: `${detail}. Use ${EXAMPLE}.` };
  }
}

/** The RepoUrlPicker rules a field's `ui:options` states. */
export function repoUrlRules(options: Readonly<Record<string, unknown>>): RepoUrlRules {
  const list = (key: string): string[] | undefined => {
    const value = options[key];
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
  };
  const hosts = list('allowedHosts');
  const owners = list('allowedOwners');
  const repos = list('allowedRepos');
  return {
    ...(hosts ? { allowedHosts: hosts } : {}),
    ...(owners ? { allowedOwners: owners } : {}),
    ...(repos ? { allowedRepos: repos } : {}),
  };
}
