import * as path from 'node:path';
import type { CatalogFileSystem, DirectoryEntry, FileStat } from '../../../src/catalog';

export interface MemoryFileSystemOptions {
  /** Symbolic links: absolute link path → absolute target path (file or folder). */
  readonly symlinks?: Readonly<Record<string, string>>;
}

function enoent(operation: string, filePath: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, ${operation} '${filePath}'`), { code: 'ENOENT' });
}

/**
 * An in-memory `CatalogFileSystem`: files are a map of absolute POSIX path → text, folders are
 * derived from the file (and link) paths, and symbolic links are resolved by `realPath`/`stat`
 * like the real thing. Every file and folder read is logged so tests can assert what was (not) touched.
 */
export class MemoryFileSystem implements CatalogFileSystem {
  private readonly files = new Map<string, string>();
  private readonly symlinks = new Map<string, string>();
  readonly reads: string[] = [];
  readonly directoryReads: string[] = [];

  constructor(files: Readonly<Record<string, string>> = {}, options: MemoryFileSystemOptions = {}) {
    for (const [filePath, text] of Object.entries(files)) {
      this.write(filePath, text);
    }
    for (const [link, target] of Object.entries(options.symlinks ?? {})) {
      this.symlinks.set(path.posix.resolve(link), path.posix.resolve(target));
    }
  }

  write(filePath: string, text: string): void {
    this.files.set(path.posix.resolve(filePath), text);
  }

  delete(filePath: string): void {
    this.files.delete(path.posix.resolve(filePath));
  }

  /** A snapshot of the files, to build a second file system with the same content. */
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.files);
  }

  async readFile(filePath: string): Promise<Uint8Array> {
    this.reads.push(filePath);
    const real = this.resolveLinks(filePath);
    const text = real === undefined ? undefined : this.files.get(real);
    if (text === undefined) {
      throw enoent('open', filePath);
    }
    return new TextEncoder().encode(text);
  }

  async stat(filePath: string): Promise<FileStat | undefined> {
    const real = this.resolveLinks(filePath);
    if (real === undefined) {
      return undefined;
    }
    const text = this.files.get(real);
    if (text !== undefined) {
      return { isFile: true, isDirectory: false, size: new TextEncoder().encode(text).byteLength, mtimeMs: 0 };
    }
    return this.isDirectory(real) ? { isFile: false, isDirectory: true, size: 0, mtimeMs: 0 } : undefined;
  }

  async readDirectory(directoryPath: string): Promise<DirectoryEntry[]> {
    this.directoryReads.push(directoryPath);
    const real = this.resolveLinks(directoryPath);
    if (real === undefined || !this.isDirectory(real)) {
      throw enoent('scandir', directoryPath);
    }
    const children = new Map<string, DirectoryEntry>();
    const prefix = real === '/' ? '/' : `${real}/`;
    for (const candidate of [...this.files.keys(), ...this.symlinks.keys()]) {
      if (!candidate.startsWith(prefix)) {
        continue;
      }
      const [name, ...below] = candidate.slice(prefix.length).split('/');
      if (!name || children.has(name)) {
        continue;
      }
      const childPath = `${prefix}${name}`;
      if (this.symlinks.has(childPath)) {
        children.set(name, { name, isFile: false, isDirectory: false, isSymbolicLink: true });
      } else if (below.length > 0) {
        children.set(name, { name, isFile: false, isDirectory: true, isSymbolicLink: false });
      } else {
        children.set(name, { name, isFile: true, isDirectory: false, isSymbolicLink: false });
      }
    }
    return [...children.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async realPath(filePath: string): Promise<string | undefined> {
    const real = this.resolveLinks(filePath);
    return real !== undefined && (this.files.has(real) || this.isDirectory(real)) ? real : undefined;
  }

  private isDirectory(real: string): boolean {
    if (real === '/') {
      return true;
    }
    const prefix = `${real}/`;
    return [...this.files.keys(), ...this.symlinks.keys()].some((candidate) => candidate.startsWith(prefix));
  }

  /** Replaces every linked prefix of the path with its target; undefined on a link loop. */
  private resolveLinks(filePath: string): string | undefined {
    let current = path.posix.resolve(filePath);
    for (let hops = 0; hops < 32; hops++) {
      const segments = current.split('/').filter((segment) => segment.length > 0);
      let replaced = false;
      for (let length = 1; length <= segments.length; length++) {
        const prefix = `/${segments.slice(0, length).join('/')}`;
        const target = this.symlinks.get(prefix);
        if (target !== undefined) {
          current = path.posix.join(target, ...segments.slice(length));
          replaced = true;
          break;
        }
      }
      if (!replaced) {
        return current;
      }
    }
    return undefined;
  }
}
