import * as path from 'node:path';
import picomatch from 'picomatch';
import { isInsideFolder, type CatalogFileSystem } from './catalogFileSystem';
import type { LocationTarget } from './catalogEntity';
import type { CatalogProblem } from './problems';

export interface ResolvedLocationTargets {
  /** Absolute paths of the local files the Location points at. */
  readonly files: string[];
  /** Targets that are URLs; fetched by the remote-location support, never from here. */
  readonly urls: string[];
  readonly problems: CatalogProblem[];
}

const URL_PATTERN = /^[a-z][a-z0-9+.-]*:\/\//i;

const isWindowsStyle = (target: string): boolean => target.includes('\\') || (path.win32.isAbsolute(target) && !path.posix.isAbsolute(target));

/** A glob target as a root-relative POSIX pattern, matched against `listFolder` paths. */
const globPattern = (root: string, resolved: string): string => path.posix.normalize(path.relative(root, resolved).split(path.sep).join('/'));

/**
 * Whether a local target, resolved as `resolveLocationTargets` does, would include `file`
 * (absolute): how a newly created file finds the Location that wants it.
 */
export function locationTargetMatches(root: string, target: LocationTarget, file: string): boolean {
  if (URL_PATTERN.test(target.target) || isWindowsStyle(target.target)) {
    return false;
  }
  const resolved = path.resolve(path.dirname(target.file), target.target);
  if (!isInsideFolder(root, resolved) || !isInsideFolder(root, file)) {
    return false;
  }
  if (picomatch.scan(target.target).isGlob) {
    return picomatch(globPattern(root, resolved), { dot: false })(path.relative(root, file).split(path.sep).join('/'));
  }
  return resolved === file;
}

function problem(target: LocationTarget, code: CatalogProblem['code'], severity: CatalogProblem['severity'], message: string): CatalogProblem {
  return { file: target.file, range: target.range, severity, code, message, entityRef: target.locationRef };
}

/**
 * Resolves `kind: Location` targets relative to their file, as Backstage's file reader does,
 * and refuses any that leave the workspace folder, lexically or through a symbolic link.
 */
export async function resolveLocationTargets(
  fs: CatalogFileSystem,
  root: string,
  targets: readonly LocationTarget[],
  listFiles: () => Promise<readonly string[]>,
): Promise<ResolvedLocationTargets> {
  const result: ResolvedLocationTargets = { files: [], urls: [], problems: [] };
  const realRoot = (await fs.realPath(root)) ?? root;
  for (const target of targets) {
    if (URL_PATTERN.test(target.target)) {
      result.urls.push(target.target);
      continue;
    }
    if (isWindowsStyle(target.target)) {
      result.problems.push(problem(target, 'location-invalid', 'error', `Location target "${target.target}" is a Windows-style path; use forward slashes relative to the Location file`));
      continue;
    }
    const resolved = path.resolve(path.dirname(target.file), target.target);
    if (!isInsideFolder(root, resolved)) {
      result.problems.push(problem(target, 'location-escape', 'error', `Location target "${target.target}" resolves to ${resolved}, outside the workspace folder ${root}; refused`));
      continue;
    }
    const scan = picomatch.scan(target.target);
    if (scan.isGlob) {
      const matches = picomatch(globPattern(root, resolved), { dot: false });
      const found = (await listFiles()).filter((file) => matches(file)).map((file) => path.join(root, file));
      result.files.push(...found);
      continue;
    }
    const stat = await fs.stat(resolved);
    if (!stat) {
      if (!target.optional) {
        result.problems.push(problem(target, 'location-missing', 'warning', `Location target "${target.target}" does not exist (${resolved})`));
      }
      continue;
    }
    if (!stat.isFile) {
      result.problems.push(problem(target, 'location-invalid', 'error', `Location target "${target.target}" is not a file`));
      continue;
    }
    const realTarget = await fs.realPath(resolved);
    if (!realTarget || !isInsideFolder(realRoot, realTarget)) {
      result.problems.push(problem(target, 'location-escape', 'error', `Location target "${target.target}" links to ${realTarget ?? 'nothing'}, outside the workspace folder ${root}; refused`));
      continue;
    }
    result.files.push(resolved);
  }
  return result;
}
