import type { CatalogFileSystem } from '../catalog/catalogFileSystem';
import { findDocsPage, normalizeDocsPath, type DocsPageFile } from './docsPaths';
import { splitFrontMatter, type PageSource } from './frontMatter';

/**
 * Pages larger than this are not rendered. Rendering runs on the extension host's thread and a
 * table-heavy 2 MB page takes 3–5 s (markdown-it and the sanitizer about half each); hand-written
 * docs pages are tens of kilobytes, so 1 MB keeps the worst case near a second.
 */
export const DEFAULT_MAX_PAGE_BYTES = 1024 * 1024;

export type DocsPageRead =
  | { readonly ok: true; readonly file: DocsPageFile; readonly source: PageSource }
  | {
      readonly ok: false;
      readonly path: string;
      readonly reason: 'missing' | 'too-large' | 'unreadable';
      readonly message: string;
    };

/**
 * Reads a page by docs-relative path. Throws DocsPathError for a path that leaves the docs
 * folder (`..`, absolute, a symbolic link out); every other failure is a result, not an error.
 */
export async function readDocsPage(
  fs: CatalogFileSystem,
  docsDir: string,
  pagePath: string,
  maxBytes = DEFAULT_MAX_PAGE_BYTES,
): Promise<DocsPageRead> {
  const requested = normalizeDocsPath(pagePath);
  const file = await findDocsPage(fs, docsDir, requested);
  if (!file) {
    return {
      ok: false,
      path: requested,
      reason: 'missing',
      message: `There is no page ${requested || 'index.md'} in these docs.`,
    };
  }
  if (file.size > maxBytes) {
    const megabytes = (file.size / (1024 * 1024)).toFixed(1);
    return {
      ok: false,
      path: file.path,
      reason: 'too-large',
      message: `${file.path} is ${megabytes} MB; pages over ${(maxBytes / (1024 * 1024)).toFixed(1)} MB are not shown. Open the file in the editor instead.`,
    };
  }
  try {
    const bytes = await fs.readFile(file.absolutePath);
    if (bytes.byteLength > maxBytes) {
      // The file grew between stat and read.
      return {
        ok: false,
        path: file.path,
        reason: 'too-large',
        message: `${file.path} is larger than ${maxBytes} bytes; not shown.`,
      };
    }
    return { ok: true, file, source: splitFrontMatter(new TextDecoder().decode(bytes)) };
  } catch (error) {
    return {
      ok: false,
      path: file.path,
      reason: 'unreadable',
      message: `${file.path} could not be read: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
