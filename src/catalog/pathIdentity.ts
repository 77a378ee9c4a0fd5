import * as path from 'node:path';
import { isInsideFolder, type CatalogFileSystem } from './catalogFileSystem';

/** Where a path leads once symbolic links are resolved. */
export type PathLookup =
  /** Inside the workspace folder: `path` is its identity (see `PathIdentity`). */
  | { readonly kind: 'inside'; readonly path: string; readonly real: string }
  | { readonly kind: 'outside'; readonly real: string }
  /** Nothing there, or a link to nothing or to a loop (realpath fails on both). */
  | { readonly kind: 'missing' };

/**
 * The one identity of a file in a workspace folder: its real path (every symbolic link
 * resolved), written below the folder as the user opened it. Two links to one file, or a file
 * reached through a link loop, get the same identity, so loops end and each file counts once.
 *
 * Why the real path and not the first lexical path seen: it does not depend on the order files
 * were found (an incremental update ends where a full load does), it is the path the file
 * watcher reports when the file is edited, and it names the file that holds the text. It is
 * rebased onto the folder as opened (not `/private/tmp/...` for a folder opened as `/tmp/...`)
 * so every path shown stays under the workspace folder the user chose.
 *
 * realpath is a syscall per path: answers are cached until `reset()` (once per load and per
 * file event), and files that discovery reaches without passing a link need no lookup at all.
 */
export class PathIdentity {
  private realRoot: Promise<string> | undefined;
  private readonly lookups = new Map<string, Promise<PathLookup>>();

  constructor(
    private readonly fs: CatalogFileSystem,
    readonly root: string,
  ) {}

  /** Forgets every answer: links may have changed on disk. */
  reset(): void {
    this.lookups.clear();
    this.realRoot = undefined;
  }

  realRootPath(): Promise<string> {
    this.realRoot ??= this.fs.realPath(this.root).then((real) => real ?? this.root);
    return this.realRoot;
  }

  lookup(file: string): Promise<PathLookup> {
    let answer = this.lookups.get(file);
    if (!answer) {
      answer = this.resolve(file);
      this.lookups.set(file, answer);
    }
    return answer;
  }

  /** The identity of a real path inside the real root, written under the root as opened. */
  rebase(realRoot: string, real: string): string {
    return realRoot === this.root ? real : path.join(this.root, path.relative(realRoot, real));
  }

  private async resolve(file: string): Promise<PathLookup> {
    const [real, realRoot] = await Promise.all([this.fs.realPath(file), this.realRootPath()]);
    if (real === undefined) {
      return { kind: 'missing' };
    }
    if (!isInsideFolder(realRoot, real)) {
      return { kind: 'outside', real };
    }
    return { kind: 'inside', path: this.rebase(realRoot, real), real };
  }
}

/** True when a root-relative POSIX path has a `.git` segment (any case: macOS and Windows fold it). */
export function isInGitFolder(relativePosixPath: string): boolean {
  return relativePosixPath.split('/').some((segment) => segment.toLowerCase() === '.git');
}
