import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { CatalogWorkspace } from '../catalog';

export interface FolderWatcherOptions {
  /** After each batch of changes is applied (docs pages, CODEOWNERS: anything may have changed). */
  readonly onChange: () => void;
  readonly log: (message: string) => void;
  readonly debounceMs?: number;
}

/** Changes hold still this long before they are applied: editors save in several writes. */
const DEFAULT_DEBOUNCE_MS = 80;
const IGNORED_SEGMENTS = new Set(['.git', 'node_modules']);

/**
 * Follows a folder with `fs.watch` (recursive) and feeds changed files to the workspace the way
 * the extension's file watcher does: catalog files re-parsed, deleted ones removed, new or
 * deleted folders scanned. Events are batched; a batch runs only after the previous one ended.
 */
export function watchWorkspaceFolder(root: string, workspace: CatalogWorkspace, options: FolderWatcherOptions): { dispose(): void } {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let watcher: FSWatcher | undefined;

  const applyOne = async (file: string): Promise<void> => {
    const stats = await stat(file).catch(() => undefined);
    if (!stats) {
      if (workspace.index.fileResult(file)) {
        await workspace.deleteFile(file);
      } else {
        await workspace.deletedFolder(file);
      }
    } else if (stats.isDirectory()) {
      await workspace.addedFolder(file);
    } else if (workspace.tracks(file)) {
      await workspace.updateFile(file);
    }
  };

  const flush = (): void => {
    timer = undefined;
    const files = [...pending];
    pending.clear();
    running = running.then(async () => {
      for (const file of files) {
        try {
          await applyOne(file);
        } catch (error) {
          options.log(`could not apply a change to ${path.relative(root, file)}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      options.onChange();
    });
  };

  try {
    watcher = watch(root, { recursive: true }, (_event, filename) => {
      if (!filename) {
        return;
      }
      const relative = filename.toString();
      if (relative.split(/[\\/]/).some((segment) => IGNORED_SEGMENTS.has(segment))) {
        return;
      }
      pending.add(path.join(root, relative));
      if (timer) {
        clearTimeout(timer);
      }
      timer = setTimeout(flush, options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    });
    watcher.on('error', (error) => options.log(`file watching stopped: ${error.message}`));
  } catch (error) {
    options.log(`file changes are not followed: ${error instanceof Error ? error.message : String(error)}`);
  }

  return {
    dispose(): void {
      if (timer) {
        clearTimeout(timer);
      }
      watcher?.close();
    },
  };
}
