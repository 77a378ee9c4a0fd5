import type { CatalogFileSystem } from '../catalog/catalogFileSystem';
import { buildSearchIndex, search, type SearchIndex } from './docsSearch';
import type { TechDocsSite } from './techdocsLocation';

/** An entity's docs site, as found from its `backstage.io/techdocs-ref`. */
export interface EntityDocsSite {
  readonly ref: string;
  readonly entityTitle: string;
  readonly site: TechDocsSite;
}

export interface DocsSearchAllHit {
  readonly ref: string;
  readonly entityTitle: string;
  /** Docs-relative page path, the docs tab's state. */
  readonly path: string;
  readonly title: string;
  /** Plain text around the first match (no markup: quick picks show text). */
  readonly snippet: string;
  readonly score: number;
}

export interface DocsSearchLimits {
  /** Docs sites read for one search; further sites are skipped and the result marked truncated. */
  readonly maxSites: number;
  /** Pages held across all sites. */
  readonly maxPages: number;
  /** Characters of page text held across all sites. */
  readonly maxChars: number;
  readonly maxHits: number;
}

export const DEFAULT_DOCS_SEARCH_LIMITS: DocsSearchLimits = {
  maxSites: 200,
  maxPages: 5000,
  maxChars: 32 * 1024 * 1024,
  maxHits: 50,
};

export interface DocsSearchAllResult {
  readonly hits: readonly DocsSearchAllHit[];
  /** Some sites were not searched because a limit was reached. */
  readonly truncated: boolean;
  readonly cancelled: boolean;
  readonly sitesSearched: number;
}

/** Read page indexes, kept between keystrokes; the caller clears it when docs change. */
export type DocsIndexCache = Map<string, SearchIndex>;

const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** The snippet of docsSearch is escaped text plus `<mark>`: undo exactly that for plain text. */
export function snippetText(html: string): string {
  return html.replace(/<\/?mark>/g, '').replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

function sizeOf(index: SearchIndex): number {
  return index.entries.reduce((sum, entry) => sum + entry.text.length + entry.title.length, 0);
}

/**
 * Searches the docs of every given entity: each site's pages are read once (cached), searched
 * in memory, and the hits merged by score. Sites shared by several entities are searched once,
 * under the first entity. `isCancelled` is checked between sites so a newer keystroke wins.
 */
export async function searchAllDocs(
  fs: CatalogFileSystem,
  sites: readonly EntityDocsSite[],
  query: string,
  options: {
    readonly cache?: DocsIndexCache;
    readonly limits?: DocsSearchLimits;
    readonly isCancelled?: () => boolean;
  } = {},
): Promise<DocsSearchAllResult> {
  const limits = options.limits ?? DEFAULT_DOCS_SEARCH_LIMITS;
  const cache = options.cache ?? new Map<string, SearchIndex>();
  const seen = new Set<string>();
  const hits: DocsSearchAllHit[] = [];
  let pages = 0;
  let chars = 0;
  let searched = 0;
  let truncated = false;
  for (const entry of sites) {
    if (seen.has(entry.site.docsDir)) {
      continue;
    }
    seen.add(entry.site.docsDir);
    if (options.isCancelled?.()) {
      return { hits: [], truncated, cancelled: true, sitesSearched: searched };
    }
    if (searched >= limits.maxSites) {
      truncated = true;
      break;
    }
    let index = cache.get(entry.site.docsDir);
    if (!index) {
      try {
        index = await buildSearchIndex(fs, entry.site);
      } catch {
        continue; // an unreadable docs folder: the docs tab says why; search goes on
      }
      cache.set(entry.site.docsDir, index);
    }
    pages += index.entries.length;
    chars += sizeOf(index);
    if (pages > limits.maxPages || chars > limits.maxChars) {
      truncated = true;
      break;
    }
    searched++;
    for (const hit of search(index, query, limits.maxHits)) {
      hits.push({
        ref: entry.ref,
        entityTitle: entry.entityTitle,
        path: hit.path,
        title: hit.title,
        snippet: snippetText(hit.snippet),
        score: hit.score,
      });
    }
  }
  hits.sort((a, b) => b.score - a.score || a.entityTitle.localeCompare(b.entityTitle) || a.path.localeCompare(b.path));
  return {
    hits: hits.slice(0, limits.maxHits),
    truncated,
    cancelled: options.isCancelled?.() ?? false,
    sitesSearched: searched,
  };
}
