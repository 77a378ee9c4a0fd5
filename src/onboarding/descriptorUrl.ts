import * as path from 'node:path';
import type { CatalogFileSystem } from '../catalog/catalogFileSystem';
import { FolderFiles } from './folderFiles';
import { readGitFacts } from './gitRemote';

/**
 * The URL a Backstage backend can read a workspace file from: the file's page on its git host
 * (`…/blob/<branch>/<path>` on GitHub, `…/-/blob/…` on GitLab, `…/src/…` on Bitbucket), from
 * the repository's .git files inside `boundary`. Undefined when no hosted remote is known.
 */
export async function descriptorUrl(
  fs: CatalogFileSystem,
  boundary: string,
  file: string,
): Promise<{ url: string; reason: string } | undefined> {
  const files = new FolderFiles(fs, boundary);
  const relative = files.relativeOf(file);
  if (relative === undefined) {
    return undefined;
  }
  let folder = path.posix.dirname(relative);
  for (;;) {
    const current = folder === '.' ? '' : folder;
    const dotGit = current === '' ? '.git' : `${current}/.git`;
    if ((await files.isDirectory(dotGit)) || (await files.isFile(dotGit))) {
      const git = await readGitFacts(files, current);
      if (!git.remote) {
        return undefined;
      }
      const inRepository = path.posix.relative(current, relative).split('/').map(encodeURIComponent).join('/');
      const branch = git.branch ?? 'HEAD';
      const { host, webUrl } = git.remote;
      const blob = host.includes('gitlab')
        ? `${webUrl}/-/blob/${branch}/${inRepository}`
        : host.includes('bitbucket')
          ? `${webUrl}/src/${branch}/${inRepository}`
          : `${webUrl}/blob/${branch}/${inRepository}`;
      return {
        url: blob,
        reason: `the ${git.remote.remoteName} remote ${git.remote.written}, ${git.branchReason ?? 'branch HEAD'}`,
      };
    }
    if (current === '') {
      return undefined;
    }
    folder = path.posix.dirname(current);
  }
}
