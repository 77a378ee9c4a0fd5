import * as path from 'node:path';
import { DocsPathError, isMarkdownFile, normalizeDocsPath } from './docsPaths';
import { classifyHref, isSafeDataImage } from './hrefs';
import type { LinkTarget } from './renderMarkdown';

/** A relative link target made docs-relative: `/x` from the docs root, anything else from the page's folder. */
function docsRelative(currentPage: string, linkPath: string): string | undefined {
  const joined = linkPath.startsWith('/')
    ? linkPath.slice(1)
    : path.posix.join(path.posix.dirname(currentPage), linkPath);
  try {
    return normalizeDocsPath(joined);
  } catch (error) {
    if (error instanceof DocsPathError) {
      return undefined;
    }
    throw error;
  }
}

/**
 * Where a link on `currentPage` leads: another page (MkDocs style: `a.md`, `a/`, `../b.md#x`),
 * an anchor on this page, a file in the docs folder, or an http(s)/mailto URL.
 * undefined for unsafe schemes and for paths leaving the docs folder.
 */
export function docsLinkTarget(currentPage: string, href: string): LinkTarget | undefined {
  const kind = classifyHref(href);
  switch (kind.kind) {
    case 'external':
      return { kind: 'external', url: kind.url };
    case 'anchor':
      return { kind: 'page', path: currentPage, anchor: kind.anchor };
    case 'unsafe':
      return undefined;
  }
  if (!kind.path) {
    return kind.anchor ? { kind: 'page', path: currentPage, anchor: kind.anchor } : { kind: 'page', path: currentPage };
  }
  const target = docsRelative(currentPage, kind.path);
  if (target === undefined) {
    return undefined;
  }
  const isPage = isMarkdownFile(target) || target === '' || target.endsWith('/') || path.posix.extname(target) === '';
  if (!isPage) {
    return { kind: 'asset', path: target };
  }
  return kind.anchor ? { kind: 'page', path: target, anchor: kind.anchor } : { kind: 'page', path: target };
}

export type ImageSource =
  { readonly kind: 'inline'; readonly src: string } | { readonly kind: 'file'; readonly path: string };

/**
 * What an image on `currentPage` loads: a raster data: URI as is, or a file in the docs folder.
 * Remote images are not loaded (undefined): docs come from the workspace, which may be untrusted,
 * and a remote image is a request to a server the docs' author chose.
 */
export function docsImageSource(currentPage: string, src: string): ImageSource | undefined {
  if (/^\s*data:/i.test(src)) {
    return isSafeDataImage(src) ? { kind: 'inline', src: src.trim() } : undefined;
  }
  const kind = classifyHref(src);
  if (kind.kind !== 'relative' || !kind.path) {
    return undefined;
  }
  const target = docsRelative(currentPage, kind.path);
  return target ? { kind: 'file', path: target } : undefined;
}
