import * as path from 'node:path';
import picomatch from 'picomatch';
import { isInsideFolder, type CatalogFileSystem } from './catalogFileSystem';
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
  /** Every file below the root, as root-relative POSIX paths; Location globs match against it. */
  readonly files: readonly string[];
  /** The subset matched by the catalog globs, as absolute paths. */
  readonly catalogFiles: readonly string[];
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
 * Lists a folder once: skips excluded directories without descending into them and does not
 * follow symbolic links to directories (a link could loop or leave the folder). A linked
 * file is kept only when its target stays inside the root. Nothing is stat'ed but links.
 * Several directories are read at once; the result is sorted, so it does not depend on which
 * read finished first.
 */
export async function listFolder(fs: CatalogFileSystem, root: string, options: DiscoveryOptions = {}): Promise<FolderListing> {
  const excluded = picomatch([...(options.exclude ?? DEFAULT_EXCLUDE_GLOBS)], { dot: true });
  const isCatalogFile = createCatalogFileMatcher(options);
  const realRoot = (await fs.realPath(root)) ?? root;
  const files: string[] = [];
  const pending: string[] = [''];
  let active = 0;
  const slicer = new TimeSlicer();
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
        if (!excluded(`${relativePath}/`) && !excluded(relativePath)) {
          pending.push(relativePath);
        }
      } else if (entry.isFile) {
        files.push(relativePath);
      } else if (entry.isSymbolicLink) {
        const target = await fs.realPath(path.join(root, relativePath));
        const stat = target ? await fs.stat(target) : undefined;
        if (target && stat?.isFile && isInsideFolder(realRoot, target)) {
          files.push(relativePath);
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
  const catalogFiles = files.filter((file) => isCatalogFile(file)).map((file) => path.join(root, file));
  return { root, files, catalogFiles };
}
