import type { FolderFiles } from './folderFiles';

const MAX_GIT_FILE_BYTES = 256 * 1024;

/** Where a repository lives, as its remote URL says. */
export interface GitRemote {
  /** `github.com`, `gitlab.example.com`… lower case, without port. */
  readonly host: string;
  /** `org/repo`, `group/subgroup/repo` (no `.git`). */
  readonly slug: string;
  /** https URL of the repository's web page. */
  readonly webUrl: string;
  /** The remote as written in .git/config (credentials removed). */
  readonly written: string;
  /** The remote's name (`origin`, …). */
  readonly remoteName: string;
}

export interface GitFacts {
  /** Boundary-relative POSIX path of the repository's root (the folder holding `.git`). */
  readonly root: string;
  readonly remote?: GitRemote | undefined;
  /** The default branch, when .git says it (origin/HEAD), else the checked-out branch. */
  readonly branch?: string | undefined;
  readonly branchReason?: string | undefined;
  /** Why no remote could be read, when none was. */
  readonly problem?: string | undefined;
}

/**
 * Parses the ways a git remote is written: `https://host/org/repo.git`, `ssh://git@host:22/org/repo`,
 * scp-like `git@host:org/repo.git`, `git://host/org/repo`. Undefined for local paths and
 * anything without an owner and a repository.
 */
export function parseRemoteUrl(url: string, remoteName = 'origin'): GitRemote | undefined {
  const written = url.trim();
  let host: string | undefined;
  let repositoryPath: string | undefined;
  const scpLike = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(written);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(written)) {
    let parsed: URL;
    try {
      parsed = new URL(written.replace(/^git\+/, ''));
    } catch {
      return undefined;
    }
    if (!['https:', 'http:', 'ssh:', 'git:'].includes(parsed.protocol)) {
      return undefined;
    }
    host = parsed.hostname;
    repositoryPath = decodeURIComponent(parsed.pathname);
  } else if (scpLike && !/^[A-Za-z]$/.test(scpLike[1] ?? '')) {
    // `C:\repo` is a Windows path, not host `C`.
    host = scpLike[1];
    repositoryPath = scpLike[2];
  }
  if (!host || !repositoryPath) {
    return undefined;
  }
  const segments = repositoryPath
    .replace(/\.git\/?$/, '')
    .split('/')
    .filter((segment) => segment.length > 0);
  if (
    segments.length < 2 ||
    segments.some((segment) => segment === '..' || segment === '.' || /[\s?#]/.test(segment))
  ) {
    return undefined;
  }
  // ssh.dev.azure.com and friends keep their own web hosts; the common ones map to their site.
  const normalisedHost = host
    .toLowerCase()
    .replace(/^ssh\./, '')
    .replace(/^www\./, '');
  const slug = segments.join('/');
  return {
    host: normalisedHost,
    slug,
    webUrl: `https://${normalisedHost}/${slug}`,
    written: withoutCredentials(written),
    remoteName,
  };
}

/** A remote URL without `user:token@`, so no secret reaches a descriptor or a message. */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]+@/i, '$1');
}

/** `[remote "origin"] url = …` sections of a git config, in file order. */
export function remotesOfConfig(text: string): { name: string; url: string }[] {
  const remotes: { name: string; url: string }[] = [];
  let current: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
    if (section) {
      current = section[1]?.toLowerCase() === 'remote' ? (section[2] ?? '').replace(/\\(.)/g, '$1') : undefined;
      continue;
    }
    const url = /^url\s*=\s*(.+)$/i.exec(line);
    if (current !== undefined && url?.[1] && !remotes.some((remote) => remote.name === current)) {
      remotes.push({ name: current, url: url[1].replace(/^"(.*)"$/, '$1').trim() });
    }
  }
  return remotes;
}

/** Where the git directory of a repository root is: `.git/`, or the folder a `.git` file points to. */
async function gitDirectory(files: FolderFiles, root: string): Promise<string | undefined> {
  const dotGit = root === '' ? '.git' : `${root}/.git`;
  if (await files.isDirectory(dotGit)) {
    return dotGit;
  }
  const pointer = await files.readText(dotGit, 4096);
  const target = pointer.kind === 'text' ? /^gitdir:\s*(.+?)\s*$/m.exec(pointer.text)?.[1] : undefined;
  if (!target) {
    return undefined;
  }
  // Relative to the folder holding the `.git` file; absolute ones must still lie inside the boundary.
  const absolute =
    target.startsWith('/') || /^[A-Za-z]:[\\/]/.test(target)
      ? target
      : files.absolute(root === '' ? target : `${root}/${target}`);
  const relative = files.relativeOf(absolute);
  return relative !== undefined && (await files.isDirectory(relative)) ? relative : undefined;
}

/** The repository whose root is `root`: its first remote (origin preferred) and branch, from files only. */
export async function readGitFacts(files: FolderFiles, root: string): Promise<GitFacts> {
  const gitDir = await gitDirectory(files, root);
  if (!gitDir) {
    return { root, problem: 'no .git folder or readable .git file inside the workspace' };
  }
  // A worktree's or submodule's gitdir holds `commondir`, which points at the config.
  let configDir = gitDir;
  const common = await files.readText(`${gitDir}/commondir`, 4096);
  if (common.kind === 'text') {
    const target = common.text.trim();
    const relative = files.relativeOf(target.startsWith('/') ? target : files.absolute(`${gitDir}/${target}`));
    if (relative !== undefined) {
      configDir = relative;
    }
  }
  const config = await files.readText(`${configDir}/config`, MAX_GIT_FILE_BYTES);
  const remotes = config.kind === 'text' ? remotesOfConfig(config.text) : [];
  const chosen = remotes.find((remote) => remote.name === 'origin') ?? remotes[0];
  const remote = chosen ? parseRemoteUrl(chosen.url, chosen.name) : undefined;
  const originHead = await files.readText(`${configDir}/refs/remotes/${chosen?.name ?? 'origin'}/HEAD`, 4096);
  const defaultBranch =
    originHead.kind === 'text' ? /^ref:\s*refs\/remotes\/[^/]+\/(\S+)/.exec(originHead.text)?.[1] : undefined;
  const head = await files.readText(`${gitDir}/HEAD`, 4096);
  const checkedOut = head.kind === 'text' ? /^ref:\s*refs\/heads\/(\S+)/.exec(head.text)?.[1] : undefined;
  const branch = defaultBranch ?? checkedOut;
  const branchReason = defaultBranch
    ? `${chosen?.name ?? 'origin'}/HEAD points at ${defaultBranch}`
    : checkedOut
      ? `the checked-out branch is ${checkedOut} (no origin/HEAD)`
      : undefined;
  const problem = remote
    ? undefined
    : chosen
      ? `the remote "${chosen.name}" (${withoutCredentials(chosen.url)}) is not a URL of a hosted repository`
      : 'the git config names no remote';
  return { root, remote, branch, branchReason, problem };
}
