import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface FileStat {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface DirectoryEntry {
  readonly name: string;
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly isSymbolicLink: boolean;
}

/**
 * The only way the core touches files, so it runs the same in unit tests (in memory),
 * in the CLI and in the extension host.
 */
export interface CatalogFileSystem {
  readFile(filePath: string): Promise<Uint8Array>;
  /** undefined when the path does not exist. */
  stat(filePath: string): Promise<FileStat | undefined>;
  readDirectory(directoryPath: string): Promise<DirectoryEntry[]>;
  /** Resolves symbolic links; undefined when the path does not exist. */
  realPath(filePath: string): Promise<string | undefined>;
}

export const nodeCatalogFileSystem: CatalogFileSystem = {
  async readFile(filePath) {
    return fs.readFile(filePath);
  },
  async stat(filePath) {
    try {
      const stats = await fs.stat(filePath);
      return { isFile: stats.isFile(), isDirectory: stats.isDirectory(), size: stats.size, mtimeMs: stats.mtimeMs };
    } catch {
      return undefined;
    }
  },
  async readDirectory(directoryPath) {
    const entries = await fs.readdir(directoryPath, { withFileTypes: true });
    return entries.map((entry) => ({
      name: entry.name,
      isFile: entry.isFile(),
      isDirectory: entry.isDirectory(),
      isSymbolicLink: entry.isSymbolicLink(),
    }));
  },
  async realPath(filePath) {
    try {
      return await fs.realpath(filePath);
    } catch {
      return undefined;
    }
  },
};

/** True when `candidate` is `root` itself or lies below it (both absolute, already resolved). */
export function isInsideFolder(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
