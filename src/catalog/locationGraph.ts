import * as path from 'node:path';
import picomatch from 'picomatch';
import { readAppConfig, type AppConfigCatalog, type AppConfigLocation } from './appConfig';
import type { LocationTarget } from './catalogEntity';
import { isInsideFolder, type CatalogFileSystem } from './catalogFileSystem';
import type { CatalogIndex } from './catalogIndex';
import { BACKSTAGE_DEFAULT_RULES, type CatalogRule } from './catalogRules';
import type { FolderParsePipeline } from './folderParsePipeline';
import { admitCatalog, type FileAdmission, type RootReader } from './locationAdmission';
import { locationTargetMatches, resolveLocationTargets } from './locations';
import type { ParsedCatalogFile } from './parseCatalogFile';
import type { PathIdentity } from './pathIdentity';
import type { CatalogProblem } from './problems';
import { START_OF_FILE } from './sourceRange';
import { contentRootOf, templateContentRoots, type TemplateContentRoot } from './templateContent';

export interface LocationGraphOptions {
  readonly fs: CatalogFileSystem;
  readonly index: CatalogIndex;
  /**
   * `catalog.rules` for a folder without an app-config (the `greenroom.catalogRules` setting);
   * undefined: no rules, every kind is accepted. A folder's app-config always decides for it.
   */
  readonly catalogRules?: readonly CatalogRule[];
}

/** Which paths of the folder are excluded (node_modules and the like), as the folder's discovery decides. */
export interface FolderExclusion {
  /** A root-relative POSIX path. */
  readonly isExcludedPath: (relativePosixPath: string) => boolean;
  /** An absolute path (file or folder); also true outside the root. */
  readonly excludes: (file: string) => boolean;
}

/**
 * Why a file is in the catalog: matched by a glob, a target of `catalog.locations[i]` of the
 * app-config (`config:i`), the app-config itself (`app-config`), or a target of these Location files.
 */
export type InclusionReason = string;

const CONFIG_REASON = 'config:';
const APP_CONFIG_REASON = 'app-config';
export const isRootReason = (reason: InclusionReason): boolean =>
  reason === 'glob' || reason === APP_CONFIG_REASON || reason.startsWith(CONFIG_REASON);

/**
 * Which files are in one folder's catalog and why: the roots (globs, the app-config and its
 * `catalog.locations`), the Location files that pull in their targets (cycles refused, escapes
 * and links reported), Template content withheld, and what the catalog rules admit. Every
 * parse goes into the index through `index`, so the index holds what Backstage would store.
 */
export class LocationGraph {
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
  /** Glob-matched paths that are links: their identity is the file they name (see `PathIdentity`). */
  private readonly aliases = new Set<string>();
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
    private readonly root: string,
    private readonly options: LocationGraphOptions,
    private readonly identity: PathIdentity,
    /** Reads the targets Locations reach, and lists the folder for glob targets. */
    private readonly pipeline: FolderParsePipeline,
    private readonly exclusion: FolderExclusion,
  ) {}

  /**
   * A full load starts from nothing but keeps the index populated until the new state is in,
   * so views do not flash empty. Returns the files tracked before, for `dropVanished`.
   */
  startOver(): Set<string> {
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
    return previousFiles;
  }

  /** At the end of a full load: files tracked before and not now leave the index. */
  dropVanished(previousFiles: ReadonlySet<string>): void {
    for (const file of previousFiles) {
      if (!this.reasons.has(file)) {
        this.options.index.removeFile(file);
        this.rawParses.delete(file);
        this.pipeline.forgetCached(file);
      }
    }
  }

  /** A glob-matched catalog file that is a symbolic link. */
  addAlias(file: string): void {
    this.aliases.add(file);
  }

  async loadAppConfig(): Promise<void> {
    this.appConfig = await readAppConfig(this.options.fs, this.root);
  }

  /** After every change: withhold template content, then apply the catalog rules. */
  async settle(): Promise<void> {
    await this.applyTemplateContent();
    this.applyAdmission();
  }

  /** Whether the file is in the catalog (for any reason). */
  includes(file: string): boolean {
    return this.reasons.has(file);
  }

  /** Why the file is in the catalog: root reasons (see `isRootReason`) and the Location files that reach it. */
  reasonsOf(file: string): InclusionReason[] {
    return [...(this.reasons.get(file) ?? [])];
  }

  trackedFiles(): string[] {
    return [...this.reasons.keys()];
  }

  /** Whether the Location file's targets already reach `file`. */
  reaches(locationFile: string, file: string): boolean {
    return this.locationEdges.get(locationFile)?.has(file) === true;
  }

  /** Whether some Location refuses a target as a cycle. */
  hasCycles(): boolean {
    return this.cyclic.size > 0;
  }

  /** Whether the file, as last indexed, has Location targets. */
  hasLocationTargets(file: string): boolean {
    return this.locationSources.has(file);
  }

  /** Whether catalog rules decide what is stored (an app-config, or the rules setting): then a raw parse is not what the index shows. */
  checksRules(): boolean {
    return this.effectiveRules() !== undefined;
  }

  /** The rules Backstage would run this folder with, or undefined when none are to be checked. */
  private effectiveRules(): CatalogRule[] | undefined {
    if (!this.appConfig) {
      return this.options.catalogRules ? [...this.options.catalogRules] : undefined;
    }
    return [
      ...(this.appConfig.rules ?? BACKSTAGE_DEFAULT_RULES),
      ...this.appConfig.locations.flatMap((location) => location.rules),
    ];
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
          roots.push({
            label,
            origin: { type: 'file', target: location.resolved },
            files: (configFiles.get(position) ?? []).sort(),
            anchor: { file: location.configFile, range: location.range },
            fileLocation: true,
          });
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
      entities: raw.entities.map((record) =>
        admission.rejected.has(record.documentIndex) ? { ...record, valid: false, relations: [] } : record,
      ),
      problems: [...raw.problems, ...admission.problems],
    };
  }

  /** `catalog.locations` entries of type file whose target (a path or a glob) names `file`. */
  configLocationsFor(file: string): number[] {
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
        await this.index(await this.pipeline.readAndParse(file));
      }
    }
    // Withholding a Template's file (or releasing one) can move the roots again.
    await this.applyTemplateContent(depth + 1);
  }

  /** Local files the app-config's `type: file` locations name (globs expanded), sorted. */
  async configLocationFiles(): Promise<string[]> {
    const files = new Set<string>();
    const urls: string[] = [];
    for (const location of this.appConfig?.locations ?? []) {
      if (location.type === 'url') {
        urls.push(location.target);
      } else if (location.type === 'file') {
        if (picomatch.scan(location.target).isGlob) {
          for (const relative of (await this.pipeline.listFiles()).files) {
            const file = path.join(this.root, relative);
            if (configTargetMatches(this.root, location, file) && !this.exclusion.excludes(file)) {
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

  /** Whether listFolder would list the path: a file, or a link to one inside the root. */
  async listable(file: string): Promise<boolean> {
    const stat = await this.options.fs.stat(file);
    if (!stat?.isFile) {
      return false;
    }
    return (await this.identity.lookup(file)).kind === 'inside';
  }

  /** The app-config files are in the index with no entities: their problems show where they are written. */
  indexAppConfig(): void {
    for (const file of this.appConfig?.files ?? []) {
      this.addReason(file, APP_CONFIG_REASON);
      const raw: ParsedCatalogFile = {
        file,
        entities: [],
        locationTargets: [],
        problems: (this.appConfig?.problems ?? []).filter((problem) => problem.file === file),
      };
      this.rawParses.set(file, raw);
      this.options.index.upsertFile(this.admitted(raw));
    }
  }

  /** Puts a parsed file in the index after resolving its Locations, then loads newly reached targets. */
  async index(parsedFile: ParsedCatalogFile): Promise<void> {
    // Template content stays tracked (so edits are seen) but contributes nothing.
    const content = contentRootOf(this.contentRoots, parsedFile.file) !== undefined;
    if (content) {
      this.withheld.add(parsedFile.file);
    } else {
      this.withheld.delete(parsedFile.file);
    }
    const parsed: ParsedCatalogFile = content
      ? { file: parsedFile.file, entities: [], problems: [], locationTargets: [] }
      : parsedFile;
    const targets = await this.resolveTargets(parsed.file, parsed.locationTargets);
    const withProblems: ParsedCatalogFile =
      targets.problems.length > 0 ? { ...parsed, problems: [...parsed.problems, ...targets.problems] } : parsed;
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
      const admitted = this.admitted(withProblems);
      // A parse shown from the cache before the load, found unchanged: the index holds it already.
      if (this.options.index.fileResult(parsed.file) !== admitted) {
        this.options.index.upsertFile(admitted);
      }
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
          await this.index(await this.pipeline.readAndParse(added));
        }
      }
    }
  }

  private async resolveTargets(
    file: string,
    targets: readonly LocationTarget[],
  ): Promise<{
    files: string[];
    urls: string[];
    problems: CatalogProblem[];
    missingThroughLinks: readonly string[];
    writtenThroughLinks: readonly string[];
  }> {
    if (targets.length === 0) {
      return { files: [], urls: [], problems: [], missingThroughLinks: [], writtenThroughLinks: [] };
    }
    const resolved = await resolveLocationTargets(
      this.options.fs,
      this.root,
      targets,
      () => this.pipeline.listFiles(),
      { identity: this.identity, isExcluded: this.exclusion.isExcludedPath },
    );
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
        const throughLink =
          written !== undefined &&
          !picomatch.scan(written.target).isGlob &&
          path.resolve(path.dirname(file), written.target) !== target;
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
    return {
      files,
      urls: resolved.urls,
      problems,
      missingThroughLinks: resolved.missingThroughLinks,
      writtenThroughLinks: resolved.writtenThroughLinks,
    };
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

  /** Location files whose targets (a glob, or one reported missing) match `file`, as last indexed. */
  locationsWanting(file: string): ParsedCatalogFile[] {
    return [...this.locationSources.values()].filter(
      (source) =>
        source.locationTargets.some((target) => locationTargetMatches(this.root, target, file)) ||
        this.missingThroughLinks.get(source.file)?.includes(file) === true,
    );
  }

  /** Reads and re-resolves a Location file that is still in the catalog. */
  async reindexLocation(locationFile: string): Promise<void> {
    if (this.reasons.has(locationFile)) {
      await this.index(await this.pipeline.readAndParse(locationFile));
    }
  }

  /** Re-resolves Location files, skipping any that an earlier one in the list dropped from the catalog. */
  async reindexLocations(locations: readonly ParsedCatalogFile[]): Promise<void> {
    for (const location of locations) {
      if (this.locationSources.get(location.file) === location) {
        await this.index(location);
      }
    }
  }

  addReason(file: string, reason: InclusionReason): void {
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

  /** The file is named by `catalog.locations[position]` of the app-config. */
  addConfigReason(file: string, position: number): void {
    this.addReason(file, `${CONFIG_REASON}${position}`);
  }

  /** Drops one reason; a file left with none leaves the catalog, with what only it reached. */
  dropReason(file: string, reason: InclusionReason): void {
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

  /** Drops the reasons that find a file without a Location: its glob match and `catalog.locations` entries. */
  dropDiscoveryReasons(file: string): void {
    this.dropReason(file, 'glob');
    for (const reason of [...(this.reasons.get(file) ?? [])].filter((candidate) =>
      candidate.startsWith(CONFIG_REASON),
    )) {
      this.dropReason(file, reason);
    }
  }

  /**
   * Takes the file's parse out of the index and the graph, and drops what only it reached. Its
   * own reasons stay: a deleted Location target is still tracked, with a "missing" problem.
   */
  forget(file: string): void {
    this.admissionDirty = true;
    this.admissionInputs.delete(file);
    this.options.index.removeFile(file);
    this.withheld.delete(file);
    this.rawParses.delete(file);
    this.pipeline.forgetCached(file);
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

  /**
   * Whether a glob-matched link, or a Location target written through a link, lies in the
   * folder (or is it): deleting it changes what they name.
   */
  hasLinksIn(folder: string): boolean {
    const through = [...this.aliases, ...[...this.writtenThroughLinks.values()].flat()];
    return through.some((linked) => isInsideFolder(folder, linked));
  }

  /** URL targets found in Location files (and app-config), for the remote-location support. */
  remoteLocationTargets(): string[] {
    return [...this.urlTargets.values()].flat();
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
    parsed.entities.map((record) => [
      record.ref,
      record.documentIndex,
      record.entity.kind,
      (record.entity.spec as { type?: unknown } | undefined)?.type ?? null,
      record.valid,
      record.range,
      record.placeholders,
    ]),
    parsed.locationTargets.map((target) => [target.target, target.range]),
    parsed.problems
      .filter((problem) =>
        ['yaml-syntax', 'not-an-object', 'file-unreadable', 'file-too-large', 'location-missing'].includes(
          problem.code,
        ),
      )
      .map((problem) => problem.message),
  ]);
}

/** Identity of an admission decision, to re-index only files whose decision changed. */
function admissionKey(admission: FileAdmission | undefined): string {
  if (!admission) {
    return '';
  }
  return JSON.stringify([
    [...admission.rejected].sort((a, b) => a - b),
    admission.problems.map((problem) => [problem.code, problem.severity, problem.message, problem.range]),
  ]);
}

/** Whether a `type: file` app-config location (a path or a glob) names `file`. */
function configTargetMatches(root: string, location: AppConfigLocation, file: string): boolean {
  if (location.type !== 'file') {
    return false;
  }
  if (!picomatch.scan(location.target).isGlob) {
    return location.resolved === file;
  }
  if (
    !isInsideFolder(root, location.resolved.replace(/[*?[{].*$/, '')) &&
    !isInsideFolder(root, path.dirname(location.resolved))
  ) {
    return false;
  }
  const pattern = path.relative(root, location.resolved).split(path.sep).join('/');
  return picomatch(pattern, { dot: false })(path.relative(root, file).split(path.sep).join('/'));
}
