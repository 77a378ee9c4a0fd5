import * as path from 'node:path';
import { isRelativeInside, type CatalogFileSystem } from '../catalog/catalogFileSystem';
import { PathIdentity } from '../catalog/pathIdentity';

/** Limits on what reading a repository may cost: it is someone else's folder. */
export interface ReadBudget {
  /** A manifest larger than this is not read (its facts are not inferred; the reason says so). */
  readonly maxFileBytes: number;
  /** Entries visited by a walk, all folders together. */
  readonly maxEntries: number;
  /** Folder depth below the repository root that a walk descends to. */
  readonly maxDepth: number;
}

export const DEFAULT_READ_BUDGET: ReadBudget = { maxFileBytes: 512 * 1024, maxEntries: 20_000, maxDepth: 8 };

/** Folders no inference looks into: installed dependencies, build output and VCS internals. */
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  'vendor',
  'target',
  'dist',
  'build',
  'out',
  'bin',
  'obj',
  '.venv',
  'venv',
  '__pycache__',
  '.gradle',
  '.idea',
  '.vscode',
]);

export type TextRead =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'too-large'; readonly size: number };

export interface WalkedFile {
  /** POSIX path relative to the repository root. */
  readonly relative: string;
  readonly size: number;
}

/**
 * Every file read during onboarding goes through here: paths are checked to stay inside the
 * boundary folder once links are resolved, reads are capped, walks are capped and skip
 * dependency folders, and a folder reached twice through links is walked once.
 */
export class FolderFiles {
  private readonly identity: PathIdentity;
  private readonly walks = new Map<string, WalkedFile[]>();
  /** True when the walk stopped at the entry cap: absence of a file is then not evidence. */
  truncated = false;

  constructor(
    private readonly fs: CatalogFileSystem,
    /** Nothing outside this folder is read, even through a link. */
    readonly boundary: string,
    readonly budget: ReadBudget = DEFAULT_READ_BUDGET,
  ) {
    this.identity = new PathIdentity(fs, boundary);
  }

  /** The absolute path of a boundary-relative POSIX path. */
  absolute(relative: string): string {
    return relative === '' ? this.boundary : path.join(this.boundary, ...relative.split('/'));
  }

  /** The boundary-relative POSIX path of an absolute path lexically inside the boundary. */
  relativeOf(absolute: string): string | undefined {
    const relative = path.relative(this.boundary, path.resolve(this.boundary, absolute));
    return isRelativeInside(relative) ? relative.split(path.sep).join('/') : undefined;
  }

  async readText(relative: string, maxBytes = this.budget.maxFileBytes): Promise<TextRead> {
    const file = this.absolute(relative);
    const lookup = await this.identity.lookup(file);
    if (lookup.kind !== 'inside') {
      return { kind: 'missing' };
    }
    const stat = await this.fs.stat(lookup.path);
    if (!stat?.isFile) {
      return { kind: 'missing' };
    }
    if (stat.size > maxBytes) {
      return { kind: 'too-large', size: stat.size };
    }
    try {
      const bytes = await this.fs.readFile(lookup.path);
      // A file that grew since stat is still capped.
      return {
        kind: 'text',
        text: new TextDecoder().decode(bytes.byteLength > maxBytes ? bytes.subarray(0, maxBytes) : bytes),
      };
    } catch {
      return { kind: 'missing' };
    }
  }

  async isFile(relative: string): Promise<boolean> {
    const lookup = await this.identity.lookup(this.absolute(relative));
    return lookup.kind === 'inside' && (await this.fs.stat(lookup.path))?.isFile === true;
  }

  async isDirectory(relative: string): Promise<boolean> {
    const lookup = await this.identity.lookup(this.absolute(relative));
    return lookup.kind === 'inside' && (await this.fs.stat(lookup.path))?.isDirectory === true;
  }

  /**
   * Every file below the boundary (skipped folders aside), breadth first so the cap keeps the
   * shallow files that say most. Links are followed only when they stay inside; a real folder
   * is walked once, so link loops end.
   */
  async files(under = ''): Promise<readonly WalkedFile[]> {
    const cached = this.walks.get(under);
    if (cached) {
      return cached;
    }
    const found: WalkedFile[] = [];
    this.walks.set(under, found);
    const seenFolders = new Set<string>();
    const start = await this.identity.lookup(this.absolute(under));
    if (start.kind !== 'inside') {
      return found;
    }
    seenFolders.add(start.real);
    // Each folder carries its real path, so a link back to any folder already walked is seen.
    let queue: { relative: string; real: string; depth: number }[] = [{ relative: under, real: start.real, depth: 0 }];
    let visited = 0;
    while (queue.length > 0) {
      const next: { relative: string; real: string; depth: number }[] = [];
      for (const folder of queue) {
        let entries;
        try {
          entries = await this.fs.readDirectory(this.absolute(folder.relative));
        } catch {
          continue;
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const entry of entries) {
          if (++visited > this.budget.maxEntries) {
            this.truncated = true;
            return found;
          }
          const relative = folder.relative === '' ? entry.name : `${folder.relative}/${entry.name}`;
          let isFile = entry.isFile;
          let isDirectory = entry.isDirectory;
          let size = 0;
          let real = path.join(folder.real, entry.name);
          if (entry.isSymbolicLink) {
            const lookup = await this.identity.lookup(this.absolute(relative));
            if (lookup.kind !== 'inside') {
              continue;
            }
            const stat = await this.fs.stat(lookup.path);
            isFile = stat?.isFile === true;
            isDirectory = stat?.isDirectory === true;
            size = stat?.size ?? 0;
            real = lookup.real;
          }
          if (isDirectory) {
            if (seenFolders.has(real)) {
              continue;
            }
            seenFolders.add(real);
          }
          if (isDirectory && !SKIPPED_FOLDERS.has(entry.name) && folder.depth < this.budget.maxDepth) {
            next.push({ relative, real, depth: folder.depth + 1 });
          } else if (isFile) {
            found.push({ relative, size });
          }
        }
      }
      queue = next;
    }
    return found;
  }
}

/** The POSIX path of `relative` below `folder` ('' is the root). */
export function joinRelative(folder: string, relative: string): string {
  return folder === '' ? relative : `${folder}/${relative}`;
}
