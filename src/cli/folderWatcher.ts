import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { MultiFolderCatalog } from '../catalog';

export interface FolderWatcherOptions {
  /** After each batch of changes is applied (docs pages, CODEOWNERS: anything may have changed). */
  readonly onChange: () => void;
  readonly log: (message: string) => void;
  readonly debounceMs?: number;
}

/** Changes hold still this long before they are applied: editors save in several writes. */
const DEFAULT_DEBOUNCE_MS = 80;
const IGNORED_NAMES = new Set(['.git', 'node_modules']);
/** Well under the usual inotify budget (Linux's default is 8,192 on old kernels, far more now). */
const MAX_WATCHED_FOLDERS = 100_000;
/** Folders listed between two turns of the event loop while the watches are set up. */
const FOLDERS_PER_TURN = 200;

/**
 * Follows a folder and feeds changed files to the workspace the way the extension's file
 * watcher does: catalog files re-parsed, deleted ones removed, new or deleted folders scanned.
 *
 * One non-recursive `fs.watch` per folder, set up a few hundred folders per event-loop turn:
 * Node 20's recursive watch on Linux walks the whole tree synchronously and watches every file
 * (4 s on the 20,000-entity bench repository, with tool calls waiting behind it).
 */
export function watchWorkspaceFolder(
  root: string,
  workspace: MultiFolderCatalog,
  options: FolderWatcherOptions,
): { dispose(): void; readonly ready: Promise<void> } {
  const watchers = new Map<string, FSWatcher>();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let disposed = false;
  let warnedAboutLimit = false;

  const schedule = (file: string): void => {
    pending.add(file);
    if (timer) {
      clearTimeout(timer);
    }
    timer = setTimeout(flush, options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  };

  const watchOne = (folder: string): void => {
    if (disposed || watchers.has(folder)) {
      return;
    }
    if (watchers.size >= MAX_WATCHED_FOLDERS) {
      if (!warnedAboutLimit) {
        warnedAboutLimit = true;
        options.log(`more than ${MAX_WATCHED_FOLDERS} folders: changes in the rest are not followed`);
      }
      return;
    }
    try {
      const watcher = watch(folder, (_event, name) => {
        if (name && !IGNORED_NAMES.has(name.toString())) {
          schedule(path.join(folder, name.toString()));
        }
      });
      watcher.on('error', () => {
        watcher.close();
        watchers.delete(folder);
      });
      watchers.set(folder, watcher);
    } catch {
      // Gone or unreadable: nothing to follow there.
    }
  };

  /** Watches a folder and everything below it, yielding to the event loop as it goes. */
  const watchTree = async (top: string): Promise<void> => {
    const queue = [top];
    let sinceYield = 0;
    while (queue.length > 0 && !disposed) {
      const folder = queue.pop() as string;
      watchOne(folder);
      const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        // Links are not followed: a link out of the folder must not widen what is watched.
        if (entry.isDirectory() && !IGNORED_NAMES.has(entry.name)) {
          queue.push(path.join(folder, entry.name));
        }
      }
      if (++sinceYield >= FOLDERS_PER_TURN) {
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  };

  const applyOne = async (file: string): Promise<void> => {
    const stats = await stat(file).catch(() => undefined);
    if (!stats) {
      for (const [folder, watcher] of watchers) {
        if (folder === file || folder.startsWith(`${file}${path.sep}`)) {
          watcher.close();
          watchers.delete(folder);
        }
      }
      if (workspace.index.fileResult(file)) {
        await workspace.deleteFile(file);
      } else {
        await workspace.deletedFolder(file);
      }
    } else if (stats.isDirectory()) {
      await watchTree(file);
      await workspace.addedFolder(file);
    } else if (workspace.tracks(file)) {
      await workspace.updateFile(file);
    }
  };

  function flush(): void {
    timer = undefined;
    const files = [...pending];
    pending.clear();
    running = running.then(async () => {
      for (const file of files) {
        try {
          await applyOne(file);
        } catch (error) {
          options.log(
            `could not apply a change to ${path.relative(root, file)}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
      options.onChange();
    });
  }

  const ready = watchTree(root).catch((error: unknown) =>
    options.log(`file changes are not followed: ${error instanceof Error ? error.message : String(error)}`),
  );

  return {
    ready,
    dispose(): void {
      disposed = true;
      if (timer) {
        clearTimeout(timer);
      }
      for (const watcher of watchers.values()) {
        watcher.close();
      }
      watchers.clear();
    },
  };
}
