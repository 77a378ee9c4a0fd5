import * as path from 'node:path';
import { isInsideFolder } from '../catalog/catalogFileSystem';
import { inputError, quoted, safetyError } from './scaffolderErrors';
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

/**
 * The real path of `target`, resolving its deepest existing ancestor (the rest does not exist
 * yet); `through` names an ancestor that exists but does not resolve (a dangling or looping
 * link): writing below it would follow that link wherever it leads.
 */
async function realPathOfNearest(
  writer: ResultWriter & Required<Pick<ResultWriter, 'realPath'>>,
  target: string,
): Promise<{ real: string } | { through: string }> {
  const missing: string[] = [];
  let current = target;
  for (;;) {
    const real = await writer.realPath(current);
    if (real !== undefined) {
      return { real: path.join(real, ...missing.reverse()) };
    }
    if (missing.length > 0 && (await writer.exists(current))) {
      return { through: current };
    }
    const parent = path.dirname(current);
    if (parent === current) {
      return { real: target };
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
export async function writeResult(
  result: { readonly files: readonly WritableFile[] },
  targetDir: string,
  writer: ResultWriter,
  options: WriteOptions = {},
): Promise<WriteSummary> {
  const root = path.resolve(targetDir);
  const resolvedRoot = hasRealPath(writer) ? await realPathOfNearest(writer, root) : { real: root };
  if ('through' in resolvedRoot) {
    throw safetyError(
      `the target folder ${quoted(root)} lies below ${quoted(resolvedRoot.through)}, a symbolic link that points nowhere or loops; refused`,
    );
  }
  const realRoot = resolvedRoot.real;
  const planned: { relative: string; absolute: string; file: WritableFile }[] = [];
  const conflicts: string[] = [];
  // A path that is both a file and the folder of another would fail halfway through the writes.
  const folders = new Map<string, string>();
  const filePaths = new Map<string, string>();
  for (const file of result.files) {
    const relative = resolveInside('', file.path, { what: 'output file' });
    const clash =
      folders.get(relative) ??
      relative
        .split('/')
        .slice(0, -1)
        .map((_part, index, parts) => parts.slice(0, index + 1).join('/'))
        .map((folder) => filePaths.get(folder))
        .find((other) => other !== undefined);
    if (clash !== undefined) {
      throw inputError(
        `output files ${quoted(clash)} and ${quoted(file.path)} need ${quoted(relative.length < clash.length ? relative : clash)} to be both a file and a folder`,
      );
    }
    filePaths.set(relative, file.path);
    relative
      .split('/')
      .slice(0, -1)
      .forEach((_part, index, parts) => folders.set(parts.slice(0, index + 1).join('/'), file.path));
    const absolute = path.resolve(root, ...relative.split('/'));
    if (!isInsideFolder(root, absolute)) {
      throw safetyError(`output file ${quoted(file.path)} would be written outside ${quoted(root)}; refused`);
    }
    if (hasRealPath(writer)) {
      const resolved = await realPathOfNearest(writer, absolute);
      if ('through' in resolved) {
        throw safetyError(
          `output file ${quoted(file.path)} would be written through ${quoted(resolved.through)}, a symbolic link that points nowhere or loops; refused`,
        );
      }
      if (!isInsideFolder(realRoot, resolved.real)) {
        throw safetyError(
          `output file ${quoted(file.path)} would be written through a symbolic link to ${quoted(resolved.real)}, outside ${quoted(root)}; refused`,
        );
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
