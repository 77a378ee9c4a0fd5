import * as path from 'node:path';
import picomatch from 'picomatch';
import { isInsideFolder, type CatalogFileSystem } from './catalogFileSystem';
import type { LocationTarget } from './catalogEntity';
import { DEFAULT_EXCLUDE_GLOBS, toPosix } from './discovery';
import { isInGitFolder, PathIdentity } from './pathIdentity';
import type { CatalogProblem } from './problems';

export interface ResolvedLocationTargets {
  /** The local files the Location points at, by identity (`PathIdentity`): links resolved. */
  readonly files: string[];
  /** For each of `files`, the target written in the Location that reached it. */
  readonly sources: LocationTarget[];
  /** Targets that are URLs; fetched by the remote-location support, never from here. */
  readonly urls: string[];
  readonly problems: CatalogProblem[];
  /**
   * Missing targets written through a linked folder, by the identity they would have: a file
   * created there is wanted by the Location, though its path does not match the target as written.
   */
  readonly missingThroughLinks: string[];
  /** Targets as written (resolved lexically) that go through a symbolic link: a change to the link changes what they name. */
  readonly writtenThroughLinks: string[];
}

/** The files below the root as `listFolder` gives them: glob targets match `files`; `links` says which name another file. */
export interface TargetListing {
  readonly files: readonly string[];
  readonly links?: readonly (readonly [string, string])[];
}

export interface LocationTargetRules {
  /** Shared with the caller so a load looks each link up once; a fresh one otherwise. */
  readonly identity?: PathIdentity;
  /** Whether a root-relative POSIX path is excluded by `greenroom.exclude`; the defaults otherwise. */
  readonly isExcluded?: (relativePosixPath: string) => boolean;
}

const URL_PATTERN = /^[a-z][a-z0-9+.-]*:\/\//i;

const isWindowsStyle = (target: string): boolean =>
  target.includes('\\') || (path.win32.isAbsolute(target) && !path.posix.isAbsolute(target));

/** A glob target as a root-relative POSIX pattern, matched against `listFolder` paths. */
const globPattern = (root: string, resolved: string): string =>
  path.posix.normalize(path.relative(root, resolved).split(path.sep).join('/'));

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

function problem(
  target: LocationTarget,
  code: CatalogProblem['code'],
  severity: CatalogProblem['severity'],
  message: string,
): CatalogProblem {
  return { file: target.file, range: target.range, severity, code, message, entityRef: target.locationRef };
}

const defaultExclusion = (): ((relativePosixPath: string) => boolean) => {
  const exclude = picomatch([...DEFAULT_EXCLUDE_GLOBS], { dot: true });
  return (relative) => exclude(relative) || exclude(`${relative}/`);
};

/**
 * Why a root-relative path may not be a Location target, if it may not: `.git/` holds the
 * checkout's credentials and hooks, and excluded folders are what the user asked not to read.
 */
function refusalOf(relativePosixPath: string, isExcluded: (relativePosixPath: string) => boolean): string | undefined {
  if (isInGitFolder(relativePosixPath)) {
    return 'is inside a .git folder, which is never read';
  }
  if (isExcluded(relativePosixPath)) {
    return 'is in a folder excluded by greenroom.exclude';
  }
  return undefined;
}

/**
 * Resolves `kind: Location` targets relative to their file, as Backstage's file reader does.
 * Refuses, with a problem on the target and before reading anything, targets that leave the
 * workspace folder (lexically or through a symbolic link) and targets into `.git/` or an
 * excluded folder (as written, or once links are resolved). Files come back by identity, so a
 * target through a link loop is the file it ends at.
 */
export async function resolveLocationTargets(
  fs: CatalogFileSystem,
  root: string,
  targets: readonly LocationTarget[],
  listFiles: () => Promise<readonly string[] | TargetListing>,
  rules: LocationTargetRules = {},
): Promise<ResolvedLocationTargets> {
  const result: ResolvedLocationTargets = {
    files: [],
    sources: [],
    urls: [],
    problems: [],
    missingThroughLinks: [],
    writtenThroughLinks: [],
  };
  const identity = rules.identity ?? new PathIdentity(fs, root);
  const isExcluded = rules.isExcluded ?? defaultExclusion();
  const found = (file: string, target: LocationTarget): void => {
    result.files.push(file);
    result.sources.push(target);
  };
  for (const target of targets) {
    if (URL_PATTERN.test(target.target)) {
      result.urls.push(target.target);
      continue;
    }
    if (isWindowsStyle(target.target)) {
      result.problems.push(
        problem(
          target,
          'location-invalid',
          'error',
          `Location target "${target.target}" is a Windows-style path; use forward slashes relative to the Location file`,
        ),
      );
      continue;
    }
    const resolved = path.resolve(path.dirname(target.file), target.target);
    if (!isInsideFolder(root, resolved)) {
      result.problems.push(
        problem(
          target,
          'location-escape',
          'error',
          `Location target "${target.target}" resolves to ${resolved}, outside the workspace folder ${root}; refused`,
        ),
      );
      continue;
    }
    const written = toPosix(path.relative(root, resolved));
    const refusal = refusalOf(written, isExcluded);
    if (refusal) {
      result.problems.push(
        problem(target, 'location-refused', 'error', `Location target "${target.target}" ${refusal}; refused`),
      );
      continue;
    }
    if (picomatch.scan(target.target).isGlob) {
      const listed = await listFiles();
      const listing: TargetListing = Array.isArray(listed)
        ? { files: listed as readonly string[] }
        : (listed as TargetListing);
      const named = new Map(listing.links ?? []);
      const matches = picomatch(globPattern(root, resolved), { dot: false });
      let matched = 0;
      for (const file of listing.files) {
        const identityPath = named.get(file) ?? file;
        // A glob names no file in particular: what it may not reach is left out, not reported.
        if (
          matches(file) &&
          refusalOf(file, isExcluded) === undefined &&
          refusalOf(identityPath, isExcluded) === undefined
        ) {
          found(path.join(root, identityPath), target);
          matched++;
        }
      }
      if (matched === 0 && !target.optional) {
        // Backstage's file reader reports a required glob that matches nothing as not found.
        result.problems.push(
          problem(
            target,
            'location-missing',
            'warning',
            `Location target "${target.target}" matches no file (${resolved})`,
          ),
        );
      }
      continue;
    }
    const lookup = await identity.lookup(resolved);
    if (lookup.kind === 'missing') {
      const folder = await identity.lookup(path.dirname(resolved));
      if (folder.kind === 'inside' && folder.path !== path.dirname(resolved)) {
        result.missingThroughLinks.push(path.join(folder.path, path.basename(resolved)));
        result.writtenThroughLinks.push(resolved);
      }
      if (!target.optional) {
        result.problems.push(
          problem(
            target,
            'location-missing',
            'warning',
            `Location target "${target.target}" does not exist (${resolved}), or is a symbolic link to nothing or a link loop`,
          ),
        );
      }
      continue;
    }
    if (lookup.kind === 'outside') {
      result.problems.push(
        problem(
          target,
          'location-escape',
          'error',
          `Location target "${target.target}" links to ${lookup.real}, outside the workspace folder ${root}; refused`,
        ),
      );
      continue;
    }
    if (lookup.path !== resolved) {
      result.writtenThroughLinks.push(resolved);
    }
    const linkedRefusal =
      lookup.path === resolved ? undefined : refusalOf(toPosix(path.relative(root, lookup.path)), isExcluded);
    if (linkedRefusal) {
      result.problems.push(
        problem(
          target,
          'location-refused',
          'error',
          `Location target "${target.target}" is a symbolic link to a file that ${linkedRefusal}; refused`,
        ),
      );
      continue;
    }
    const stat = await fs.stat(lookup.path);
    if (!stat?.isFile) {
      result.problems.push(
        problem(target, 'location-invalid', 'error', `Location target "${target.target}" is not a file`),
      );
      continue;
    }
    found(lookup.path, target);
  }
  return result;
}
