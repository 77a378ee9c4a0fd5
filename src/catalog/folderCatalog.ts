import * as path from 'node:path';
import picomatch from 'picomatch';
import { isAppConfigFile } from './appConfig';
import type { CatalogEntityRecord } from './catalogEntity';
import type { FileStat } from './catalogFileSystem';
import { isRelativeInside } from './catalogFileSystem';
import { createCatalogFileMatcher, DEFAULT_EXCLUDE_GLOBS, toPosix } from './discovery';
import { EarlyIndexing } from './earlyIndexing';
import { FolderFileEvents } from './folderFileEvents';
import {
  FolderParsePipeline,
  linkOutsideProblem,
  type FolderParseOptions,
  type LoadListing,
} from './folderParsePipeline';
import { LocationGraph, type LocationGraphOptions } from './locationGraph';
import { PathIdentity } from './pathIdentity';

export interface FolderCatalogOptions extends FolderParseOptions, LocationGraphOptions {
  /**
   * False: a load lists the whole folder before it parses (no rows until the listing ends).
   * The result is the same either way; tests compare the two.
   */
  readonly indexWhileListing?: boolean;
}

/** How far a load is, in catalog files; `total` is undefined while the folder is still being listed. */
export type LoadProgress = (done: number, total: number | undefined) => void;

/**
 * The catalog of one workspace folder (MultiFolderCatalog holds one per folder), kept in the
 * shared index: discovers catalog files, follows Locations (relative targets, globs, cycles,
 * escapes), and applies file changes one at a time so the index always equals what a full
 * rebuild would produce. The work is in three parts: the parse pipeline reads and parses
 * files, the Location graph decides what is in the catalog and puts it in the index, and the
 * file events bring one path in line with the disk; this class loads the folder and queues.
 */
export class FolderCatalog {
  private readonly isCatalogFile: (relativePosixPath: string) => boolean;
  private readonly isExcludedPath: (relativePosixPath: string) => boolean;
  private readonly pipeline: FolderParsePipeline;
  private readonly graph: LocationGraph;
  private readonly events: FolderFileEvents;
  private queue: Promise<unknown> = Promise.resolve();
  /** Whether a full load has run: only the first one may show cached parses before listing. */
  private loaded = false;
  /** Files shown from the cache and not yet checked by a load: the load drops those that are gone. */
  private shownFromCache = new Set<string>();
  /** The first load's listing, started while the cache is shown (a worker lists as this thread decodes). */
  private listingAhead: Promise<LoadListing> | undefined;

  constructor(
    readonly root: string,
    private readonly options: FolderCatalogOptions,
  ) {
    this.isCatalogFile = createCatalogFileMatcher(options);
    // Real paths, looked up once per load and once per file event.
    const identity = new PathIdentity(options.fs, root);
    const exclude = picomatch([...(options.exclude ?? DEFAULT_EXCLUDE_GLOBS)], { dot: true });
    this.isExcludedPath = (relative) => exclude(relative) || exclude(`${relative}/`);
    this.pipeline = new FolderParsePipeline(root, options);
    this.graph = new LocationGraph(root, options, identity, this.pipeline, {
      isExcludedPath: this.isExcludedPath,
      excludes: (file) => this.excludes(file),
    });
    this.events = new FolderFileEvents(root, options.fs, identity, this.graph, this.pipeline, {
      matchesGlobs: (file) => this.matchesGlobs(file),
      reload: () => this.reload(),
    });
  }

  /**
   * Discovers and indexes everything below the root. Without cached parses on show, files are
   * parsed as the listing finds them and those without Location targets are indexed at once
   * (see EarlyIndexing); the rest are indexed in path order as their parses arrive. Either way
   * views fill in while the rest is parsed, in slices that leave the event loop free every few
   * milliseconds.
   */
  loadAll(onProgress?: LoadProgress): Promise<void> {
    return this.enqueue(async () => {
      await this.reload(onProgress);
      await this.graph.settle();
    });
  }

  /**
   * Before the first load lists the folder, puts last session's parses (the index cache) in the
   * index, so views and agents have answers at once; the load that follows checks every file
   * against the disk (mtime + size), re-parses what changed and drops what is gone, so the
   * result equals a load without a cache. Only when no catalog rules apply: the cache holds raw
   * parses, and what rules admit depends on the whole Location graph. Returns the files shown.
   */
  showCached(): Promise<number> {
    return this.enqueue(async () => {
      const cache = this.options.cache;
      if (this.loaded || !cache || cache.size === 0 || this.shownFromCache.size > 0) {
        return this.shownFromCache.size;
      }
      await this.graph.loadAppConfig();
      if (this.graph.checksRules()) {
        return 0;
      }
      this.listingAhead = this.pipeline.listForLoad();
      // Settled by the load; a failure here is the load's to report.
      this.listingAhead.catch(() => undefined);
      // Each file as it is decoded: the first rows show long before the last entry is read.
      await cache.visitParses(this.root, (parsed) => {
        // Only what no event has indexed meanwhile, and only inside the root and not excluded.
        if (!this.options.index.fileResult(parsed.file) && !this.excludes(parsed.file)) {
          this.options.index.upsertFile(parsed);
          this.shownFromCache.add(parsed.file);
        }
      });
      return this.shownFromCache.size;
    });
  }

  /** The Template whose content a file is (`fetch:template` / `fetch:plain` url), if any. */
  templateContentOf(file: string): string | undefined {
    return this.graph.templateContentOf(file);
  }

  private async reload(onProgress?: LoadProgress): Promise<void> {
    // A reload starts from nothing but keeps the index populated until the new state is in,
    // so views do not flash empty; files that vanished are removed at the end.
    const previousFiles = this.graph.startOver();
    for (const file of this.shownFromCache) {
      previousFiles.add(file);
    }
    // Before the listing: files indexed while it runs see the config the ordered pass would.
    await this.graph.loadAppConfig();
    let early: EarlyIndexing | undefined;
    let listing: LoadListing;
    if (this.listingAhead || this.options.indexWhileListing === false) {
      // The cache on show gives the early rows (and its listing is under way already).
      listing = await (this.listingAhead ?? this.pipeline.listForLoad());
      this.listingAhead = undefined;
    } else {
      const streamed = new EarlyIndexing(
        this.pipeline,
        async (parsed) => {
          this.graph.addReason(parsed.file, 'glob');
          await this.graph.index(parsed);
        },
        onProgress,
      );
      early = streamed;
      try {
        listing = await this.pipeline.listForLoad((files, stats) => streamed.found(files, stats));
      } finally {
        await streamed.close();
      }
    }
    for (const [link] of listing.links) {
      if (this.isCatalogFile(link)) {
        this.graph.addAlias(path.join(this.root, link));
      }
    }
    const globFiles = listing.catalogFiles;
    for (const file of globFiles) {
      this.graph.addReason(file, 'glob');
    }
    const configured = await this.graph.configLocationFiles();
    let files = globFiles;
    let stats = listing.stats;
    if (configured.length > 0) {
      // Static locations of app-config are roots beside the globs; a file both name is read once.
      const extra = configured.filter((file) => !this.graph.includes(file));
      for (const file of configured) {
        for (const position of this.graph.configLocationsFor(file)) {
          this.graph.addConfigReason(file, position);
        }
      }
      files = [...globFiles, ...new Set(extra)].sort();
      stats = undefined;
    }
    if (early && early.parsedCount > 0) {
      await this.finishEarlyLoad(early, files, stats, onProgress);
    } else {
      await this.pipeline.parseInOrder(files, stats, (parsed) => this.graph.index(parsed), onProgress);
    }
    for (const [link, target] of listing.refusedLinks) {
      this.graph.addReason(link, 'glob');
      await this.graph.index(linkOutsideProblem(this.root, link, target ?? undefined));
    }
    this.graph.indexAppConfig();
    this.graph.dropVanished(previousFiles);
    this.shownFromCache.clear();
    this.loaded = true;
    this.options.parser?.endLoad?.();
  }

  /**
   * The ordered pass after a listing that indexed files as it went: every file in path order,
   * the Location files (parsed already) and what was not parsed yet indexed now, as a load
   * that lists first does. A file indexed early is not indexed again, except where it shares
   * an entity with another file: its records go to the end again at its turn, so the first
   * copy of a duplicate (the one `get` answers) is the one in path order, as before.
   */
  private async finishEarlyLoad(
    early: EarlyIndexing,
    files: readonly string[],
    stats: readonly (FileStat | undefined)[] | undefined,
    onProgress: LoadProgress | undefined,
  ): Promise<void> {
    const counted = early.parsedCount;
    const total = files.length;
    // The total is known now: the count says "of" at once, even if nothing is left to parse.
    onProgress?.(counted, total);
    const index = this.options.index;
    await this.pipeline.parseInOrder(
      files,
      stats,
      async (parsed) => {
        if (early.indexed.get(parsed.file) !== parsed) {
          await this.graph.index(parsed);
          return;
        }
        const shown = index.fileResult(parsed.file);
        if (shown?.entities.some((record) => index.getAll(record.ref).length > 1)) {
          index.upsertFile(shown);
        }
      },
      onProgress ? (done) => onProgress(counted + done, total) : undefined,
      new Map([...early.indexed, ...early.parsed]),
    );
  }

  /** Whether a path belongs to this catalog: by glob, app-config, or because a Location points at it. */
  tracks(file: string): boolean {
    return (
      this.graph.includes(file) ||
      this.matchesGlobs(file) ||
      isAppConfigFile(this.root, file) ||
      this.graph.configLocationsFor(file).length > 0 ||
      this.graph.locationsWanting(file).length > 0
    );
  }

  /** Whether a path (file or folder) is under an excluded folder such as node_modules. */
  excludes(file: string): boolean {
    const relative = path.relative(this.root, file);
    return !isRelativeInside(relative) || (relative !== '' && this.isExcludedPath(toPosix(relative)));
  }

  matchesGlobs(file: string): boolean {
    const relative = path.relative(this.root, file);
    return relative !== '' && isRelativeInside(relative) && this.isCatalogFile(toPosix(relative));
  }

  /** A file was created or changed on disk (or its unsaved text is given). */
  updateFile(file: string, text?: string): Promise<void> {
    return this.enqueue(async () => {
      await this.events.refresh(file, text);
      await this.graph.settle();
    });
  }

  /**
   * A file was deleted (a rename is a delete plus a create). Events race with the disk (a
   * folder deleted and checked out again, a file deleted and re-created): the path ends as it
   * is on disk when the event is handled, whatever order the events came in.
   */
  deleteFile(file: string): Promise<void> {
    return this.enqueue(async () => {
      await this.events.refresh(file, undefined);
      await this.graph.settle();
    });
  }

  /**
   * Whether a glob-matched link, or a Location target written through a link, lies in the
   * folder (or is it): deleting it changes what they name.
   */
  hasLinksIn(folder: string): boolean {
    return this.graph.hasLinksIn(folder);
  }

  /** URL targets found in Location files, for the remote-location support. */
  remoteLocationTargets(): string[] {
    return this.graph.remoteLocationTargets();
  }

  entities(): CatalogEntityRecord[] {
    return this.options.index.entities().filter((record) => this.graph.includes(record.file));
  }

  /** Removes everything this folder put in the index. */
  dispose(): void {
    this.graph.dispose();
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
