import * as path from 'node:path';
import type { CatalogFileSystem, FileStat } from './catalogFileSystem';
import type { CatalogIndexCache } from './catalogIndexCache';
import { listFolder, type DiscoveryOptions, type FolderListing } from './discovery';
import type { TargetListing } from './locations';
import { parseCatalogFile, type ParsedCatalogFile } from './parseCatalogFile';
import type { CatalogParser, FoundCatalogFiles } from './parseWorkerPool';
import { withBoundedExcerpts } from './problemExcerpts';
import { readCatalogFile, unparsableFile, type ReadCatalogFile } from './readCatalogFile';
import { START_OF_FILE } from './sourceRange';
import { TimeSlicer } from './timeSlicer';

export interface FolderParseOptions extends DiscoveryOptions {
  readonly fs: CatalogFileSystem;
  /** Files above this size get a problem instead of being parsed. */
  readonly maxFileSizeBytes?: number;
  /** How many files are read and parsed at once during a full load. */
  readonly concurrency?: number;
  /**
   * Parses as they were on disk, reused while a file's mtime and size are unchanged: a full
   * load re-parses only what changed (and its owner persists it between sessions).
   */
  readonly cache?: CatalogIndexCache;
  /**
   * Lists and parses on other threads (`ParseWorkerPool`); only for the real file system
   * (`nodeCatalogFileSystem`). Without it everything runs here, through `fs`.
   */
  readonly parser?: CatalogParser;
}

export const DEFAULT_MAX_FILE_SIZE_BYTES = 5 * 1024 * 1024;

/** A full load's listing: from a worker, without the non-catalog files and with a stat of each catalog file. */
export type LoadListing = Omit<FolderListing, 'files'> & {
  readonly files?: readonly string[];
  readonly stats?: readonly (FileStat | undefined)[];
};

/**
 * Reads and parses one folder's catalog files: lists the folder, reuses cached parses of
 * unchanged files, and parses the rest in worker threads (or here, through `fs`). It knows
 * nothing of Locations or the index: callers decide what a parse means.
 */
export class FolderParsePipeline {
  private fileListing: Promise<TargetListing> | undefined;

  constructor(
    private readonly root: string,
    private readonly options: FolderParseOptions,
  ) {}

  /**
   * Lists the folder for a full load; the listing also answers glob Location targets until
   * `forgetListing`. With `onFound`, the catalog files found so far are told while it lists.
   */
  async listForLoad(onFound?: FoundCatalogFiles): Promise<LoadListing> {
    const parser = this.options.parser;
    const listed = parser
      ? parser.list(this.root, this.options, false, onFound)
      : listFolder(
          this.options.fs,
          this.root,
          this.options,
          onFound ? { onCatalogFile: (file) => onFound([file]) } : {},
        );
    if (parser && this.options.cache?.size) {
      // While a worker lists the folder, this thread decodes what the cache holds for it.
      await this.options.cache.decodeAhead(this.root);
    }
    const listing: LoadListing = await listed;
    // A worker's listing leaves out the other files; only glob Location targets need them, and ask.
    this.fileListing = listing.files ? Promise.resolve({ files: listing.files, links: listing.links }) : undefined;
    return listing;
  }

  /** Every file of the folder (for glob targets), listed once until the folder changes. */
  listFiles(): Promise<TargetListing> {
    this.fileListing ??= (
      this.options.parser
        ? this.options.parser.list(this.root, this.options, true)
        : listFolder(this.options.fs, this.root, this.options)
    ).then((listing) => ({ files: listing.files ?? [], links: listing.links }));
    return this.fileListing;
  }

  /** A file appeared or went away: the next glob target lists the folder again. */
  forgetListing(): void {
    this.fileListing = undefined;
  }

  /** The cached parse of `file` no longer stands for it (unsaved text, or it left the catalog). */
  forgetCached(file: string): void {
    this.options.cache?.forget(file);
  }

  /**
   * Parses the files (cache hits first, then the misses in worker threads or here) and hands
   * them to `index` in their order as soon as every earlier file is in, in slices that leave
   * the event loop free every few milliseconds. Files in `known` were parsed already (and
   * counted): their parses are handed on as they are.
   */
  async parseInOrder(
    files: readonly string[],
    stats: readonly (FileStat | undefined)[] | undefined,
    index: (parsed: ParsedCatalogFile) => Promise<void>,
    onProgress: ((done: number, total: number) => void) | undefined,
    known?: ReadonlyMap<string, ParsedCatalogFile>,
  ): Promise<void> {
    const slicer = new TimeSlicer();
    const results = new Array<ParsedCatalogFile | undefined>(files.length);
    let indexed = 0;
    let done = 0;
    let indexing: Promise<void> = Promise.resolve();
    const indexReady = async (): Promise<void> => {
      while (indexed < files.length) {
        const parsed = results[indexed];
        if (!parsed) {
          return;
        }
        results[indexed++] = undefined;
        await index(parsed);
        await slicer.maybeYield();
      }
    };
    const deliver = (position: number, parsed: ParsedCatalogFile, counted = false): void => {
      results[position] = parsed;
      if (!counted) {
        onProgress?.(++done, files.length);
      }
      if (position === indexed) {
        indexing = indexing.then(indexReady);
      }
    };
    const limit = this.maxFileSizeBytes();
    const cache = this.options.cache;
    let misses: number[] = [];
    files.forEach((file, position) => {
      const parsed = known?.get(file);
      if (parsed) {
        deliver(position, parsed, true);
      } else {
        misses.push(position);
      }
    });
    if (cache && cache.size > 0 && misses.length > 0) {
      const candidates = misses;
      misses = [];
      await this.inLanes(candidates.length, async (offset) => {
        const position = candidates[offset] as number;
        const file = files[position] as string;
        const stat = stats ? stats[position] : await this.options.fs.stat(file);
        const parsed =
          unparsableFile(file, stat, limit) ??
          (stat ? cache.lookup(this.root, file, { mtimeMs: stat.mtimeMs, size: stat.size }) : undefined);
        if (parsed) {
          deliver(position, parsed);
        } else {
          misses.push(position);
        }
        await slicer.maybeYield();
      });
      misses.sort((a, b) => a - b);
    }
    const parser = this.options.parser;
    if (parser && misses.length > 0) {
      const missed = misses;
      await parser.parseMany(
        this.root,
        missed.map((position) => files[position] as string),
        limit,
        (offset, result, readAt) => {
          const position = missed[offset] as number;
          if (result.stamp) {
            cache?.remember(this.root, files[position] as string, result.stamp, result.parsed, readAt);
          }
          deliver(position, result.parsed);
        },
      );
    } else {
      await this.inLanes(misses.length, async (offset) => {
        const position = misses[offset] as number;
        deliver(position, await this.readAndParse(files[position] as string, false));
        // A file system that answers without I/O (in memory) would otherwise never yield.
        await slicer.maybeYield();
      });
    }
    await indexing;
    await indexReady();
  }

  /** The unsaved text of an open editor: the size limit applies to it as to the file on disk. */
  async parseUnsaved(file: string, text: string): Promise<ParsedCatalogFile> {
    const limit = this.options.maxFileSizeBytes ?? DEFAULT_MAX_FILE_SIZE_BYTES;
    const size = Buffer.byteLength(text, 'utf8');
    if (size > limit) {
      const message = `Catalog file is ${size} bytes, above the ${limit}-byte limit (setting greenroom.maxFileSizeKb); not parsed`;
      return {
        file,
        entities: [],
        locationTargets: [],
        problems: [{ file, range: START_OF_FILE, severity: 'error', code: 'file-too-large', message }],
      };
    }
    return withBoundedExcerpts(
      this.options.parser
        ? await this.options.parser.parseText(this.root, file, text)
        : await parseCatalogFile(file, text, this.origin()),
    );
  }

  /** Reads and parses a file from disk, reusing the cached parse when the file is unchanged. */
  async readAndParse(file: string, lookInCache = true): Promise<ParsedCatalogFile> {
    const cache = this.options.cache;
    let stat: FileStat | undefined;
    if (cache && lookInCache) {
      stat = await this.options.fs.stat(file);
      const cached = stat?.isFile
        ? cache.lookup(this.root, file, { mtimeMs: stat.mtimeMs, size: stat.size })
        : undefined;
      if (cached) {
        return cached;
      }
    }
    let readAt = Date.now();
    let result: ReadCatalogFile;
    if (this.options.parser) {
      ({ result, readAt } = await this.options.parser.parseFile(this.root, file, this.maxFileSizeBytes()));
    } else {
      result = await readCatalogFile(this.options.fs, file, this.origin(), this.maxFileSizeBytes(), stat);
    }
    if (result.stamp) {
      cache?.remember(this.root, file, result.stamp, result.parsed, readAt);
    } else {
      cache?.forget(file);
    }
    return result.parsed;
  }

  /** Runs `work` for 0..count-1 with at most `concurrency` at once. */
  private async inLanes(count: number, work: (position: number) => Promise<void>): Promise<void> {
    const concurrency = Math.max(1, this.options.concurrency ?? 16);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < count) {
        await work(next++);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  }

  private maxFileSizeBytes(): number {
    return this.options.maxFileSizeBytes ?? DEFAULT_MAX_FILE_SIZE_BYTES;
  }

  private origin(): { type: 'workspace'; folder: string } {
    return { type: 'workspace', folder: this.root };
  }
}

/** A glob-matched catalog file that is a symbolic link out of the root (or to nothing): reported, never read. */
export function linkOutsideProblem(root: string, link: string, target: string | undefined): ParsedCatalogFile {
  const where =
    target === undefined ? 'to nothing (or to a link loop)' : `to ${target}, outside the workspace folder ${root}`;
  return {
    file: link,
    entities: [],
    locationTargets: [],
    // Out of the workspace is refused (error); a link to nothing is only broken (warning).
    problems: [
      {
        file: link,
        range: START_OF_FILE,
        severity: target === undefined ? 'warning' : 'error',
        code: 'link-outside',
        message: `${path.basename(link)} is a symbolic link ${where}; not read`,
      },
    ],
  };
}
