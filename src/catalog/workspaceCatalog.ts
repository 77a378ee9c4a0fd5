import * as path from 'node:path';
import type { CatalogEntityRecord, LocationTarget } from './catalogEntity';
import type { CatalogFileSystem } from './catalogFileSystem';
import type { CatalogIndex } from './catalogIndex';
import picomatch from 'picomatch';
import { createCatalogFileMatcher, DEFAULT_EXCLUDE_GLOBS, listFolder, toPosix, type DiscoveryOptions } from './discovery';
import { locationTargetMatches, resolveLocationTargets } from './locations';
import { parseCatalogFile, type ParsedCatalogFile } from './parseCatalogFile';
import type { CatalogProblem } from './problems';
import { START_OF_FILE } from './sourceRange';

export interface WorkspaceCatalogOptions extends DiscoveryOptions {
  readonly fs: CatalogFileSystem;
  readonly index: CatalogIndex;
  /** Files above this size get a problem instead of being parsed. */
  readonly maxFileSizeBytes?: number;
  /** How many files are read and parsed at once during a full load. */
  readonly concurrency?: number;
}

export const DEFAULT_MAX_FILE_SIZE_BYTES = 5 * 1024 * 1024;

/** Why a file is in the catalog: matched by a glob, or a target of these Location files. */
type InclusionReason = 'glob' | string;

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Keeps the catalog of one workspace folder in the index: discovers catalog files, follows
 * Locations (relative targets, globs, cycles, escapes), and applies file changes one at a
 * time so the index always equals what a full rebuild would produce.
 */
export class WorkspaceCatalog {
  private readonly reasons = new Map<string, Set<InclusionReason>>();
  /** Location file → the files its targets resolved to. */
  private readonly locationEdges = new Map<string, Set<string>>();
  private readonly urlTargets = new Map<string, string[]>();
  /** Files with Location targets, as parsed: re-indexed when a file one of them wants appears. */
  private readonly locationSources = new Map<string, ParsedCatalogFile>();
  private readonly isCatalogFile: (relativePosixPath: string) => boolean;
  private readonly isExcludedPath: (relativePosixPath: string) => boolean;
  private fileListing: Promise<readonly string[]> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly root: string,
    private readonly options: WorkspaceCatalogOptions,
  ) {
    this.isCatalogFile = createCatalogFileMatcher(options);
    const exclude = picomatch([...(options.exclude ?? DEFAULT_EXCLUDE_GLOBS)], { dot: true });
    this.isExcludedPath = (relative) => exclude(relative) || exclude(`${relative}/`);
  }

  /** Discovers and indexes everything below the root. */
  loadAll(onProgress?: (done: number, total: number) => void): Promise<void> {
    return this.enqueue(async () => {
      // A reload starts from nothing but keeps the index populated until the new state is in,
      // so views do not flash empty; files that vanished are removed at the end.
      const previousFiles = new Set(this.reasons.keys());
      this.reasons.clear();
      this.locationEdges.clear();
      this.urlTargets.clear();
      this.locationSources.clear();
      const listing = await listFolder(this.options.fs, this.root, this.options);
      this.fileListing = Promise.resolve(listing.files);
      const files = listing.catalogFiles;
      for (const file of files) {
        this.addReason(file, 'glob');
      }
      const parsed = await this.parseMany(files, onProgress);
      for (const result of parsed) {
        await this.index(result);
      }
      for (const file of previousFiles) {
        if (!this.reasons.has(file)) {
          this.options.index.removeFile(file);
        }
      }
    });
  }

  /** Whether a path belongs to this catalog: by glob, or because a Location points at it. */
  tracks(file: string): boolean {
    return this.reasons.has(file) || this.matchesGlobs(file) || this.locationsWanting(file).length > 0;
  }

  /** Whether a path (file or folder) is under an excluded folder such as node_modules. */
  excludes(file: string): boolean {
    const relative = path.relative(this.root, file);
    return relative.startsWith('..') || path.isAbsolute(relative) || (relative !== '' && this.isExcludedPath(toPosix(relative)));
  }

  matchesGlobs(file: string): boolean {
    const relative = path.relative(this.root, file);
    return !relative.startsWith('..') && !path.isAbsolute(relative) && this.isCatalogFile(toPosix(relative));
  }

  /** A file was created or changed on disk (or its unsaved text is given). */
  updateFile(file: string, text?: string): Promise<void> {
    return this.enqueue(async () => {
      this.fileListing = undefined;
      if (this.matchesGlobs(file)) {
        this.addReason(file, 'glob');
      }
      if (!this.reasons.has(file)) {
        // A new file a Location target (glob, or one reported missing) now resolves to.
        for (const location of this.locationsWanting(file)) {
          await this.index(location);
        }
        if (!this.reasons.has(file) || text === undefined) {
          return;
        }
      }
      const parsed = text === undefined ? await this.readAndParse(file) : await parseCatalogFile(file, text, this.origin());
      await this.index(parsed);
    });
  }

  /** A file was deleted (a rename is a delete plus a create). */
  deleteFile(file: string): Promise<void> {
    return this.enqueue(async () => {
      this.fileListing = undefined;
      this.dropReason(file, 'glob');
      if (this.reasons.has(file)) {
        // Still a Location target: it stays in the catalog with a "missing" problem at the Location.
        const locations = [...(this.reasons.get(file) ?? [])];
        this.forget(file);
        for (const location of locations) {
          if (location !== 'glob') {
            await this.reindexLocation(location);
          }
        }
      }
    });
  }

  /** URL targets found in Location files, for the remote-location support. */
  remoteLocationTargets(): string[] {
    return [...this.urlTargets.values()].flat();
  }

  entities(): CatalogEntityRecord[] {
    return this.options.index.entities().filter((record) => this.reasons.has(record.file));
  }

  /** Removes everything this folder put in the index. */
  dispose(): void {
    for (const file of [...this.reasons.keys()]) {
      this.options.index.removeFile(file);
    }
    this.reasons.clear();
    this.locationEdges.clear();
    this.locationSources.clear();
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private origin(): { type: 'workspace'; folder: string } {
    return { type: 'workspace', folder: this.root };
  }

  private listFiles(): Promise<readonly string[]> {
    this.fileListing ??= listFolder(this.options.fs, this.root, this.options).then((listing) => listing.files);
    return this.fileListing;
  }

  private async parseMany(files: readonly string[], onProgress?: (done: number, total: number) => void): Promise<ParsedCatalogFile[]> {
    const results: ParsedCatalogFile[] = new Array(files.length);
    const concurrency = Math.max(1, this.options.concurrency ?? 16);
    let next = 0;
    let done = 0;
    const worker = async (): Promise<void> => {
      while (next < files.length) {
        const position = next++;
        const file = files[position];
        if (file !== undefined) {
          results[position] = await this.readAndParse(file);
          onProgress?.(++done, files.length);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
    return results;
  }

  private async readAndParse(file: string): Promise<ParsedCatalogFile> {
    const failure = (code: CatalogProblem['code'], message: string): ParsedCatalogFile => ({
      file,
      entities: [],
      locationTargets: [],
      problems: [{ file, range: START_OF_FILE, severity: 'error', code, message }],
    });
    const limit = this.options.maxFileSizeBytes ?? DEFAULT_MAX_FILE_SIZE_BYTES;
    const stat = await this.options.fs.stat(file);
    if (!stat?.isFile) {
      return failure('file-unreadable', `Cannot read ${file}: not a file`);
    }
    if (stat.size > limit) {
      return failure('file-too-large', `Catalog file is ${stat.size} bytes, above the ${limit}-byte limit (setting greenroom.maxFileSizeKb); not parsed`);
    }
    try {
      const bytes = await this.options.fs.readFile(file);
      return await parseCatalogFile(file, utf8.decode(bytes), this.origin());
    } catch (error) {
      return failure('file-unreadable', `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Puts a parsed file in the index after resolving its Locations, then loads newly reached targets. */
  private async index(parsed: ParsedCatalogFile): Promise<void> {
    const targets = await this.resolveTargets(parsed.file, parsed.locationTargets);
    const withProblems: ParsedCatalogFile = targets.problems.length > 0 ? { ...parsed, problems: [...parsed.problems, ...targets.problems] } : parsed;
    const previous = this.locationEdges.get(parsed.file) ?? new Set<string>();
    const next = new Set(targets.files);
    if (next.size > 0) {
      this.locationEdges.set(parsed.file, next);
    } else {
      this.locationEdges.delete(parsed.file);
    }
    if (targets.urls.length > 0) {
      this.urlTargets.set(parsed.file, targets.urls);
    } else {
      this.urlTargets.delete(parsed.file);
    }
    if (parsed.locationTargets.length > 0) {
      this.locationSources.set(parsed.file, parsed);
    } else {
      this.locationSources.delete(parsed.file);
    }
    this.options.index.upsertFile(withProblems);
    for (const removed of previous) {
      if (!next.has(removed)) {
        this.dropReason(removed, parsed.file);
      }
    }
    for (const added of next) {
      if (!previous.has(added)) {
        const alreadyIndexed = this.reasons.has(added);
        this.addReason(added, parsed.file);
        if (!alreadyIndexed) {
          await this.index(await this.readAndParse(added));
        }
      }
    }
  }

  private async resolveTargets(file: string, targets: readonly LocationTarget[]): Promise<{ files: string[]; urls: string[]; problems: CatalogProblem[] }> {
    if (targets.length === 0) {
      return { files: [], urls: [], problems: [] };
    }
    const resolved = await resolveLocationTargets(this.options.fs, this.root, targets, () => this.listFiles());
    const files: string[] = [];
    const problems = [...resolved.problems];
    const seen = new Set<string>();
    for (const [position, target] of resolved.files.entries()) {
      if (seen.has(target)) {
        continue;
      }
      seen.add(target);
      const cycle = this.pathBetween(target, file);
      if (cycle) {
        const shown = [file, ...cycle].map((step) => path.relative(this.root, step) || path.basename(step));
        const written = targets.find((candidate) => path.resolve(path.dirname(file), candidate.target) === target) ?? targets[Math.min(position, targets.length - 1)];
        problems.push({
          file,
          range: written?.range ?? START_OF_FILE,
          severity: 'error',
          code: 'location-cycle',
          message: `Location cycle: ${shown.join(' → ')}; this target is not followed`,
          ...(written ? { entityRef: written.locationRef } : {}),
        });
        continue;
      }
      files.push(target);
    }
    return { files, urls: resolved.urls, problems };
  }

  /** A path of Location edges from `from` to `to` (inclusive), if one exists. */
  private pathBetween(from: string, to: string): string[] | undefined {
    if (from === to) {
      return [to];
    }
    const previous = new Map<string, string>();
    const pending = [from];
    const visited = new Set([from]);
    while (pending.length > 0) {
      const current = pending.shift() as string;
      for (const next of this.locationEdges.get(current) ?? []) {
        if (visited.has(next)) {
          continue;
        }
        visited.add(next);
        previous.set(next, current);
        if (next === to) {
          const steps = [to];
          let step = to;
          while (step !== from) {
            step = previous.get(step) as string;
            steps.unshift(step);
          }
          return steps;
        }
        pending.push(next);
      }
    }
    return undefined;
  }

  private locationsWanting(file: string): ParsedCatalogFile[] {
    return [...this.locationSources.values()].filter((source) => source.locationTargets.some((target) => locationTargetMatches(this.root, target, file)));
  }

  private async reindexLocation(locationFile: string): Promise<void> {
    if (this.reasons.has(locationFile)) {
      await this.index(await this.readAndParse(locationFile));
    }
  }

  private addReason(file: string, reason: InclusionReason): void {
    let reasons = this.reasons.get(file);
    if (!reasons) {
      reasons = new Set();
      this.reasons.set(file, reasons);
    }
    reasons.add(reason);
  }

  /** Drops one reason; a file left with none leaves the catalog, with what only it reached. */
  private dropReason(file: string, reason: InclusionReason): void {
    const reasons = this.reasons.get(file);
    if (!reasons) {
      return;
    }
    reasons.delete(reason);
    if (reasons.size === 0) {
      this.reasons.delete(file);
      this.forget(file);
    }
  }

  private forget(file: string): void {
    this.options.index.removeFile(file);
    this.urlTargets.delete(file);
    this.locationSources.delete(file);
    const targets = this.locationEdges.get(file);
    this.locationEdges.delete(file);
    for (const target of targets ?? []) {
      this.dropReason(target, file);
    }
  }
}
