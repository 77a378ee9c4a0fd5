import * as path from 'node:path';
import type { CatalogFileSystem } from './catalogFileSystem';
import { CatalogIndex } from './catalogIndex';
import type { CatalogIndexCache } from './catalogIndexCache';
import type { CatalogRule } from './catalogRules';
import { isInsideFolder, isRelativeInside, nodeCatalogFileSystem } from './catalogFileSystem';
import { listFolder, type DiscoveryOptions } from './discovery';
import { ParseWorkerPool } from './parseWorkerPool';
import { PathIdentity } from './pathIdentity';
import { FolderCatalog, type LoadProgress } from './folderCatalog';

export interface MultiFolderCatalogOptions extends DiscoveryOptions {
  readonly fs: CatalogFileSystem;
  readonly maxFileSizeBytes?: number;
  /**
   * Parses reused while files are unchanged (mtime + size); `saveCache` persists it, and a
   * cache loaded from disk makes the first load re-parse only what changed since.
   */
  readonly cache?: CatalogIndexCache;
  /**
   * The bundled parse worker (`dist/catalogWorker.js`): when set, full loads with many files to
   * parse do it in worker threads. Without it, or if workers fail, parsing stays on this thread.
   */
  readonly workerScript?: string;
  /** Worker threads for full loads; default: the available cores but one, 1 to 4. */
  readonly workers?: number;
  /** `catalog.rules` for folders without an app-config (see FolderCatalogOptions). */
  readonly catalogRules?: readonly CatalogRule[];
}

/**
 * The catalog of all workspace folders over one shared index: what a multi-root VS Code window,
 * or the CLI with one folder, indexes. It keeps one catalog per folder (see FolderCatalog)
 * and routes each file event to the folder that contains the file.
 */
export class MultiFolderCatalog {
  readonly index = new CatalogIndex();
  private readonly folders = new Map<string, FolderCatalog>();
  private pool: ParseWorkerPool | undefined;

  constructor(private options: MultiFolderCatalogOptions) {
    this.pool = this.createPool();
  }

  /** New discovery settings apply from the next load. */
  configure(options: MultiFolderCatalogOptions): void {
    this.options = options;
    this.pool?.dispose();
    this.pool = this.createPool();
    for (const folder of [...this.folders.keys()]) {
      this.folders.get(folder)?.dispose();
      this.folders.set(folder, this.createFolderCatalog(folder));
    }
  }

  addFolder(root: string): FolderCatalog {
    const normalized = path.resolve(root);
    let catalog = this.folders.get(normalized);
    if (!catalog) {
      catalog = this.createFolderCatalog(normalized);
      this.folders.set(normalized, catalog);
    }
    return catalog;
  }

  removeFolder(root: string): void {
    const normalized = path.resolve(root);
    this.folders.get(normalized)?.dispose();
    this.folders.delete(normalized);
  }

  folderRoots(): string[] {
    return [...this.folders.keys()];
  }

  /**
   * On a first load with a usable cache: every folder's cached parses in the index at once,
   * before any folder is listed (see FolderCatalog.showCached). Returns the files shown; a
   * later `loadAll` reconciles them with the disk.
   */
  async showCached(): Promise<number> {
    let shown = 0;
    for (const catalog of this.folders.values()) {
      shown += await catalog.showCached();
    }
    return shown;
  }

  /** `onProgress`: files done of each folder's catalog files, as a folder loads (see FolderCatalog.loadAll). */
  async loadAll(onProgress?: LoadProgress): Promise<void> {
    await this.showCached();
    for (const catalog of this.folders.values()) {
      await catalog.loadAll(onProgress);
    }
    // The worker that stays for single files compiles the schemas now, not at the first edit.
    this.pool?.warmUp();
  }

  /**
   * Writes the cache (if it has a file) with the parses of the files now in the catalog.
   * Undefined when there is no cache to write, or when the file already holds exactly this
   * (a warm start that found nothing changed must not rewrite tens of megabytes).
   */
  async saveCache(): Promise<{ entries: number; bytes: number } | undefined> {
    const cache = this.options.cache;
    if (!cache?.file) {
      return undefined;
    }
    cache.retain((file) => this.index.fileResult(file) !== undefined);
    return cache.hasChanges ? cache.save() : undefined;
  }

  /** The deepest folder containing the file, since workspace folders may nest. */
  folderOf(file: string): FolderCatalog | undefined {
    let best: FolderCatalog | undefined;
    for (const [root, catalog] of this.folders) {
      const relative = path.relative(root, file);
      const inside = isRelativeInside(relative);
      if (inside && (!best || root.length > best.root.length)) {
        best = catalog;
      }
    }
    return best;
  }

  /** URL targets of workspace Location files, for the remote-location support. */
  remoteLocationTargets(): string[] {
    return [...this.folders.values()].flatMap((catalog) => catalog.remoteLocationTargets());
  }

  /** The Template whose content folder holds `file` (so it is no catalog file), if any. */
  templateContentOf(file: string): string | undefined {
    return this.folderOf(file)?.templateContentOf(file);
  }

  tracks(file: string): boolean {
    return this.folderOf(file)?.tracks(file) ?? false;
  }

  async updateFile(file: string, text?: string): Promise<void> {
    await this.folderOf(file)?.updateFile(file, text);
  }

  async deleteFile(file: string): Promise<void> {
    await this.folderOf(file)?.deleteFile(file);
  }

  /**
   * A folder appeared (a checkout, an unzip, a copy): index the catalog files inside it.
   * File watchers often miss files created inside a folder that was itself just created.
   */
  async addedFolder(folder: string): Promise<void> {
    const catalog = this.folderOf(folder);
    if (!catalog || catalog.excludes(folder)) {
      return;
    }
    const identity = await new PathIdentity(this.options.fs, catalog.root).lookup(folder);
    if (identity.kind !== 'inside' || identity.path !== folder) {
      // A link to a folder: discovery does not follow it, and what it leads to is indexed
      // already (inside) or never (outside). Only Locations written through it may now resolve.
      if (identity.kind === 'inside') {
        await catalog.loadAll();
      }
      return;
    }
    const listing = await listFolder(this.options.fs, folder, this.options);
    if (listing.links.length > 0 || listing.refusedLinks.length > 0) {
      // Each link's event would reload the folder: once is enough.
      await catalog.loadAll();
      return;
    }
    for (const relative of listing.files) {
      const file = path.join(folder, relative);
      if (catalog.tracks(file)) {
        await catalog.updateFile(file);
      }
    }
  }

  /** A folder was deleted: watchers report only the folder, so its files are removed here. */
  async deletedFolder(folder: string): Promise<void> {
    const catalog = this.folderOf(folder);
    if (catalog?.hasLinksIn(folder)) {
      // Links in it named files elsewhere: only a full load knows which of those stay.
      await catalog.loadAll();
      return;
    }
    for (const file of this.index.indexedFiles()) {
      if (path.isAbsolute(file) && file !== folder && isInsideFolder(folder, file)) {
        await this.deleteFile(file);
      }
    }
  }

  dispose(): void {
    for (const catalog of this.folders.values()) {
      catalog.dispose();
    }
    this.folders.clear();
    this.index.dispose();
    this.pool?.dispose();
    this.pool = undefined;
  }

  private createFolderCatalog(root: string): FolderCatalog {
    return new FolderCatalog(root, { ...this.options, index: this.index, ...(this.pool ? { parser: this.pool } : {}) });
  }

  /** Workers read the real file system: with another one (tests, virtual files) everything runs here. */
  private createPool(): ParseWorkerPool | undefined {
    const script = this.options.workerScript;
    if (!script || this.options.fs !== nodeCatalogFileSystem) {
      return undefined;
    }
    return new ParseWorkerPool({ script, ...(this.options.workers ? { workers: this.options.workers } : {}) });
  }
}
