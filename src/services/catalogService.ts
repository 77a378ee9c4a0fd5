import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CatalogIndexCache,
  MultiFolderCatalog,
  nodeCatalogFileSystem,
  type CatalogChangeEvent,
  type CatalogIndex,
  type MultiFolderCatalogOptions,
} from '../catalog';
import { Throttle } from '../shared/throttle';
import { DisposableStore } from '../shared/disposableStore';
import type { Settings } from './settings';
import { INDEXING_KEYS } from './settingsSchema';
import { escapeMessageLinks } from '../shared/messageLinkEscape';

/** How long typing pauses before unsaved catalog text is re-indexed. */
const TYPING_DEBOUNCE_MS = 300;
/** After changes, the index cache is written once things have been quiet this long. */
const CACHE_SAVE_DELAY_MS = 30_000;
/** How often the views hear how far a load is: often enough to see it move, rarely enough to cost nothing. */
const PROGRESS_INTERVAL_MS = 250;

/** How far the running load is, in catalog files. */
export interface IndexingProgress {
  readonly done: number;
  /** Undefined while the folder is still being listed: files are indexed as they are found. */
  readonly total: number | undefined;
}

/** Where the index cache lives; without it every start parses every catalog file. */
export interface CatalogServiceStorage {
  /** `context.storageUri`: this workspace's storage folder (undefined without a folder open). */
  readonly storageUri?: vscode.Uri | undefined;
  /** Caches written by another version are discarded, e.g. `context.extension.packageJSON.version`. */
  readonly version?: string | undefined;
}

/**
 * The editor side of the catalog: feeds the core from VS Code's workspace folders, file
 * watcher, unsaved edits and settings, and tells the views when indexing is done.
 */
export class CatalogService implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly workspace: MultiFolderCatalog;
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  private readonly progressEmitter = new vscode.EventEmitter<IndexingProgress | undefined>();
  private progress: IndexingProgress | undefined;
  private readonly progressBeat = new Throttle(() => this.progressEmitter.fire(this.progress), PROGRESS_INTERVAL_MS);
  private readonly typingTimers = new Map<string, NodeJS.Timeout>();
  private loading: Promise<void> | undefined;
  private indexed = false;
  /** Parses of unchanged files, persisted in workspace storage between sessions. */
  private readonly cache: CatalogIndexCache | undefined;
  private cacheRead: Promise<void> | undefined;
  private cacheTimer: NodeJS.Timeout | undefined;

  readonly onDidFinishIndexing = this.readyEmitter.event;
  /** While a load runs: files done of total, at most every 250 ms; `undefined` when it ends. */
  readonly onDidProgress = this.progressEmitter.event;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly settings: Settings,
    storage: CatalogServiceStorage = {},
  ) {
    this.cache =
      storage.storageUri?.scheme === 'file'
        ? new CatalogIndexCache(path.join(storage.storageUri.fsPath, 'catalog-index.jsonl'), {
            fingerprint: storage.version ?? '',
          })
        : undefined;
    // The parse worker starts loading now, off this thread; indexing waits for activate() to return.
    this.workspace = new MultiFolderCatalog(this.workspaceOptions());
    this.store.add(this.readyEmitter);
    this.store.add(this.progressEmitter);
    this.store.add({ dispose: () => this.progressBeat.cancel() });
    this.store.add(vscode.workspace.onDidChangeWorkspaceFolders((event) => this.onFoldersChanged(event)));
    this.store.add(
      settings.onDidChange((change) => {
        if (change.affects(INDEXING_KEYS)) {
          this.log.info('Catalog settings changed; re-indexing');
          this.workspace.configure(this.workspaceOptions());
          void this.reload();
        }
      }),
    );
    this.store.add(this.workspace.index.onDidChange(() => this.scheduleCacheSave()));
    this.watchFiles();
    this.watchUnsavedEdits();
  }

  get index(): CatalogIndex {
    return this.workspace.index;
  }

  get isIndexed(): boolean {
    return this.indexed;
  }

  /** How far the running load is; undefined when no load runs. */
  get indexingProgress(): IndexingProgress | undefined {
    return this.progress;
  }

  /** Whether a file is part of the catalog (by glob or through a Location). */
  tracks(file: string): boolean {
    return this.workspace.tracks(file);
  }

  /** The Template whose content folder holds `file` (not a catalog file, though it may look like one). */
  templateContentOf(file: string): string | undefined {
    return this.workspace.templateContentOf(file);
  }

  /** Re-indexes a file Greenroom itself just wrote (scaffolding), if it belongs to the catalog. */
  async updateFile(file: string): Promise<void> {
    if (this.workspace.tracks(file)) {
      await this.workspace.updateFile(file);
    }
  }

  remoteLocationTargets(): string[] {
    return this.workspace.remoteLocationTargets();
  }

  onDidChange(listener: (event: CatalogChangeEvent) => void): vscode.Disposable {
    return this.workspace.index.onDidChange(listener);
  }

  /** Indexes every workspace folder; the progress shows in the Greenroom view. */
  reload(): Promise<void> {
    this.loading = (async () => {
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        if (folder.uri.scheme === 'file') {
          this.workspace.addFolder(folder.uri.fsPath);
        }
      }
      const started = Date.now();
      await this.readCache();
      await vscode.window.withProgress(
        { location: { viewId: 'greenroom.catalog' }, title: vscode.l10n.t('Indexing catalog') },
        (progress) => {
          let reported = 0;
          return this.workspace.loadAll((done, total) => {
            this.progress = { done, total };
            this.progressBeat.schedule();
            if (total === undefined) {
              // Still listing: no share of a total to show yet; the view and status bar show the count.
              return;
            }
            // The tree fills in as files are indexed; the bar shows how far the parse is.
            const percent = Math.floor((done / Math.max(1, total)) * 100);
            if (percent >= reported + 5 || done === total) {
              progress.report({
                increment: percent - reported,
                message: vscode.l10n.t('{0} of {1} files', done, total),
              });
              reported = percent;
            }
          });
        },
      );
      this.progress = undefined;
      this.progressBeat.cancel();
      this.progressEmitter.fire(undefined);
      this.indexed = true;
      this.log.info(
        `Indexed ${this.index.size} entities from ${this.index.indexedFiles().length} files in ${Date.now() - started} ms`,
      );
      this.readyEmitter.fire();
      this.saveCacheSoon(0);
    })().catch((error: unknown) => {
      this.progress = undefined;
      this.progressBeat.cancel();
      this.progressEmitter.fire(undefined);
      this.log.error('Indexing failed', error);
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          'Greenroom could not index the catalog: {0}',
          escapeMessageLinks(error instanceof Error ? error.message : String(error)),
        ),
      );
    });
    return this.loading;
  }

  /** Resolves when the current (or first) indexing run has finished. */
  whenIndexed(): Promise<void> {
    return this.loading ?? this.reload();
  }

  dispose(): void {
    for (const timer of this.typingTimers.values()) {
      clearTimeout(timer);
    }
    clearTimeout(this.cacheTimer);
    this.store.dispose();
    this.workspace.dispose();
  }

  private workspaceOptions(): MultiFolderCatalogOptions {
    return {
      fs: nodeCatalogFileSystem,
      ...this.settings.current.indexing,
      ...(this.cache ? { cache: this.cache } : {}),
      // Bundled next to this file (esbuild.mjs); missing or failing workers mean parsing here.
      workerScript: path.join(__dirname, 'catalogWorker.js'),
    };
  }

  /** Reads the persisted cache once, before the first load. */
  private readCache(): Promise<void> {
    const cache = this.cache;
    this.cacheRead ??= cache
      ? cache.loadFromDisk().then(
          () =>
            this.log.info(
              `Index cache: ${cache.status}${cache.reason ? ` (${cache.reason})` : ''}, ${cache.size} files`,
            ),
          (error: unknown) => this.log.warn('Index cache could not be read', error),
        )
      : Promise.resolve();
    return this.cacheRead;
  }

  private scheduleCacheSave(): void {
    if (this.indexed) {
      this.saveCacheSoon(CACHE_SAVE_DELAY_MS);
    }
  }

  private saveCacheSoon(delayMs: number): void {
    if (!this.cache) {
      return;
    }
    clearTimeout(this.cacheTimer);
    this.cacheTimer = setTimeout(() => {
      this.cacheTimer = undefined;
      this.workspace.saveCache().then(
        (saved) =>
          this.log.info(
            saved
              ? `Index cache saved: ${saved.entries} files, ${saved.bytes} bytes`
              : 'Index cache unchanged; not rewritten',
          ),
        (error: unknown) => this.log.warn('Index cache could not be saved', error),
      );
    }, delayMs);
  }

  private onFoldersChanged(event: vscode.WorkspaceFoldersChangeEvent): void {
    for (const removed of event.removed) {
      this.workspace.removeFolder(removed.uri.fsPath);
    }
    if (event.added.length > 0) {
      void this.reload();
    }
  }

  private watchFiles(): void {
    // Watch every YAML file: a Location may point at a file that no glob matches.
    const watcher = this.store.add(vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}'));
    const update = (uri: vscode.Uri): void => {
      if (uri.scheme === 'file' && this.workspace.tracks(uri.fsPath)) {
        this.workspace
          .updateFile(uri.fsPath)
          .catch((error: unknown) => this.log.error(`Re-indexing ${uri.fsPath} failed`, error));
      }
    };
    this.store.add(watcher.onDidCreate(update));
    this.store.add(
      watcher.onDidChange((uri) => {
        // An open, dirty document is indexed from its text; the disk copy would be stale.
        const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
        if (!open?.isDirty) {
          update(uri);
        }
      }),
    );
    this.store.add(
      watcher.onDidDelete((uri) => {
        if (uri.scheme === 'file') {
          this.workspace
            .deleteFile(uri.fsPath)
            .catch((error: unknown) => this.log.error(`Removing ${uri.fsPath} failed`, error));
        }
      }),
    );
    this.watchFolders();
  }

  /**
   * Folders come and go whole (checkout, unzip, rm -r): a created folder is scanned because the
   * watcher misses files created inside it, a deleted one takes its files along. Only names
   * without an extension are looked at, so ordinary file churn costs nothing.
   */
  private watchFolders(): void {
    const watcher = this.store.add(vscode.workspace.createFileSystemWatcher('**/*', false, true, false));
    const isFolderLike = (uri: vscode.Uri): boolean =>
      uri.scheme === 'file' && path.extname(uri.fsPath) === '' && this.workspace.folderOf(uri.fsPath) !== undefined;
    this.store.add(
      watcher.onDidCreate(async (uri) => {
        if (isFolderLike(uri) && (await nodeCatalogFileSystem.stat(uri.fsPath))?.isDirectory) {
          this.workspace
            .addedFolder(uri.fsPath)
            .catch((error: unknown) => this.log.error(`Indexing new folder ${uri.fsPath} failed`, error));
        }
      }),
    );
    this.store.add(
      watcher.onDidDelete((uri) => {
        if (isFolderLike(uri)) {
          this.workspace
            .deletedFolder(uri.fsPath)
            .catch((error: unknown) => this.log.error(`Removing folder ${uri.fsPath} failed`, error));
        }
      }),
    );
  }

  private watchUnsavedEdits(): void {
    this.store.add(
      vscode.workspace.onDidChangeTextDocument((event) => {
        const document = event.document;
        if (
          document.uri.scheme !== 'file' ||
          event.contentChanges.length === 0 ||
          !this.workspace.tracks(document.uri.fsPath)
        ) {
          return;
        }
        const file = document.uri.fsPath;
        clearTimeout(this.typingTimers.get(file));
        this.typingTimers.set(
          file,
          setTimeout(() => {
            this.typingTimers.delete(file);
            this.workspace
              .updateFile(file, document.getText())
              .catch((error: unknown) => this.log.error(`Re-indexing ${file} failed`, error));
          }, TYPING_DEBOUNCE_MS),
        );
      }),
    );
    // Closing a dirty document without saving: the disk version is the truth again.
    this.store.add(
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === 'file' && document.isDirty && this.workspace.tracks(document.uri.fsPath)) {
          void this.workspace.updateFile(document.uri.fsPath);
        }
      }),
    );
  }
}
