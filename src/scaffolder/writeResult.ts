import * as path from 'node:path';
import { isInsideFolder } from '../catalog/catalogFileSystem';
import { quoted, safetyError } from './scaffolderErrors';
import { resolveInside } from './workspacePaths';

/**
 * The few file operations writing a result needs, so the extension can use
 * `vscode.workspace.fs` and the CLI node's fs. Paths are absolute.
 */
export interface ResultWriter {
  /** True when anything is at the path, a dangling symbolic link included. */
  exists(filePath: string): Promise<boolean>;
  mkdirp(folderPath: string): Promise<void>;
  /** Replaces whatever is at the path (a link itself, never its target). */
  writeFile(filePath: string, bytes: Uint8Array, executable: boolean): Promise<void>;
  /** Resolves symbolic links; undefined when the path does not exist. Optional: not every file system has links. */
  realPath?(filePath: string): Promise<string | undefined>;
}

export interface WritableFile {
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly executable: boolean;
}

export interface WriteOptions {
  readonly overwrite?: boolean;
}

export interface WriteSummary {
  /** Workspace-relative paths written, in order. */
  readonly written: string[];
  /** Paths that already existed; when there are any and `overwrite` is off, nothing is written. */
  readonly conflicts: string[];
}

/** The real path of `target`, resolving its deepest existing ancestor (the rest does not exist yet). */
async function realPathOfNearest(writer: ResultWriter & Required<Pick<ResultWriter, 'realPath'>>, target: string): Promise<string> {
  const missing: string[] = [];
  let current = target;
  for (;;) {
    const real = await writer.realPath(current);
    if (real !== undefined) {
      return path.join(real, ...missing.reverse());
    }
    const parent = path.dirname(current);
    if (parent === current) {
      return target;
    }
    missing.push(path.basename(current));
    current = parent;
  }
}

function hasRealPath(writer: ResultWriter): writer is ResultWriter & Required<Pick<ResultWriter, 'realPath'>> {
  return typeof writer.realPath === 'function';
}

/**
 * Writes a dry run's files below `targetDir`. Every path is checked again (the result may have
 * been edited or deserialized since the run), lexically and, where the writer resolves links,
 * through symbolic links of existing folders. Existing files are conflicts: unless `overwrite`,
 * nothing at all is written so the user never gets half a project.
 */
export async function writeResult(result: { readonly files: readonly WritableFile[] }, targetDir: string, writer: ResultWriter, options: WriteOptions = {}): Promise<WriteSummary> {
  const root = path.resolve(targetDir);
  const realRoot = hasRealPath(writer) ? await realPathOfNearest(writer, root) : root;
  const planned: { relative: string; absolute: string; file: WritableFile }[] = [];
  const conflicts: string[] = [];
  for (const file of result.files) {
    const relative = resolveInside('', file.path, { what: 'output file' });
    const absolute = path.resolve(root, ...relative.split('/'));
    if (!isInsideFolder(root, absolute)) {
      throw safetyError(`output file ${quoted(file.path)} would be written outside ${quoted(root)}; refused`);
    }
    if (hasRealPath(writer)) {
      const real = await realPathOfNearest(writer, absolute);
      if (!isInsideFolder(realRoot, real)) {
        throw safetyError(`output file ${quoted(file.path)} would be written through a symbolic link to ${quoted(real)}, outside ${quoted(root)}; refused`);
      }
    }
    if (await writer.exists(absolute)) {
      conflicts.push(relative);
    }
    planned.push({ relative, absolute, file });
  }
  if (conflicts.length > 0 && !options.overwrite) {
    return { written: [], conflicts };
  }
  const written: string[] = [];
  for (const { relative, absolute, file } of planned) {
    await writer.mkdirp(path.dirname(absolute));
    await writer.writeFile(absolute, file.bytes, file.executable);
    written.push(relative);
  }
  return { written, conflicts };
}
