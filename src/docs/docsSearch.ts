import type { CatalogFileSystem } from '../catalog/catalogFileSystem';
import { listDocsPages } from './docsFolder';
import { DocsPathError } from './docsPaths';
import { escapeHtml } from '../shared/htmlEscape';
import { markdownText } from './markdownText';
import { titleFromFileName } from './mkdocsConfig';
import { readDocsPage } from './readDocsPage';
import type { TechDocsSite } from './techdocsLocation';

interface SearchEntry {
  readonly path: string;
  readonly title: string;
  readonly text: string;
}

export interface SearchIndex {
  readonly entries: readonly SearchEntry[];
}

export interface SearchHit {
  readonly path: string;
  readonly title: string;
  /** HTML: escaped text around the first hit, query words wrapped in `<mark>`. */
  readonly snippet: string;
  /** Higher is better: 1000 per query word in the title, plus body occurrences. */
  readonly score: number;
}

const MAX_QUERY_WORDS = 10;
const MAX_COUNTED_OCCURRENCES = 50;
const SNIPPET_BEFORE = 60;
const SNIPPET_AFTER = 140;

/** Reads and flattens every page of a docs site once; searching is then in memory. */
export async function buildSearchIndex(fs: CatalogFileSystem, site: TechDocsSite): Promise<SearchIndex> {
  const { pages } = await listDocsPages(fs, site.docsDir);
  const entries: SearchEntry[] = [];
  for (const page of pages) {
    try {
      const read = await readDocsPage(fs, site.docsDir, page);
      if (read.ok) {
        const { title, text } = markdownText(read.source.body);
        entries.push({ path: read.file.path, title: read.source.title ?? title ?? titleFromFileName(page), text });
      }
    } catch (error) {
      if (!(error instanceof DocsPathError)) {
        throw error;
      }
    }
  }
  return { entries };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Query words as prefixes of words in the text: `auth` finds "authorises", not "unauthorised". */
function wordPattern(words: readonly string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRegExp).join('|')})`, 'giu');
}

function queryWords(query: string): string[] {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
  return [...new Set(words)].slice(0, MAX_QUERY_WORDS);
}

function countMatches(pattern: RegExp, text: string): number {
  let count = 0;
  pattern.lastIndex = 0;
  while (count < MAX_COUNTED_OCCURRENCES && pattern.exec(text)) {
    count++;
  }
  return count;
}

/** Escaped text around `position`, cut at word boundaries, with every query word marked. */
function snippetAround(text: string, position: number, words: readonly string[]): string {
  let start = Math.max(0, position - SNIPPET_BEFORE);
  let end = Math.min(text.length, position + SNIPPET_AFTER);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space !== -1 && space < position ? space + 1 : start;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    end = space > position ? space : end;
  }
  const excerpt = text.slice(start, end);
  const pattern = wordPattern(words);
  let html = '';
  let last = 0;
  for (const match of excerpt.matchAll(pattern)) {
    html += `${escapeHtml(excerpt.slice(last, match.index))}<mark>${escapeHtml(match[0])}</mark>`;
    last = match.index + match[0].length;
  }
  html += escapeHtml(excerpt.slice(last));
  return `${start > 0 ? '…' : ''}${html}${end < text.length ? '…' : ''}`;
}

/**
 * Pages containing every query word (case-insensitive, at the start of a word), pages with query
 * words in the title first, then by how often the words occur.
 */
export function search(index: SearchIndex, query: string, limit = 50): SearchHit[] {
  const words = queryWords(query);
  if (words.length === 0) {
    return [];
  }
  const patterns = words.map((word) => wordPattern([word]));
  const hits: (SearchHit & { readonly titleWords: number })[] = [];
  for (const entry of index.entries) {
    let titleWords = 0;
    let occurrences = 0;
    let firstHit = -1;
    let matchesAll = true;
    for (const pattern of patterns) {
      pattern.lastIndex = 0;
      const inTitle = pattern.test(entry.title);
      pattern.lastIndex = 0;
      const first = pattern.exec(entry.text);
      if (!inTitle && !first) {
        matchesAll = false;
        break;
      }
      titleWords += inTitle ? 1 : 0;
      if (first) {
        firstHit = firstHit === -1 ? first.index : Math.min(firstHit, first.index);
        occurrences += countMatches(pattern, entry.text);
      }
    }
    if (!matchesAll) {
      continue;
    }
    const snippet = snippetAround(entry.text, Math.max(firstHit, 0), words);
    hits.push({ path: entry.path, title: entry.title, snippet, score: titleWords * 1000 + occurrences, titleWords });
  }
  hits.sort((a, b) => b.titleWords - a.titleWords || b.score - a.score || a.path.localeCompare(b.path));
  return hits.slice(0, limit).map(({ titleWords: _titleWords, ...hit }) => hit);
}
