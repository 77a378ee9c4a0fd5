import type { FileStat } from './catalogFileSystem';
import type { FolderParsePipeline } from './folderParsePipeline';
import type { ParsedCatalogFile } from './parseCatalogFile';

/**
 * The first part of a load without a cache to show: while the folder is still being listed,
 * the catalog files found so far are parsed, and those without Location targets go into the
 * index at once, so the first rows show long before the listing ends. Such a file changes
 * nothing for any other file (no Location edges, no cycles, no targets pulled in) and is a
 * glob match whatever the rest of the listing holds, so indexing it early gives the index the
 * load would have given. Files with Location targets are only parsed here: the load indexes
 * them in path order once every glob match is known, as before. (Only which copy of a
 * duplicate entity comes first depends on the order: the load's ordered pass restores it.)
 */
export class EarlyIndexing {
  /** Files put in the index here, with their parses: the ordered pass of the load does not parse them again. */
  readonly indexed = new Map<string, ParsedCatalogFile>();
  /** Files parsed here and left for the ordered pass (they have Location targets). */
  readonly parsed = new Map<string, ParsedCatalogFile>();
  private pending: string[] = [];
  private pendingStats: (FileStat | undefined)[] | undefined = [];
  private running: Promise<void> | undefined;
  private closed = false;
  private done = 0;

  constructor(
    private readonly pipeline: FolderParsePipeline,
    /** Indexes a glob-matched file that has no Location targets. */
    private readonly indexPlain: (parsed: ParsedCatalogFile) => Promise<void>,
    private readonly onProgress: ((done: number, total: number | undefined) => void) | undefined,
  ) {}

  /** Files parsed here (indexed or not): the load counts them as done. */
  get parsedCount(): number {
    return this.done;
  }

  /** Catalog files the listing found (plain files, see `listFolder`); parsed in batches as they come. */
  found(files: readonly string[], stats?: readonly (FileStat | undefined)[]): void {
    if (this.closed) {
      return;
    }
    this.pending.push(...files);
    if (stats && this.pendingStats) {
      this.pendingStats.push(...stats);
    } else {
      // Without a stat for every file the batch is stat'ed as it is parsed.
      this.pendingStats = undefined;
    }
    this.running ??= this.drain();
  }

  /** The listing ended: what was not started here is left to the ordered pass. */
  async close(): Promise<void> {
    this.closed = true;
    await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (!this.closed && this.pending.length > 0) {
        const files = this.pending;
        const stats = this.pendingStats;
        this.pending = [];
        this.pendingStats = [];
        await this.pipeline.parseInOrder(
          files,
          stats,
          async (parsed) => {
            if (parsed.locationTargets.length === 0) {
              await this.indexPlain(parsed);
              this.indexed.set(parsed.file, parsed);
            } else {
              this.parsed.set(parsed.file, parsed);
            }
          },
          () => {
            this.done++;
            this.onProgress?.(this.done, undefined);
          },
        );
      }
    } finally {
      this.running = undefined;
    }
  }
}
