import * as path from 'node:path';
import { isInsideFolder } from '../catalog/catalogFileSystem';
import { inputError, quoted, safetyError } from './scaffolderErrors';
import type { TemplateDefinition } from './templateDefinition';
import type { TemplateFileSystem } from './templateFileSystem';
import { unsafePathReason } from './workspacePaths';

/** Where a fetch action's `url` points: a file or folder inside the template's folder, or somewhere remote. */
export type FetchSource =
  | { readonly kind: 'local'; readonly path: string; readonly realPath: string; readonly isFile: boolean }
  | { readonly kind: 'remote'; readonly url: string };

export interface SourceFile {
  /** POSIX path below the fetched folder, as written on disk (not yet rendered). */
  readonly relativePath: string;
  readonly absolutePath: string;
  /** A symbolic link (to a file inside the fetched folder), copied as the file it names. */
  readonly viaLink: boolean;
}

/** Limits that stop a runaway skeleton (a mounted drive, a huge checkout) before it fills memory. */
const MAX_ENTRIES = 20_000;
const MAX_DEPTH = 64;
const MAX_FILE_BYTES = 32 * 1024 * 1024;
const READ_CONCURRENCY = 16;
/** `https:`, `file:`, `git+ssh:`; one letter would be a Windows drive. */
const URL_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]+:/;

/**
 * The template's own folder, the only place fetch actions read from: relative `url`s must
 * resolve inside it, lexically and after resolving symbolic links, and skeleton links are
 * never followed out of the fetched folder.
 */
export class TemplateFolder {
  private realFolder: Promise<string> | undefined;

  constructor(
    private readonly fs: TemplateFileSystem,
    private readonly template: TemplateDefinition,
  ) {}

  get folder(): string {
    return this.template.folder;
  }

  async resolve(url: unknown, what = 'url'): Promise<FetchSource> {
    if (typeof url !== 'string' || url.trim().length === 0) {
      throw inputError(`${what} must be a non-empty string`);
    }
    if (!url.includes('\0') && URL_SCHEME.test(url)) {
      return { kind: 'remote', url };
    }
    const reason = unsafePathReason(url);
    if (reason) {
      throw safetyError(`${what} ${quoted(url)} ${reason}; only paths inside the template folder are read`);
    }
    const resolved = path.resolve(this.template.folder, url);
    if (!isInsideFolder(this.template.folder, resolved)) {
      throw safetyError(`${what} ${quoted(url)} leaves the template folder ${quoted(this.template.folder)}; refused`);
    }
    const real = await this.fs.realPath(resolved);
    if (real === undefined) {
      throw inputError(`${what} ${quoted(url)} does not exist in the template folder (${quoted(resolved)})`);
    }
    if (!isInsideFolder(await this.realTemplateFolder(), real)) {
      throw safetyError(
        `${what} ${quoted(url)} leads through a symbolic link to ${quoted(real)}, outside the template folder; refused`,
      );
    }
    const stat = await this.fs.stat(real);
    return { kind: 'local', path: resolved, realPath: real, isFile: stat?.isFile === true };
  }

  /** Every file below a local folder source, dotfiles included, sorted; links checked, never followed out. */
  async listFiles(source: { readonly path: string; readonly realPath: string }): Promise<SourceFile[]> {
    const files: SourceFile[] = [];
    let entries = 0;
    const walk = async (folder: string, relative: string, depth: number): Promise<void> => {
      if (depth > MAX_DEPTH) {
        throw inputError(`${quoted(folder)} nests more than ${MAX_DEPTH} folders deep`);
      }
      const children = [...(await this.fs.readDirectory(folder))].sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      );
      for (const child of children) {
        if (++entries > MAX_ENTRIES) {
          throw inputError(`${quoted(source.path)} holds more than ${MAX_ENTRIES} entries`);
        }
        const absolutePath = path.join(folder, child.name);
        const relativePath = relative === '' ? child.name : `${relative}/${child.name}`;
        if (child.isSymbolicLink) {
          await this.checkLink(absolutePath, relativePath, source.realPath);
          files.push({ relativePath, absolutePath, viaLink: true });
        } else if (child.isDirectory) {
          await walk(absolutePath, relativePath, depth + 1);
        } else if (child.isFile) {
          files.push({ relativePath, absolutePath, viaLink: false });
        }
      }
    };
    await walk(source.path, '', 0);
    return files;
  }

  /** Reads several files a few at a time (a big skeleton would otherwise wait on each stat in turn). */
  async readAll(filePaths: readonly string[]): Promise<{ content: Uint8Array; executable: boolean }[]> {
    const results = new Array<{ content: Uint8Array; executable: boolean }>(filePaths.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < filePaths.length) {
        const index = next++;
        results[index] = await this.read(filePaths[index] ?? '');
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, filePaths.length) }, worker));
    return results;
  }

  async read(filePath: string): Promise<{ content: Uint8Array; executable: boolean }> {
    const stat = await this.fs.stat(filePath);
    if (stat && stat.size > MAX_FILE_BYTES) {
      throw inputError(
        `${quoted(filePath)} is ${stat.size} bytes; template files larger than ${MAX_FILE_BYTES} bytes are not copied`,
      );
    }
    const content = await this.fs.readFile(filePath);
    const executable = this.fs.isExecutable ? await this.fs.isExecutable(filePath) : false;
    return { content, executable };
  }

  /**
   * Backstage copies a skeleton link as a link. The workspace holds only files, so a link is
   * copied as the file it names, and only when that file lies inside the fetched folder:
   * a link out of it (to /etc/passwd, to ~/.ssh) or to a folder stops the run.
   */
  private async checkLink(absolutePath: string, relativePath: string, realRoot: string): Promise<void> {
    const target = await this.fs.realPath(absolutePath);
    if (target === undefined) {
      throw inputError(`skeleton entry ${quoted(relativePath)} is a symbolic link to nothing (or to a loop)`);
    }
    if (!isInsideFolder(realRoot, target)) {
      throw safetyError(
        `skeleton entry ${quoted(relativePath)} is a symbolic link to ${quoted(target)}, outside the fetched folder; links are not followed out of it`,
      );
    }
    if (!(await this.fs.stat(target))?.isFile) {
      throw safetyError(
        `skeleton entry ${quoted(relativePath)} is a symbolic link to a folder; only links to files inside the fetched folder are copied`,
      );
    }
  }

  private realTemplateFolder(): Promise<string> {
    this.realFolder ??= this.fs.realPath(this.template.folder).then((real) => real ?? this.template.folder);
    return this.realFolder;
  }
}
