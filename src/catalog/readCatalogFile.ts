import type { EntityOrigin } from './catalogEntity';
import type { CatalogFileSystem, FileStat } from './catalogFileSystem';
import { parseCatalogFile, type ParsedCatalogFile } from './parseCatalogFile';
import { withBoundedExcerpts } from './problemExcerpts';
import type { CatalogProblem } from './problems';
import { START_OF_FILE } from './sourceRange';

/** What identifies one version of a file on disk, for the index cache. */
export interface FileStamp {
  readonly mtimeMs: number;
  readonly size: number;
}

export interface ReadCatalogFile {
  readonly parsed: ParsedCatalogFile;
  /** Set when the file was read and parsed (not when it was too large or unreadable). */
  readonly stamp?: FileStamp;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function failure(file: string, code: CatalogProblem['code'], message: string): ParsedCatalogFile {
  return {
    file,
    entities: [],
    locationTargets: [],
    problems: [{ file, range: START_OF_FILE, severity: 'error', code, message }],
  };
}

/** The problem a file gets instead of being parsed, if any, judged from its stat alone. */
export function unparsableFile(
  file: string,
  stat: { readonly isFile: boolean; readonly size: number } | undefined,
  limit: number,
): ParsedCatalogFile | undefined {
  if (!stat?.isFile) {
    return failure(file, 'file-unreadable', `Cannot read ${file}: not a file`);
  }
  if (stat.size > limit) {
    return failure(
      file,
      'file-too-large',
      `Catalog file is ${stat.size} bytes, above the ${limit}-byte limit (setting greenroom.maxFileSizeKb); not parsed`,
    );
  }
  return undefined;
}

/**
 * Stats (unless the caller just did), reads and parses one catalog file from disk. Never
 * throws: a missing, unreadable or too large file becomes a problem at its start. Problem
 * messages quote the file only as `withBoundedExcerpts` allows.
 */
export async function readCatalogFile(
  fs: CatalogFileSystem,
  file: string,
  origin: EntityOrigin,
  limit: number,
  knownStat?: FileStat,
): Promise<ReadCatalogFile> {
  if (!knownStat && fs.readFileWithStat) {
    // One open for stat and read: bulk loads do this for thousands of files.
    let read: Awaited<ReturnType<NonNullable<CatalogFileSystem['readFileWithStat']>>>;
    try {
      read = await fs.readFileWithStat(file, limit);
    } catch (error) {
      return {
        parsed: failure(
          file,
          'file-unreadable',
          `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      };
    }
    const refused = unparsableFile(file, read?.stat, limit);
    if (refused || !read?.bytes) {
      return { parsed: refused ?? failure(file, 'file-unreadable', `Cannot read ${file}: not a file`) };
    }
    return {
      parsed: withBoundedExcerpts(await parseCatalogFile(file, utf8.decode(read.bytes), origin)),
      stamp: { mtimeMs: read.stat.mtimeMs, size: read.stat.size },
    };
  }
  const stat = knownStat ?? (await fs.stat(file));
  const refused = unparsableFile(file, stat, limit);
  if (refused || !stat) {
    return { parsed: refused ?? failure(file, 'file-unreadable', `Cannot read ${file}: not a file`) };
  }
  try {
    const text = utf8.decode(await fs.readFile(file));
    return {
      parsed: withBoundedExcerpts(await parseCatalogFile(file, text, origin)),
      stamp: { mtimeMs: stat.mtimeMs, size: stat.size },
    };
  } catch (error) {
    return {
      parsed: failure(
        file,
        'file-unreadable',
        `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
      ),
    };
  }
}
