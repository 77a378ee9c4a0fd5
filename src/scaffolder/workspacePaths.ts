import * as path from 'node:path';
import { quoted, safetyError } from './scaffolderErrors';

const WINDOWS_DRIVE = /^[a-zA-Z]:/;
/** `...`, `. ` or `.. `: Windows trims trailing dots and spaces, so these can turn into `.` or `..`. */
const DOTS_AND_SPACES = /^[. ]+$/;

/**
 * Why `candidate` cannot be used as a relative path inside a workspace, or undefined when it
 * can. Checked before normalizing, so `a/../../b` is judged by where it ends up but `C:x`,
 * `\\server\x` and `..\x` never get a chance to mean something else on Windows.
 */
export function unsafePathReason(candidate: string): string | undefined {
  if (candidate.includes('\0')) {
    return 'contains a NUL byte';
  }
  if (candidate.includes('\\')) {
    return 'contains a backslash, which Windows reads as a folder separator';
  }
  if (candidate.startsWith('/')) {
    return 'is an absolute path';
  }
  if (WINDOWS_DRIVE.test(candidate)) {
    return 'is an absolute Windows path';
  }
  const odd = candidate
    .split('/')
    .find((segment) => segment !== '.' && segment !== '..' && DOTS_AND_SPACES.test(segment));
  return odd === undefined ? undefined : `has the segment ${quoted(odd)}, which Windows reads as "." or ".."`;
}

/** True when the normalized relative path `candidate` is `base` or below it. */
function isBelow(base: string, candidate: string): boolean {
  const relative = path.posix.relative(base, candidate);
  return relative !== '..' && !relative.startsWith('../') && !path.posix.isAbsolute(relative);
}

export interface ResolveOptions {
  /** Names the path in errors: `targetPath`, `skeleton entry`, `fs:rename "to"`, … */
  readonly what: string;
  /** Whether the result may be `base` itself (a target folder may, a file may not). */
  readonly allowBase?: boolean;
}

/**
 * Joins a template-supplied `relative` path onto `base` (a workspace-relative POSIX folder, ''
 * for the root) and returns the normalized workspace-relative path ('' for the root). Throws a
 * safety error when the path is unsafe or ends up outside `base`.
 */
export function resolveInside(base: string, relative: string, options: ResolveOptions): string {
  const reason = unsafePathReason(relative);
  if (reason) {
    throw safetyError(`${options.what} ${quoted(relative)} ${reason}; refused`);
  }
  const normalizedBase = path.posix.normalize(base === '' ? '.' : base);
  const joined = path.posix.normalize(path.posix.join(normalizedBase, relative)).replace(/\/+$/, '') || '.';
  if (!isBelow(normalizedBase, joined)) {
    throw safetyError(
      `${options.what} ${quoted(relative)} leaves ${normalizedBase === '.' ? 'the workspace' : quoted(normalizedBase)}; refused`,
    );
  }
  const result = joined === '.' ? '' : joined;
  // Normalizing may bring a later segment to the front: `./c:x` becomes `c:x`, a drive-relative path on Windows.
  const after = unsafePathReason(result);
  if (after) {
    throw safetyError(`${options.what} ${quoted(relative)} becomes ${quoted(result)}, which ${after}; refused`);
  }
  if (result === (normalizedBase === '.' ? '' : normalizedBase) && !options.allowBase) {
    throw safetyError(
      `${options.what} ${quoted(relative)} names the ${normalizedBase === '.' ? 'workspace root' : 'target folder'} itself, not a file; refused`,
    );
  }
  return result;
}

/** Joins workspace-relative POSIX paths, treating '' as the root. */
export function joinWorkspacePath(...parts: string[]): string {
  const joined = path.posix.join(...parts.map((part) => (part === '' ? '.' : part)));
  return joined === '.' ? '' : joined;
}
