import type { GitFacts } from './gitRemote';
import type { Inference } from './proposalTypes';

/** A web URL of a folder in the repository, in the host's own URL scheme. */
function treeUrl(git: GitFacts, subPath: string): string | undefined {
  const remote = git.remote;
  if (!remote) {
    return undefined;
  }
  const branch = git.branch ?? 'HEAD';
  const below = subPath === '' ? '' : `${subPath.split('/').map(encodeURIComponent).join('/')}/`;
  if (remote.host.includes('github')) {
    return `${remote.webUrl}/tree/${branch}/${below}`;
  }
  if (remote.host.includes('gitlab')) {
    return `${remote.webUrl}/-/tree/${branch}/${below}`;
  }
  if (remote.host.includes('bitbucket')) {
    return `${remote.webUrl}/src/${branch}/${below}`;
  }
  return subPath === '' ? `${remote.webUrl}/` : undefined;
}

/**
 * `github.com/project-slug` / `gitlab.com/project-slug` and `backstage.io/source-location` of a
 * package at `subPath` (relative to the repository root), from the remote .git/config names.
 */
export function repositoryAnnotations(git: GitFacts, subPath: string): Map<string, Inference<string>> {
  const annotations = new Map<string, Inference<string>>();
  const remote = git.remote;
  if (!remote) {
    return annotations;
  }
  const from = `the ${remote.remoteName} remote ${remote.written} in ${git.root === '' ? '' : `${git.root}/`}.git/config`;
  if (remote.host.includes('github')) {
    annotations.set('github.com/project-slug', { value: remote.slug, reason: from });
  } else if (remote.host.includes('gitlab')) {
    annotations.set('gitlab.com/project-slug', { value: remote.slug, reason: from });
  }
  const url = treeUrl(git, subPath);
  if (url) {
    const branch = git.branchReason ?? 'branch unknown: HEAD, the default branch';
    annotations.set('backstage.io/source-location', { value: `url:${url}`, reason: `${from}; ${branch}` });
  }
  return annotations;
}
