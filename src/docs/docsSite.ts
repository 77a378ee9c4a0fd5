import * as path from 'node:path';
import type { CatalogFileSystem } from '../catalog/catalogFileSystem';
import { listDocsPages, navFromPages } from './docsFolder';
import { docsImageSource, docsLinkTarget } from './docsLinks';
import { DocsPathError, resolveDocsFile } from './docsPaths';
import { escapeHtml } from '../shared/htmlEscape';
import { markdownText } from './markdownText';
import { parseMkdocsConfig, titleFromFileName, type MkdocsConfig, type NavItem } from './mkdocsConfig';
import { readDocsPage } from './readDocsPage';
import { renderMarkdown, type LinkTarget, type TocEntry } from './renderMarkdown';
import type { TechDocsSite } from './techdocsLocation';

export { DEFAULT_MAX_PAGE_BYTES } from './readDocsPage';

const MAX_MKDOCS_BYTES = 1024 * 1024;

export interface DocsSiteContent {
  readonly siteName: string;
  readonly siteDescription: string | undefined;
  readonly nav: readonly NavItem[];
  /** Every markdown page in the docs folder, docs-relative POSIX paths, in folder nav order. */
  readonly pages: readonly string[];
  readonly problems: readonly string[];
}

export interface RenderedDocsPage {
  readonly title: string;
  /** Sanitized HTML: page links carry `data-page`/`data-anchor`, file links `data-asset`, web links `data-external`. */
  readonly html: string;
  readonly toc: readonly TocEntry[];
  /** The page actually shown, docs-relative (`guide/` → `guide/index.md`). */
  readonly path: string;
  readonly problems: readonly string[];
}

export interface DocsPageOptions {
  /** Maps an absolute file path inside the docs folder to a URI the webview can load (asWebviewUri). */
  assetUri(absolutePath: string): string;
  readonly maxPageBytes?: number;
}

async function readMkdocsConfig(fs: CatalogFileSystem, site: TechDocsSite): Promise<MkdocsConfig> {
  if (!site.mkdocsFile) {
    return parseMkdocsConfig('');
  }
  try {
    const stat = await fs.stat(site.mkdocsFile);
    if (stat && stat.size > MAX_MKDOCS_BYTES) {
      return { ...parseMkdocsConfig(''), problems: [`${path.basename(site.mkdocsFile)} is larger than 1 MB; ignored`] };
    }
    return parseMkdocsConfig(new TextDecoder().decode(await fs.readFile(site.mkdocsFile)));
  } catch (error) {
    return {
      ...parseMkdocsConfig(''),
      problems: [
        `${path.basename(site.mkdocsFile)} could not be read: ${error instanceof Error ? error.message : String(error)}`,
      ],
    };
  }
}

/** A page's own title: front matter `title`, else its first heading, else its file name. */
async function pageTitle(fs: CatalogFileSystem, site: TechDocsSite, pagePath: string): Promise<string> {
  try {
    const read = await readDocsPage(fs, site.docsDir, pagePath);
    if (read.ok) {
      return read.source.title ?? markdownText(read.source.body).title ?? titleFromFileName(pagePath);
    }
  } catch (error) {
    if (!(error instanceof DocsPathError)) {
      throw error;
    }
  }
  return titleFromFileName(pagePath);
}

async function completeNav(
  fs: CatalogFileSystem,
  site: TechDocsSite,
  items: readonly NavItem[],
  pages: ReadonlySet<string>,
  problems: string[],
): Promise<NavItem[]> {
  const result: NavItem[] = [];
  for (const item of items) {
    if (item.children) {
      result.push({ ...item, children: await completeNav(fs, site, item.children, pages, problems) });
    } else if (item.path !== undefined) {
      if (!pages.has(item.path)) {
        problems.push(`nav entry "${item.title}" points to ${item.path}, which is not a page in the docs folder`);
      }
      result.push(
        item.titleFromPage && pages.has(item.path) ? { ...item, title: await pageTitle(fs, site, item.path) } : item,
      );
    } else {
      result.push(item);
    }
  }
  return result;
}

/** The docs site of an entity: its name, its navigation (mkdocs.yml `nav`, else the folder tree) and its pages. */
export async function loadDocsSite(fs: CatalogFileSystem, site: TechDocsSite): Promise<DocsSiteContent> {
  const config = await readMkdocsConfig(fs, site);
  const listing = await listDocsPages(fs, site.docsDir);
  const problems = [...config.problems, ...listing.problems];
  const nav = await completeNav(fs, site, config.nav ?? navFromPages(listing.pages), new Set(listing.pages), problems);
  return {
    siteName: site.siteName ?? config.siteName ?? path.basename(site.root),
    siteDescription: config.siteDescription,
    nav,
    pages: listing.pages,
    problems,
  };
}

function messagePage(title: string, pagePath: string, message: string): RenderedDocsPage {
  return {
    title,
    html: `<div class="admonition warning">\n<p class="admonition-title">${escapeHtml(title)}</p>\n<p>${escapeHtml(message)}</p>\n</div>\n`,
    toc: [],
    path: pagePath,
    problems: [message],
  };
}

/** Absolute paths of the page's images that exist inside the docs folder (symbolic links checked). */
async function resolveImages(
  fs: CatalogFileSystem,
  site: TechDocsSite,
  pagePath: string,
  sources: Iterable<string>,
  problems: Set<string>,
): Promise<Map<string, string>> {
  const resolved = new Map<string, string>();
  for (const src of sources) {
    const image = docsImageSource(pagePath, src);
    if (image?.kind === 'inline') {
      resolved.set(src, image.src);
      continue;
    }
    if (!image) {
      problems.add(`image ${src} is not in the docs folder; not shown`);
      continue;
    }
    try {
      const absolute = await resolveDocsFile(fs, site.docsDir, image.path);
      if ((await fs.stat(absolute))?.isFile) {
        resolved.set(src, absolute);
      } else {
        problems.add(`image ${src} does not exist`);
      }
    } catch (error) {
      if (!(error instanceof DocsPathError)) {
        throw error;
      }
      problems.add(`image ${src}: ${error.message}`);
    }
  }
  return resolved;
}

/** The linked files whose real path leaves the docs folder: their links are removed. */
async function assetsLinkedOut(
  fs: CatalogFileSystem,
  site: TechDocsSite,
  assetPaths: Iterable<string>,
  problems: Set<string>,
): Promise<Set<string>> {
  const refused = new Set<string>();
  for (const assetPath of assetPaths) {
    try {
      await resolveDocsFile(fs, site.docsDir, assetPath);
    } catch (error) {
      if (!(error instanceof DocsPathError)) {
        throw error;
      }
      refused.add(assetPath);
      problems.add(`link ${assetPath} removed: ${error.message}`);
    }
  }
  return refused;
}

/**
 * Renders one page of a docs site to sanitized HTML. Throws DocsPathError when `pagePath` leaves
 * the docs folder (`..`, absolute, a symbolic link out); a missing, unreadable or oversized page
 * gives a message page instead.
 */
export async function renderDocsPage(
  fs: CatalogFileSystem,
  site: TechDocsSite,
  pagePath: string,
  options: DocsPageOptions,
): Promise<RenderedDocsPage> {
  const read = await readDocsPage(fs, site.docsDir, pagePath, options.maxPageBytes);
  if (!read.ok) {
    const title =
      read.reason === 'missing'
        ? 'Page not found'
        : read.reason === 'too-large'
          ? 'Page too large'
          : 'Page not readable';
    return messagePage(title, read.path, read.message);
  }
  const current = read.file.path;
  const problems = new Set<string>();
  // File links are opened in the editor when clicked: like images, they must lie inside the
  // docs folder by real path. Both are checked against the file system (asynchronous) while
  // rendering is not, so a first pass collects them and a second renders with them resolved.
  const assetPaths = new Set<string>();
  let refusedAssets: ReadonlySet<string> = new Set<string>();
  const resolveLink = (href: string): LinkTarget | undefined => {
    const target = docsLinkTarget(current, href);
    if (!target) {
      problems.add(`link ${href} leads outside the docs or uses an unsupported scheme; removed`);
    } else if (target.kind === 'asset') {
      assetPaths.add(target.path);
      return refusedAssets.has(target.path) ? undefined : target;
    }
    return target;
  };
  const imageSources = new Set<string>();
  let rendered = renderMarkdown(read.source.body, { resolveLink, resolveImage: (src) => void imageSources.add(src) });
  if (imageSources.size > 0 || assetPaths.size > 0) {
    const images = await resolveImages(fs, site, current, imageSources, problems);
    refusedAssets = await assetsLinkedOut(fs, site, assetPaths, problems);
    rendered = renderMarkdown(read.source.body, {
      resolveLink,
      resolveImage: (src) => {
        const resolved = images.get(src);
        return resolved === undefined || resolved.startsWith('data:') ? resolved : options.assetUri(resolved);
      },
    });
  }
  return {
    title: read.source.title ?? rendered.title ?? titleFromFileName(current),
    html: rendered.html,
    toc: rendered.toc,
    path: current,
    problems: [...problems],
  };
}
