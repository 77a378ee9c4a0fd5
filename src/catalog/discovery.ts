import * as path from 'node:path';
import picomatch from 'picomatch';
import { isInsideFolder, type CatalogFileSystem } from './catalogFileSystem';
import { isInGitFolder, PathIdentity } from './pathIdentity';
import { TimeSlicer } from './timeSlicer';

export const DEFAULT_CATALOG_GLOBS: readonly string[] = ['**/catalog-info.{yaml,yml}', '**/*.catalog-info.{yaml,yml}'];
/** Template skeletons hold `catalog-info.yaml` files full of `${{ }}` that are not entities yet. */
export const DEFAULT_EXCLUDE_GLOBS: readonly string[] = ['**/node_modules/**', '**/.git/**', '**/skeleton/**'];

export interface DiscoveryOptions {
  readonly catalogGlobs?: readonly string[];
  readonly exclude?: readonly string[];
}

export interface FolderListing {
  readonly root: string;
  /** Every file below the root, as root-relative POSIX paths as found; Location globs match against it. */
  readonly files: readonly string[];
  /**
   * The subset matched by the catalog globs, as absolute paths by identity (`PathIdentity`):
   * a link is replaced by the file it names, and a file reached by several paths appears once.
   */
  readonly catalogFiles: readonly string[];
  /** Listed links to files inside the root: `[as found, the file it names]`, root-relative POSIX. */
  readonly links: readonly (readonly [string, string])[];
  /** Catalog-glob matches that are links out of the root (or to nothing): absolute path, and where it leads. */
  readonly refusedLinks: readonly (readonly [string, string | null])[];
}

/** What a caller may learn, or set, while a folder is listed. */
export interface ListingHooks {
  /**
   * Told each catalog file (absolute path) as it is found, before the listing ends, so a load
   * can parse the first files while the rest of the folder is read. Only plain files: each is
   * its own identity, so each is in `catalogFiles` at the end; links are known only then.
   */
  readonly onCatalogFile?: (file: string) => void;
  /** How long the listing runs before it lets other work on its thread run (default 8 ms). */
  readonly sliceMs?: number;
}

export function toPosix(relativePath: string): string {
  return relativePath.split(path.sep).join('/');
}

export function createCatalogFileMatcher(options: DiscoveryOptions): (relativePosixPath: string) => boolean {
  const include = picomatch([...(options.catalogGlobs ?? DEFAULT_CATALOG_GLOBS)], { dot: true });
  const exclude = picomatch([...(options.exclude ?? DEFAULT_EXCLUDE_GLOBS)], { dot: true });
  return (relativePosixPath) => include(relativePosixPath) && !exclude(relativePosixPath);
}

/** Directories read at once: the reads run on libuv's thread pool, so a few overlap well. */
const LISTING_CONCURRENCY = 8;

/**
 * Lists a folder once: skips excluded directories (and `.git`, whatever the settings say)
 * without descending into them and does not follow symbolic links to directories (a link could
 * loop or leave the folder). A linked file counts as the file it names, and only when that
 * lies inside the root and outside the excluded folders. Nothing is stat'ed but links: every
 * other path was reached through real directories, so it already is its own real path below
 * the root. Several directories are read at once; the result is sorted, so it does not depend
 * on which read finished first.
 */
export async function listFolder(
  fs: CatalogFileSystem,
  root: string,
  options: DiscoveryOptions = {},
  hooks: ListingHooks = {},
): Promise<FolderListing> {
  const { onCatalogFile } = hooks;
  const excludeMatcher = picomatch([...(options.exclude ?? DEFAULT_EXCLUDE_GLOBS)], { dot: true });
  const excluded = (relativePath: string): boolean =>
    isInGitFolder(relativePath) || excludeMatcher(`${relativePath}/`) || excludeMatcher(relativePath);
  const isCatalogFile = createCatalogFileMatcher(options);
  const identity = new PathIdentity(fs, root);
  const realRoot = await identity.realRootPath();
  const files: string[] = [];
  const links: (readonly [string, string])[] = [];
  const refusedLinks: (readonly [string, string | null])[] = [];
  const pending: string[] = [''];
  let active = 0;
  const slicer = new TimeSlicer(hooks.sliceMs);
  const readOne = async (relativeDirectory: string): Promise<void> => {
    await slicer.maybeYield();
    let entries;
    try {
      entries = await fs.readDirectory(path.join(root, relativeDirectory));
    } catch {
      return; // unreadable folder: nothing to index there, and no reason to stop the rest
    }
    for (const entry of entries) {
      const relativePath = relativeDirectory ? `${relativeDirectory}/${entry.name}` : entry.name;
      if (entry.isDirectory) {
        if (!excluded(relativePath)) {
          pending.push(relativePath);
        }
      } else if (entry.isFile) {
        files.push(relativePath);
        if (onCatalogFile && isCatalogFile(relativePath)) {
          onCatalogFile(path.join(root, relativePath));
        }
      } else if (entry.isSymbolicLink) {
        const absolute = path.join(root, relativePath);
        const target = await fs.realPath(absolute);
        if (!target || !isInsideFolder(realRoot, target)) {
          if (isCatalogFile(relativePath)) {
            refusedLinks.push([absolute, target ?? null]);
          }
          continue;
        }
        const named = toPosix(path.relative(realRoot, target));
        if (named !== '' && !excluded(named) && (await fs.stat(target))?.isFile) {
          files.push(relativePath);
          links.push([relativePath, named]);
        }
      }
    }
  };
  await new Promise<void>((resolve) => {
    const pump = (): void => {
      while (active < LISTING_CONCURRENCY && pending.length > 0) {
        const next = pending.pop() ?? '';
        active++;
        const settled = (): void => {
          active--;
          pump();
        };
        void readOne(next).then(settled, settled);
      }
      if (active === 0 && pending.length === 0) {
        resolve();
      }
    };
    pump();
  });
  files.sort();
  links.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  refusedLinks.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { root, files, catalogFiles: catalogFilesByIdentity(root, files, links, isCatalogFile), links, refusedLinks };
}

/** The glob-matched files, each link replaced by the file it names, each file once, sorted. */
function catalogFilesByIdentity(
  root: string,
  files: readonly string[],
  links: readonly (readonly [string, string])[],
  isCatalogFile: (relativePosixPath: string) => boolean,
): string[] {
  const named = new Map(links);
  const identities = new Set<string>();
  for (const file of files) {
    if (isCatalogFile(file)) {
      identities.add(named.get(file) ?? file);
    }
  }
  return [...identities].sort().map((file) => path.join(root, file));
}
