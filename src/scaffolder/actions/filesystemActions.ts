import * as path from 'node:path';
import picomatch from 'picomatch';
import { isPlainObject } from '../parameterPages';
import { inputError, quoted, safetyError } from '../scaffolderErrors';
import { unsafePathReason, resolveInside } from '../workspacePaths';
import { optionalBoolean, requiredArray } from './actionInputs';
import type { ActionContext, LocalAction } from './actionContext';

function renameOne(context: ActionContext, from: string, to: string, overwrite: boolean): void {
  const { workspace } = context;
  const source = resolveInside('', from, { what: 'fs:rename "from"' });
  const destination = resolveInside('', to, { what: 'fs:rename "to"' });
  const isFile = workspace.has(source);
  if (!isFile && !workspace.isFolder(source)) {
    throw inputError(`fs:rename: ${quoted(from)} does not exist in the workspace`);
  }
  if (destination === source || destination.startsWith(`${source}/`)) {
    throw inputError(`fs:rename: cannot move ${quoted(from)} into itself (${quoted(to)})`);
  }
  if (workspace.has(destination) || workspace.isFolder(destination)) {
    if (!overwrite) {
      throw inputError(`fs:rename: ${quoted(to)} already exists (set overwrite: true to replace it)`);
    }
    workspace.remove(destination);
  }
  const moves = isFile
    ? [[source, destination]]
    : workspace.filesUnder(source).map((file) => [file, `${destination}${file.slice(source.length)}`]);
  for (const [oldPath = '', newPath = ''] of moves) {
    const file = workspace.get(oldPath);
    if (file) {
      workspace.remove(oldPath);
      workspace.put(newPath, file);
    }
  }
  context.log(`Renamed ${source} to ${destination}`);
}

/** `fs:rename`: moves files or folders inside the workspace; an existing destination needs `overwrite`. */
export const filesystemRename: LocalAction = (context) => {
  for (const entry of requiredArray(context.input, 'files')) {
    if (
      !isPlainObject(entry) ||
      typeof entry['from'] !== 'string' ||
      typeof entry['to'] !== 'string' ||
      !entry['from'] ||
      !entry['to']
    ) {
      throw inputError('each file must have a from and to property');
    }
    renameOne(context, entry['from'], entry['to'], optionalBoolean(entry, 'overwrite'));
  }
};

const GLOB_CHARACTERS = /[*?[\]{}!]/;

/** A glob for fs:delete must be as contained as a path: no `..` climbing out, nothing absolute. */
function globMatcher(pattern: string): (file: string) => boolean {
  const reason = unsafePathReason(pattern);
  const normalized = path.posix.normalize(pattern);
  if (reason || normalized === '..' || normalized.startsWith('../')) {
    throw safetyError(`fs:delete pattern ${quoted(pattern)} ${reason ?? 'leaves the workspace'}; refused`);
  }
  return picomatch(normalized, { dot: true });
}

/** `fs:delete`: removes files and folders (or glob matches) from the workspace; missing ones are fine. */
export const filesystemDelete: LocalAction = (context) => {
  for (const entry of requiredArray(context.input, 'files')) {
    if (typeof entry !== 'string' || entry.length === 0) {
      throw inputError('fs:delete: files must be non-empty strings');
    }
    if (GLOB_CHARACTERS.test(entry)) {
      const matches = globMatcher(entry);
      const doomed = [...context.workspace.files.keys()].filter((file) => matches(file));
      doomed.forEach((file) => context.workspace.remove(file));
      context.log(`Deleted ${doomed.length} files matching ${entry}`);
      continue;
    }
    const target = resolveInside('', entry, { what: 'fs:delete path' });
    context.log(`Deleted ${target} (${context.workspace.remove(target)} files)`);
  }
};

/** `fs:readdir`: lists files and folders below workspace paths. */
export const filesystemReaddir: LocalAction = (context) => {
  const recursive = optionalBoolean(context.input, 'recursive');
  const files: { name: string; path: string; fullPath: string }[] = [];
  const folders: { name: string; path: string; fullPath: string }[] = [];
  for (const entry of requiredArray(context.input, 'paths')) {
    if (typeof entry !== 'string') {
      throw inputError('fs:readdir: paths must be strings');
    }
    const base = resolveInside('', entry, { what: 'fs:readdir path', allowBase: true });
    const seenFolders = new Set<string>();
    for (const file of context.workspace.filesUnder(base)) {
      const below = base === '' ? file : file.slice(base.length + 1);
      const segments = below.split('/');
      if (!recursive && segments.length > 1) {
        const folder = base === '' ? (segments[0] ?? '') : `${base}/${segments[0] ?? ''}`;
        if (!seenFolders.has(folder)) {
          seenFolders.add(folder);
          folders.push({ name: segments[0] ?? '', path: folder, fullPath: folder });
        }
        continue;
      }
      for (let depth = 1; depth < segments.length; depth++) {
        const folder = [base, ...segments.slice(0, depth)].filter((part) => part !== '').join('/');
        if (!seenFolders.has(folder)) {
          seenFolders.add(folder);
          folders.push({ name: segments[depth - 1] ?? '', path: folder, fullPath: folder });
        }
      }
      files.push({ name: segments[segments.length - 1] ?? '', path: file, fullPath: file });
    }
  }
  context.output('files', files);
  context.output('folders', folders);
};
