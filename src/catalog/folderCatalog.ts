import * as path from 'node:path';
import type { CatalogEntityRecord, LocationTarget } from './catalogEntity';
import { isInsideFolder, isRelativeInside, type CatalogFileSystem, type FileStat } from './catalogFileSystem';
import type { CatalogIndex } from './catalogIndex';
import type { CatalogIndexCache } from './catalogIndexCache';
import picomatch from 'picomatch';
import { createCatalogFileMatcher, DEFAULT_EXCLUDE_GLOBS, listFolder, toPosix, type DiscoveryOptions, type FolderListing } from './discovery';
import { locationTargetMatches, resolveLocationTargets, type TargetListing } from './locations';
import { PathIdentity } from './pathIdentity';
import { withBoundedExcerpts } from './problemExcerpts';
import { parseCatalogFile, type ParsedCatalogFile } from './parseCatalogFile';
import type { CatalogParser } from './parseWorkerPool';
import { readCatalogFile, unparsableFile, type ReadCatalogFile } from './readCatalogFile';
import type { CatalogProblem } from './problems';
import { isAppConfigFile, readAppConfig, type AppConfigCatalog, type AppConfigLocation } from './appConfig';
import { BACKSTAGE_DEFAULT_RULES, type CatalogRule } from './catalogRules';
import { admitCatalog, type FileAdmission, type RootReader } from './locationAdmission';
import { START_OF_FILE } from './sourceRange';
import { contentRootOf, templateContentRoots, type TemplateContentRoot } from './templateContent';
import { TimeSlicer } from './timeSlicer';

export interface FolderCatalogOptions extends DiscoveryOptions {
  readonly fs: CatalogFileSystem;
  readonly index: CatalogIndex;
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
  /**
   * `catalog.rules` for a folder without an app-config (the `greenroom.catalogRules` setting);
   * undefined: no rules, every kind is accepted. A folder's app-config always decides for it.
   */
  readonly catalogRules?: readonly CatalogRule[];
}

export const DEFAULT_MAX_FILE_SIZE_BYTES = 5 * 1024 * 1024;

/**
 * Why a file is in the catalog: matched by a glob, a target of `catalog.locations[i]` of the
 * app-config (`config:i`), the app-config itself (`app-config`), or a target of these Location files.
 */
type InclusionReason = 'glob' | string;

const CONFIG_REASON = 'config:';
const APP_CONFIG_REASON = 'app-config';
const isRootReason = (reason: InclusionReason): boolean => reason === 'glob' || reason === APP_CONFIG_REASON || reason.startsWith(CONFIG_REASON);

/**
 * The catalog of one workspace folder (MultiFolderCatalog holds one per folder), kept in the
 * shared index: discovers catalog files, follows Locations (relative targets, globs, cycles,
 * escapes), and applies file changes one at a time so the index always equals what a full
 * rebuild would produce.
 */
export class FolderCatalog {
  private readonly reasons = new Map<string, Set<InclusionReason>>();
  /** Location file → the files its targets resolved to. */
  private readonly locationEdges = new Map<string, Set<string>>();
  private readonly urlTargets = new Map<string, string[]>();
  /** Files with Location targets, as parsed: re-indexed when a file one of them wants appears. */
  private readonly locationSources = new Map<string, ParsedCatalogFile>();
  /** Location file → identities of its missing targets written through a linked folder. */
  private readonly missingThroughLinks = new Map<string, readonly string[]>();
  /** Location file → its targets as written that go through a link (see `ResolvedLocationTargets`). */
  private readonly writtenThroughLinks = new Map<string, readonly string[]>();
  /** Files whose Locations currently refuse a target as a cycle. */
  private readonly cyclic = new Set<string>();
  private readonly isCatalogFile: (relativePosixPath: string) => boolean;
  private readonly isExcludedPath: (relativePosixPath: string) => boolean;
  /** Glob-matched paths that are links: their identity is the file they name (see `PathIdentity`). */
  private readonly aliases = new Set<string>();
  /** Real paths, looked up once per load and once per file event. */
  private readonly identity: PathIdentity;
  private fileListing: Promise<TargetListing> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Folders the workspace's Templates fetch their content from: files there are not catalog files. */
  private contentRoots: readonly TemplateContentRoot[] = [];
  private contentRootsKey = '';
  /** Tracked files kept out of the index because they are template content. */
  private readonly withheld = new Set<string>();
  /** The folder's Backstage config (app-config*.yaml at its root), if it has one. */
  private appConfig: AppConfigCatalog | undefined;
  /** Each indexed file as parsed, before catalog rules and location failures were applied. */
  private readonly rawParses = new Map<string, ParsedCatalogFile>();
  /** What the last admission pass decided per file (see locationAdmission.ts). */
  private admissions = new Map<string, FileAdmission>();
  /** Per file, what admission reads of it; the pass runs again only when one of these (or the roots) changed. */
  private readonly admissionInputs = new Map<string, string>();
  private admissionDirty = true;

  constructor(
    readonly root: string,
    private readonly options: FolderCatalogOptions,
  ) {
    this.isCatalogFile = createCatalogFileMatcher(options);
    this.identity = new PathIdentity(options.fs, root);
    const exclude = picomatch([...(options.exclude ?? DEFAULT_EXCLUDE_GLOBS)], { dot: true });
    this.isExcludedPath = (relative) => exclude(relative) || exclude(`${relative}/`);
  }

  /**
   * Discovers and indexes everything below the root. Files are indexed in path order as their
   * parses arrive (so views fill in while the rest is parsed), in slices that leave the event
   * loop free every few milliseconds.
   */
  loadAll(onProgress?: (done: number, total: number) => void): Promise<void> {
    return this.enqueue(async () => {
      await this.reload(onProgress);
      await this.settle();
    });
  }

  /** After every change: withhold template content, then apply the catalog rules. */
  private async settle(): Promise<void> {
    await this.applyTemplateContent();
    this.applyAdmission();
  }

  /** The rules Backstage would run this folder with, or undefined when none are to be checked. */
  private effectiveRules(): CatalogRule[] | undefined {
    if (!this.appConfig) {
      return this.options.catalogRules ? [...this.options.catalogRules] : undefined;
    }
    return [...(this.appConfig.rules ?? BACKSTAGE_DEFAULT_RULES), ...this.appConfig.locations.flatMap((location) => location.rules)];
  }

  /**
   * Marks what Backstage would not store (a kind the rules refuse, and everything read with
   * it) and adds the problems that say why. Runs over the whole folder, only when rules apply.
   */
  private applyAdmission(): void {
    if (!this.admissionDirty) {
      return;
    }
    this.admissionDirty = false;
    const rules = this.effectiveRules();
    const next = new Map<string, FileAdmission>();
    if (rules) {
      const roots: RootReader[] = [];
      const configFiles = new Map<number, string[]>();
      for (const [file, reasons] of this.reasons) {
        for (const reason of reasons) {
          if (reason === 'glob') {
            roots.push({ origin: { type: 'file', target: file }, files: [file], fileLocation: false });
          } else if (reason.startsWith(CONFIG_REASON)) {
            const position = Number(reason.slice(CONFIG_REASON.length));
            let files = configFiles.get(position);
            if (!files) {
              files = [];
              configFiles.set(position, files);
            }
            files.push(file);
          }
        }
      }
      (this.appConfig?.locations ?? []).forEach((location, position) => {
        if (location.type === 'file') {
          const label = `catalog.locations[${position}] in ${path.basename(location.configFile)} (${location.target})`;
          roots.push({ label, origin: { type: 'file', target: location.resolved }, files: (configFiles.get(position) ?? []).sort(), anchor: { file: location.configFile, range: location.range }, fileLocation: true });
        }
      });
      const admitted = admitCatalog({
        root: this.root,
        rules,
        roots,
        parsed: (file) => (this.withheld.has(file) ? undefined : this.rawParses.get(file)),
        locationTargets: (file) => [...(this.locationEdges.get(file) ?? [])],
        files: [...this.reasons.keys()],
      });
      for (const [file, admission] of admitted) {
        if (admission.rejected.size > 0 || admission.problems.length > 0) {
          next.set(file, admission);
        }
      }
    }
    const previous = this.admissions;
    this.admissions = next;
    for (const file of new Set([...previous.keys(), ...next.keys()])) {
      const raw = this.rawParses.get(file);
      if (raw && !this.withheld.has(file) && admissionKey(previous.get(file)) !== admissionKey(next.get(file))) {
        this.options.index.upsertFile(this.admitted(raw));
      }
    }
  }

  /** The parse as the index holds it: records Backstage would not store are invalid and have no relations. */
  private admitted(raw: ParsedCatalogFile): ParsedCatalogFile {
    const admission = this.admissions.get(raw.file);
    if (!admission) {
      return raw;
    }
    return {
      ...raw,
      entities: raw.entities.map((record) => (admission.rejected.has(record.documentIndex) ? { ...record, valid: false, relations: [] } : record)),
      problems: [...raw.problems, ...admission.problems],
    };
  }

  /** `catalog.locations` entries of type file whose target (a path or a glob) names `file`. */
  private configLocationsFor(file: string): number[] {
    const matches: number[] = [];
    (this.appConfig?.locations ?? []).forEach((location, position) => {
      if (location.type === 'file' && configTargetMatches(this.root, location, file)) {
        matches.push(position);
      }
    });
    return matches;
  }

  /** The Template whose content a file is (`fetch:template` / `fetch:plain` url), if any. */
  templateContentOf(file: string): string | undefined {
    return contentRootOf(this.contentRoots, file)?.templateRef;
  }

  /**
   * Template content found while indexing is withheld at once; when the Templates' content
   * folders change, every tracked file is checked again (and released ones are indexed).
   */
  private async applyTemplateContent(depth = 0): Promise<void> {
    const roots: TemplateContentRoot[] = [];
    for (const record of this.options.index.byKind('template')) {
      if (this.reasons.has(record.file) && record.origin.type === 'workspace') {
        roots.push(...templateContentRoots(record));
      }
    }
    const key = roots
      .map((root) => root.path)
      .sort()
      .join('\u0000');
    // Templates inside each other's content could flip the roots back and forth: a few rounds settle any real layout.
    if (key === this.contentRootsKey || depth > 3) {
      return;
    }
    this.contentRoots = roots;
    this.contentRootsKey = key;
    for (const file of [...this.reasons.keys()]) {
      const inside = contentRootOf(roots, file) !== undefined;
      if (inside && !this.withheld.has(file)) {
        await this.index({ file, entities: [], problems: [], locationTargets: [] });
      } else if (!inside && this.withheld.has(file) && this.reasons.has(file)) {
        this.withheld.delete(file);
        await this.index(await this.readAndParse(file));
      }
    }
    // Withholding a Template's file (or releasing one) can move the roots again.
    await this.applyTemplateContent(depth + 1);
  }

  private async reload(onProgress?: (done: number, total: number) => void): Promise<void> {
    // A reload starts from nothing but keeps the index populated until the new state is in,
    // so views do not flash empty; files that vanished are removed at the end.
    const previousFiles = new Set(this.reasons.keys());
    this.reasons.clear();
    this.locationEdges.clear();
    this.urlTargets.clear();
    this.locationSources.clear();
    this.cyclic.clear();
    this.missingThroughLinks.clear();
    this.writtenThroughLinks.clear();
    this.aliases.clear();
    this.identity.reset();
    this.withheld.clear();
    this.admissionDirty = true;
    const parser = this.options.parser;
    const listed = parser ? parser.list(this.root, this.options) : listFolder(this.options.fs, this.root, this.options);
    if (parser && this.options.cache?.size) {
      // While a worker lists the folder, this thread decodes what the cache holds for it.
      await this.options.cache.decodeAhead(this.root);
    }
    const listing: Omit<FolderListing, 'files'> & { readonly files?: readonly string[]; readonly stats?: readonly (FileStat | undefined)[] } = await listed;
    // A worker's listing leaves out the other files; only glob Location targets need them, and ask.
    this.fileListing = listing.files ? Promise.resolve({ files: listing.files, links: listing.links }) : undefined;
    for (const [link] of listing.links) {
      if (this.isCatalogFile(link)) {
        this.aliases.add(path.join(this.root, link));
      }
    }
    this.appConfig = await readAppConfig(this.options.fs, this.root);
    const globFiles = listing.catalogFiles;
    for (const file of globFiles) {
      this.addReason(file, 'glob');
    }
    const configured = await this.configLocationFiles();
    let files = globFiles;
    let stats = listing.stats;
    if (configured.length > 0) {
      // Static locations of app-config are roots beside the globs; a file both name is read once.
      const extra = configured.filter((file) => !this.reasons.has(file));
      for (const file of configured) {
        for (const position of this.configLocationsFor(file)) {
          this.addReason(file, `${CONFIG_REASON}${position}`);
        }
      }
      files = [...globFiles, ...new Set(extra)].sort();
      stats = undefined;
    }
    await this.parseAndIndex(files, stats, onProgress);
    for (const [link, target] of listing.refusedLinks) {
      this.addReason(link, 'glob');
      await this.index(linkOutsideProblem(this.root, link, target ?? undefined));
    }
    this.indexAppConfig();
    for (const file of previousFiles) {
      if (!this.reasons.has(file)) {
        this.options.index.removeFile(file);
        this.rawParses.delete(file);
        this.options.cache?.forget(file);
      }
    }
  }

  /** Whether a path belongs to this catalog: by glob, app-config, or because a Location points at it. */
  tracks(file: string): boolean {
    return this.reasons.has(file) || this.matchesGlobs(file) || isAppConfigFile(this.root, file) || this.configLocationsFor(file).length > 0 || this.locationsWanting(file).length > 0;
  }

  /** Local files the app-config's `type: file` locations name (globs expanded), sorted. */
  private async configLocationFiles(): Promise<string[]> {
    const files = new Set<string>();
    const urls: string[] = [];
    for (const location of this.appConfig?.locations ?? []) {
      if (location.type === 'url') {
        urls.push(location.target);
      } else if (location.type === 'file') {
        if (picomatch.scan(location.target).isGlob) {
          for (const relative of (await this.listFiles()).files) {
            const file = path.join(this.root, relative);
            if (configTargetMatches(this.root, location, file) && !this.excludes(file)) {
              files.add(file);
            }
          }
        } else if (isInsideFolder(this.root, location.resolved) && (await this.listable(location.resolved))) {
          files.add(location.resolved);
        }
      }
    }
    const configFile = this.appConfig?.locations[0]?.configFile;
    if (configFile && urls.length > 0) {
      // Fetched like URL Locations (trusted workspaces only), by the remote-location support.
      this.urlTargets.set(configFile, urls);
    }
    return [...files].sort();
  }

  /** The app-config files are in the index with no entities: their problems show where they are written. */
  private indexAppConfig(): void {
    for (const file of this.appConfig?.files ?? []) {
      this.addReason(file, APP_CONFIG_REASON);
      const raw: ParsedCatalogFile = { file, entities: [], locationTargets: [], problems: (this.appConfig?.problems ?? []).filter((problem) => problem.file === file) };
      this.rawParses.set(file, raw);
      this.options.index.upsertFile(this.admitted(raw));
    }
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
      await this.refresh(file, text);
      await this.settle();
    });
  }

  /**
   * A file was deleted (a rename is a delete plus a create). Events race with the disk (a
   * folder deleted and checked out again, a file deleted and re-created): the path ends as it
   * is on disk when the event is handled, whatever order the events came in.
   */
  deleteFile(file: string): Promise<void> {
    return this.enqueue(async () => {
      await this.refresh(file, undefined);
      await this.settle();
    });
  }

  /** Brings one path in line with the disk (or with the editor's unsaved `text`). */
  private async refresh(file: string, text: string | undefined): Promise<void> {
    if (isAppConfigFile(this.root, file)) {
      // Roots and rules change together: index the folder again, as a fresh load would.
      await this.reload();
      return;
    }
    this.identity.reset();
    if (text === undefined && (this.hasLinksIn(file) || (await this.isLinkInside(file)))) {
      // A link's identity is the file it names, which other paths may reach too: what it adds or
      // takes away is what a full load decides. Links are few, so their events reload the folder.
      await this.reload();
      return;
    }
    await this.refreshIdentity(text === undefined ? file : await this.identityOf(file), text);
  }

  /** An editor open on a link edits the file it names. */
  private async identityOf(file: string): Promise<string> {
    const lookup = await this.identity.lookup(file);
    return lookup.kind === 'inside' ? lookup.path : file;
  }

  private async refreshIdentity(file: string, text: string | undefined): Promise<void> {
    const cyclicBefore = this.cyclic.size > 0;
    const hadTargets = this.locationSources.has(file);
    await this.refreshPath(file, text);
    // Which edge of a Location cycle is refused depends on the order files were indexed in.
    // When a Location file changes while a cycle is (or was) there, the folder is indexed again
    // in a full load's order, so the problems are those a reload would show.
    if (text === undefined && (cyclicBefore || this.cyclic.size > 0) && (hadTargets || this.locationSources.has(file))) {
      await this.reload();
    }
  }

  private async refreshPath(file: string, text: string | undefined): Promise<void> {
    this.fileListing = undefined;
    if (text === undefined && !(await this.listable(file))) {
      // Gone by the time it is read (deleted right after the change), a folder, or a link out
      // of the root: a full load would not list it, so it leaves the catalog like a deleted file.
      await this.removeDeleted(file);
      const lookup = await this.identity.lookup(file);
      if (lookup.kind !== 'inside' && this.matchesGlobs(file) && (await this.isLink(file))) {
        // ...but a glob-matched link out of the root is reported, as a full load reports it.
        this.addReason(file, 'glob');
        await this.index(linkOutsideProblem(this.root, file, lookup.kind === 'outside' ? lookup.real : undefined));
      }
      return;
    }
    // Locations whose targets (a glob, or one reported missing) match the file but do not reach it yet.
    let wanting = this.locationsWanting(file).filter((source) => !this.locationEdges.get(source.file)?.has(file));
    const configured = this.configLocationsFor(file);
    if (this.matchesGlobs(file) || configured.length > 0) {
      if (this.matchesGlobs(file)) {
        this.addReason(file, 'glob');
      }
      for (const position of configured) {
        this.addReason(file, `${CONFIG_REASON}${position}`);
      }
    } else if (!this.reasons.has(file)) {
      // Only Locations bring it in: indexing them reads it.
      await this.reindexLocations(wanting);
      wanting = [];
      if (!this.reasons.has(file) || text === undefined) {
        return;
      }
    }
    if (text !== undefined) {
      // Unsaved text is not what is on disk: the disk's parse must not be reused for it.
      this.options.cache?.forget(file);
    }
    const parsed = text === undefined ? await this.readAndParse(file) : await this.parseUnsaved(file, text);
    await this.index(parsed);
    // The file is indexed first, as a full load would, then the Locations that reported it missing see it.
    await this.reindexLocations(wanting);
  }

  /** Re-resolves Location files, skipping any that an earlier one in the list dropped from the catalog. */
  private async reindexLocations(locations: readonly ParsedCatalogFile[]): Promise<void> {
    for (const location of locations) {
      if (this.locationSources.get(location.file) === location) {
        await this.index(location);
      }
    }
  }

  private async removeDeleted(file: string): Promise<void> {
    this.fileListing = undefined;
    this.dropReason(file, 'glob');
    for (const reason of [...(this.reasons.get(file) ?? [])].filter((candidate) => candidate.startsWith(CONFIG_REASON))) {
      this.dropReason(file, reason);
    }
    if (this.reasons.has(file)) {
      // Still a Location target: it stays in the catalog with a "missing" problem at the Location.
      const locations = [...(this.reasons.get(file) ?? [])];
      this.forget(file);
      for (const location of locations) {
        if (!isRootReason(location)) {
          await this.reindexLocation(location);
        }
      }
    }
  }

  /** Whether listFolder would list the path: a file, or a link to one inside the root. */
  private async listable(file: string): Promise<boolean> {
    const stat = await this.options.fs.stat(file);
    if (!stat?.isFile) {
      return false;
    }
    return (await this.identity.lookup(file)).kind === 'inside';
  }

  /**
   * Whether the path is a symbolic link in a folder listFolder reads (its listing says so; the
   * file system seam has no lstat). A folder reached through a link is not read.
   */
  private async isLink(file: string): Promise<boolean> {
    const folder = await this.identity.lookup(path.dirname(file));
    if (folder.kind !== 'inside' || folder.path !== path.dirname(file)) {
      return false;
    }
    try {
      const entries = await this.options.fs.readDirectory(path.dirname(file));
      return entries.some((entry) => entry.name === path.basename(file) && entry.isSymbolicLink);
    } catch {
      return false;
    }
  }

  /** A path inside the root whose identity is another path: a link, or a path through a linked folder. */
  private async isLinkInside(file: string): Promise<boolean> {
    const lookup = await this.identity.lookup(file);
    return lookup.kind === 'inside' && lookup.path !== file;
  }

  /**
   * Whether a glob-matched link, or a Location target written through a link, lies in the
   * folder (or is it): deleting it changes what they name.
   */
  hasLinksIn(folder: string): boolean {
    const through = [...this.aliases, ...[...this.writtenThroughLinks.values()].flat()];
    return through.some((linked) => isInsideFolder(folder, linked));
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
    this.withheld.clear();
    this.rawParses.clear();
    this.admissions.clear();
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private origin(): { type: 'workspace'; folder: string } {
    return { type: 'workspace', folder: this.root };
  }

  private listFiles(): Promise<TargetListing> {
    this.fileListing ??= (this.options.parser ? this.options.parser.list(this.root, this.options, true) : listFolder(this.options.fs, this.root, this.options)).then((listing) => ({ files: listing.files ?? [], links: listing.links }));
    return this.fileListing;
  }

  /**
   * Parses the files (cache hits first, then the misses in worker threads or here) and indexes
   * them in their order as soon as every earlier file is in.
   */
  private async parseAndIndex(files: readonly string[], stats: readonly (FileStat | undefined)[] | undefined, onProgress: ((done: number, total: number) => void) | undefined): Promise<void> {
    const slicer = new TimeSlicer();
    const results: (ParsedCatalogFile | undefined)[] = new Array(files.length);
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
        await this.index(parsed);
        await slicer.maybeYield();
      }
    };
    const deliver = (position: number, parsed: ParsedCatalogFile): void => {
      results[position] = parsed;
      onProgress?.(++done, files.length);
      if (position === indexed) {
        indexing = indexing.then(indexReady);
      }
    };
    const limit = this.maxFileSizeBytes();
    const cache = this.options.cache;
    let misses: number[] = files.map((_file, position) => position);
    if (cache && cache.size > 0) {
      misses = [];
      await this.inLanes(files.length, async (position) => {
        const file = files[position] as string;
        const stat = stats ? stats[position] : await this.options.fs.stat(file);
        const parsed = unparsableFile(file, stat, limit) ?? (stat ? cache.lookup(this.root, file, { mtimeMs: stat.mtimeMs, size: stat.size }) : undefined);
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
      await parser.parseMany(this.root, missed.map((position) => files[position] as string), limit, (offset, result, readAt) => {
        const position = missed[offset] as number;
        if (result.stamp) {
          cache?.remember(this.root, files[position] as string, result.stamp, result.parsed, readAt);
        }
        deliver(position, result.parsed);
      });
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

  /** The unsaved text of an open editor: the size limit applies to it as to the file on disk. */
  private async parseUnsaved(file: string, text: string): Promise<ParsedCatalogFile> {
    const limit = this.options.maxFileSizeBytes ?? DEFAULT_MAX_FILE_SIZE_BYTES;
    const size = Buffer.byteLength(text, 'utf8');
    if (size > limit) {
      const message = `Catalog file is ${size} bytes, above the ${limit}-byte limit (setting greenroom.maxFileSizeKb); not parsed`;
      return { file, entities: [], locationTargets: [], problems: [{ file, range: START_OF_FILE, severity: 'error', code: 'file-too-large', message }] };
    }
    return withBoundedExcerpts(this.options.parser ? await this.options.parser.parseText(this.root, file, text) : await parseCatalogFile(file, text, this.origin()));
  }

  /** Reads and parses a file from disk, reusing the cached parse when the file is unchanged. */
  private async readAndParse(file: string, lookInCache = true): Promise<ParsedCatalogFile> {
    const cache = this.options.cache;
    let stat: FileStat | undefined;
    if (cache && lookInCache) {
      stat = await this.options.fs.stat(file);
      const cached = stat?.isFile ? cache.lookup(this.root, file, { mtimeMs: stat.mtimeMs, size: stat.size }) : undefined;
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

  /** Puts a parsed file in the index after resolving its Locations, then loads newly reached targets. */
  private async index(parsedFile: ParsedCatalogFile): Promise<void> {
    // Template content stays tracked (so edits are seen) but contributes nothing.
    const content = contentRootOf(this.contentRoots, parsedFile.file) !== undefined;
    if (content) {
      this.withheld.add(parsedFile.file);
    } else {
      this.withheld.delete(parsedFile.file);
    }
    const parsed: ParsedCatalogFile = content ? { file: parsedFile.file, entities: [], problems: [], locationTargets: [] } : parsedFile;
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
    setOrDelete(this.missingThroughLinks, parsed.file, targets.missingThroughLinks);
    setOrDelete(this.writtenThroughLinks, parsed.file, targets.writtenThroughLinks);
    if (parsed.locationTargets.length > 0) {
      this.locationSources.set(parsed.file, parsed);
    } else {
      this.locationSources.delete(parsed.file);
    }
    if (targets.problems.some((problem) => problem.code === 'location-cycle')) {
      this.cyclic.add(parsed.file);
    } else {
      this.cyclic.delete(parsed.file);
    }
    if (content) {
      this.rawParses.delete(parsed.file);
      this.options.index.removeFile(parsed.file);
      if (this.admissionInputs.delete(parsed.file)) {
        this.admissionDirty = true;
      }
    } else {
      this.rawParses.set(parsed.file, withProblems);
      this.options.index.upsertFile(this.admitted(withProblems));
      // Without rules there is no pass to keep up to date (a config or setting change reloads).
      if (this.appConfig !== undefined || this.options.catalogRules !== undefined) {
        const input = admissionInput(withProblems);
        if (this.admissionInputs.get(parsed.file) !== input) {
          this.admissionInputs.set(parsed.file, input);
          this.admissionDirty = true;
        }
      }
    }
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

  private async resolveTargets(file: string, targets: readonly LocationTarget[]): Promise<{ files: string[]; urls: string[]; problems: CatalogProblem[]; missingThroughLinks: readonly string[]; writtenThroughLinks: readonly string[] }> {
    if (targets.length === 0) {
      return { files: [], urls: [], problems: [], missingThroughLinks: [], writtenThroughLinks: [] };
    }
    const resolved = await resolveLocationTargets(this.options.fs, this.root, targets, () => this.listFiles(), { identity: this.identity, isExcluded: this.isExcludedPath });
    const files: string[] = [];
    const problems = [...resolved.problems];
    // By identity: two targets (or two links) naming one file follow it once, and a loop is found once.
    const seen = new Set<string>();
    for (const [position, target] of resolved.files.entries()) {
      if (seen.has(target)) {
        continue;
      }
      seen.add(target);
      const cycle = this.pathBetween(target, file);
      if (cycle) {
        const shown = [file, ...cycle].map((step) => path.relative(this.root, step) || path.basename(step));
        const written = resolved.sources[position];
        const throughLink = written !== undefined && !picomatch.scan(written.target).isGlob && path.resolve(path.dirname(file), written.target) !== target;
        problems.push({
          file,
          range: written?.range ?? START_OF_FILE,
          severity: 'error',
          code: 'location-cycle',
          message: `Location cycle: ${shown.join(' → ')}${throughLink ? ` ("${written.target}" leads there through a symbolic link)` : ''}; this target is not followed`,
          ...(written ? { entityRef: written.locationRef } : {}),
        });
        continue;
      }
      files.push(target);
    }
    return { files, urls: resolved.urls, problems, missingThroughLinks: resolved.missingThroughLinks, writtenThroughLinks: resolved.writtenThroughLinks };
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
    return [...this.locationSources.values()].filter(
      (source) => source.locationTargets.some((target) => locationTargetMatches(this.root, target, file)) || this.missingThroughLinks.get(source.file)?.includes(file) === true,
    );
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
    if (!reasons.has(reason)) {
      reasons.add(reason);
      this.admissionDirty = true;
    }
  }

  /** Drops one reason; a file left with none leaves the catalog, with what only it reached. */
  private dropReason(file: string, reason: InclusionReason): void {
    const reasons = this.reasons.get(file);
    if (!reasons?.delete(reason)) {
      return;
    }
    this.admissionDirty = true;
    if (reasons.size === 0) {
      this.reasons.delete(file);
      this.forget(file);
    }
  }

  private forget(file: string): void {
    this.admissionDirty = true;
    this.admissionInputs.delete(file);
    this.options.index.removeFile(file);
    this.withheld.delete(file);
    this.rawParses.delete(file);
    this.options.cache?.forget(file);
    this.urlTargets.delete(file);
    this.locationSources.delete(file);
    this.cyclic.delete(file);
    this.missingThroughLinks.delete(file);
    this.writtenThroughLinks.delete(file);
    const targets = this.locationEdges.get(file);
    this.locationEdges.delete(file);
    for (const target of targets ?? []) {
      this.dropReason(target, file);
    }
  }
}

/** A glob-matched catalog file that is a symbolic link out of the root (or to nothing): reported, never read. */
function linkOutsideProblem(root: string, link: string, target: string | undefined): ParsedCatalogFile {
  const where = target === undefined ? 'to nothing (or to a link loop)' : `to ${target}, outside the workspace folder ${root}`;
  return {
    file: link,
    entities: [],
    locationTargets: [],
    // Out of the workspace is refused (error); a link to nothing is only broken (warning).
    problems: [{ file: link, range: START_OF_FILE, severity: target === undefined ? 'warning' : 'error', code: 'link-outside', message: `${path.basename(link)} is a symbolic link ${where}; not read` }],
  };
}

function setOrDelete(map: Map<string, readonly string[]>, key: string, values: readonly string[]): void {
  if (values.length > 0) {
    map.set(key, values);
  } else {
    map.delete(key);
  }
}

/**
 * What the admission pass reads of a file: kinds (and spec.type), refs, where each document and
 * its Location targets are, placeholders, and the problems that fail a location. An edit that
 * leaves this alone (a description, a tag) cannot change any decision.
 */
function admissionInput(parsed: ParsedCatalogFile): string {
  return JSON.stringify([
    parsed.entities.map((record) => [record.ref, record.documentIndex, record.entity.kind, (record.entity.spec as { type?: unknown } | undefined)?.type ?? null, record.valid, record.range, record.placeholders]),
    parsed.locationTargets.map((target) => [target.target, target.range]),
    parsed.problems.filter((problem) => ['yaml-syntax', 'not-an-object', 'file-unreadable', 'file-too-large', 'location-missing'].includes(problem.code)).map((problem) => problem.message),
  ]);
}

/** Identity of an admission decision, to re-index only files whose decision changed. */
function admissionKey(admission: FileAdmission | undefined): string {
  if (!admission) {
    return '';
  }
  return JSON.stringify([[...admission.rejected].sort((a, b) => a - b), admission.problems.map((problem) => [problem.code, problem.severity, problem.message, problem.range])]);
}

/** Whether a `type: file` app-config location (a path or a glob) names `file`. */
function configTargetMatches(root: string, location: AppConfigLocation, file: string): boolean {
  if (location.type !== 'file') {
    return false;
  }
  if (!picomatch.scan(location.target).isGlob) {
    return location.resolved === file;
  }
  if (!isInsideFolder(root, location.resolved.replace(/[*?[{].*$/, '')) && !isInsideFolder(root, path.dirname(location.resolved))) {
    return false;
  }
  const pattern = path.relative(root, location.resolved).split(path.sep).join('/');
  return picomatch(pattern, { dot: false })(path.relative(root, file).split(path.sep).join('/'));
}
