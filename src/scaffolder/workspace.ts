import { formatBytes, outputBudgetError } from './sandbox/templateBudgets';
import { inputError, quoted } from './scaffolderErrors';

export interface WorkspaceFile {
  readonly content: Uint8Array;
  readonly executable: boolean;
}

/** How much output one run may produce (see TemplateBudgets). */
export interface OutputCaps {
  readonly maxFiles: number;
  readonly maxFileBytes: number;
  readonly maxTotalBytes: number;
}

const UNCAPPED: OutputCaps = { maxFiles: Infinity, maxFileBytes: Infinity, maxTotalBytes: Infinity };

/**
 * The in-memory folder the steps of one run write into, as Backstage's temporary workspace.
 * Keys are normalized workspace-relative POSIX paths (callers resolve them with
 * `resolveInside` first); folders exist implicitly through the files below them.
 */
export class Workspace {
  private readonly entries = new Map<string, WorkspaceFile>();
  /** How many files lie below each folder, so folder checks do not scan every file. */
  private readonly folderCounts = new Map<string, number>();
  private totalBytes = 0;

  /** Caps are checked as each file is written, so a runaway template stops at the file that crosses one. */
  constructor(private readonly caps: OutputCaps = UNCAPPED) {}

  get files(): ReadonlyMap<string, WorkspaceFile> {
    return this.entries;
  }

  has(filePath: string): boolean {
    return this.entries.has(filePath);
  }

  get(filePath: string): WorkspaceFile | undefined {
    return this.entries.get(filePath);
  }

  /** True when some file lies below `folder` ('' is the root, which always counts). */
  isFolder(folder: string): boolean {
    return folder === '' || this.folderCounts.has(folder);
  }

  /** Paths of the files below `folder`, sorted. */
  filesUnder(folder: string): string[] {
    const prefix = folder === '' ? '' : `${folder}/`;
    return [...this.entries.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  /** Writes a file; refuses to put a file where a folder is or a folder where a file is. */
  put(filePath: string, file: WorkspaceFile): void {
    if (this.isFolder(filePath)) {
      throw inputError(`cannot write the file ${quoted(filePath)}: a folder of that name already holds files`);
    }
    const segments = filePath.split('/');
    for (let length = 1; length < segments.length; length++) {
      const ancestor = segments.slice(0, length).join('/');
      if (this.entries.has(ancestor)) {
        throw inputError(`cannot write ${quoted(filePath)}: ${quoted(ancestor)} is a file, not a folder`);
      }
    }
    this.checkCaps(filePath, file);
    const previous = this.entries.get(filePath);
    if (!previous) {
      this.countFolders(filePath, 1);
    }
    this.totalBytes += file.content.byteLength - (previous?.content.byteLength ?? 0);
    this.entries.set(filePath, file);
  }

  private checkCaps(filePath: string, file: WorkspaceFile): void {
    const size = file.content.byteLength;
    if (size > this.caps.maxFileBytes) {
      throw outputBudgetError(
        `the output file ${quoted(filePath)} is ${formatBytes(size)}, over the cap of ${formatBytes(this.caps.maxFileBytes)} per file`,
      );
    }
    const previous = this.entries.get(filePath);
    if (!previous && this.entries.size + 1 > this.caps.maxFiles) {
      throw outputBudgetError(`the output grew past its cap of ${this.caps.maxFiles} files at ${quoted(filePath)}`);
    }
    const total = this.totalBytes + size - (previous?.content.byteLength ?? 0);
    if (total > this.caps.maxTotalBytes) {
      throw outputBudgetError(
        `the output grew past its cap of ${formatBytes(this.caps.maxTotalBytes)} in total at ${quoted(filePath)}`,
      );
    }
  }

  /** Removes a file or a whole folder; returns how many files went. */
  remove(target: string): number {
    const doomed = this.entries.has(target) ? [target] : this.isFolder(target) ? this.filesUnder(target) : [];
    for (const key of doomed) {
      this.totalBytes -= this.entries.get(key)?.content.byteLength ?? 0;
      this.entries.delete(key);
      this.countFolders(key, -1);
    }
    return doomed.length;
  }

  private countFolders(filePath: string, delta: 1 | -1): void {
    const segments = filePath.split('/');
    for (let length = 1; length < segments.length; length++) {
      const folder = segments.slice(0, length).join('/');
      const count = (this.folderCounts.get(folder) ?? 0) + delta;
      if (count > 0) {
        this.folderCounts.set(folder, count);
      } else {
        this.folderCounts.delete(folder);
      }
    }
  }

  /** Every file, sorted by path. */
  list(): [string, WorkspaceFile][] {
    return [...this.entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}
