import * as path from 'node:path';
import { isInsideFolder, type CatalogFileSystem } from '../catalog/catalogFileSystem';

/** A docs path that would leave the docs folder (or is not a docs path at all). */
export class DocsPathError extends Error {
  override readonly name = 'DocsPathError';
}

const MAX_PATH_LENGTH = 1024;
const MARKDOWN_EXTENSIONS = ['.md', '.markdown'];

export function isMarkdownFile(name: string): boolean {
  return MARKDOWN_EXTENSIONS.includes(path.posix.extname(name).toLowerCase());
}

/**
 * Normalises a docs-relative page path to POSIX form without `./`; '' is the docs root.
 * Absolute paths, drive letters, control characters and anything climbing out with `..` are refused:
 * page paths arrive from webview messages and markdown links, so they are untrusted.
 */
export function normalizeDocsPath(pagePath: string): string {
  if (typeof pagePath !== 'string' || pagePath.length > MAX_PATH_LENGTH || /[\p{Cc}]/u.test(pagePath)) {
    throw new DocsPathError('not a docs page path; refused');
  }
  // Backslashes are separators on Windows, so `..\..\x` must be caught as a climb everywhere.
  const slashed = pagePath.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed)) {
    throw new DocsPathError(`${pagePath} is an absolute path; only paths inside the docs folder are shown`);
  }
  const normalized = path.posix.normalize(slashed);
  if (normalized === '..' || normalized.startsWith('../')) {
    throw new DocsPathError(`${pagePath} leaves the docs folder; refused`);
  }
  return normalized === '.' || normalized === './' ? '' : normalized.replace(/^\.\//, '');
}

/**
 * The absolute path of a docs-relative file, refusing paths that leave the docs folder either
 * lexically or through a symbolic link. Missing files are not an error here (callers decide).
 */
export async function resolveDocsFile(fs: CatalogFileSystem, docsDir: string, relativePath: string): Promise<string> {
  const normalized = normalizeDocsPath(relativePath);
  const absolute = path.resolve(docsDir, ...normalized.split('/').filter((segment) => segment.length > 0));
  if (!isInsideFolder(docsDir, absolute)) {
    throw new DocsPathError(`${relativePath} leaves the docs folder; refused`);
  }
  const real = await fs.realPath(absolute);
  if (real !== undefined) {
    const realDocsDir = (await fs.realPath(docsDir)) ?? docsDir;
    if (!isInsideFolder(realDocsDir, real)) {
      throw new DocsPathError(`${relativePath} links to a file outside the docs folder; refused`);
    }
  }
  return absolute;
}

export interface DocsPageFile {
  /** Docs-relative POSIX path of the page actually found, e.g. `guide/index.md` for `guide/`. */
  readonly path: string;
  readonly absolutePath: string;
  readonly size: number;
}

/**
 * Finds the markdown file a page path means, the way MkDocs links work: `a.md` as is, a folder
 * (or `''`, or `a/`) through its `index.md` / `README.md`, and `a` through `a.md`.
 * Throws DocsPathError for paths leaving the docs folder; undefined when nothing matches.
 */
export async function findDocsPage(
  fs: CatalogFileSystem,
  docsDir: string,
  pagePath: string,
): Promise<DocsPageFile | undefined> {
  const normalized = normalizeDocsPath(pagePath).replace(/\/+$/, '');
  const folder = normalized === '' ? '' : `${normalized}/`;
  const candidates = isMarkdownFile(normalized)
    ? [normalized]
    : [`${folder}index.md`, `${folder}README.md`, ...(normalized === '' ? [] : [`${normalized}.md`])];
  for (const candidate of candidates) {
    const absolutePath = await resolveDocsFile(fs, docsDir, candidate);
    const stat = await fs.stat(absolutePath);
    if (stat?.isFile) {
      return { path: candidate, absolutePath, size: stat.size };
    }
  }
  return undefined;
}
