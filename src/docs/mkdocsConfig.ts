import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { DocsPathError, isMarkdownFile, normalizeDocsPath } from './docsPaths';
import { classifyHref } from './hrefs';

export interface NavItem {
  readonly title: string;
  /** A page, docs-relative POSIX path. */
  readonly path?: string;
  /** An external http(s)/mailto link. */
  readonly url?: string;
  /** A section. */
  readonly children?: readonly NavItem[];
  /** mkdocs.yml named no title: it comes from the page (first heading) or its file name. */
  readonly titleFromPage?: boolean;
}

export interface MkdocsConfig {
  readonly siteName: string | undefined;
  readonly siteDescription: string | undefined;
  /** As written (default `docs`), relative to the folder of mkdocs.yml. */
  readonly docsDir: string;
  /** undefined: mkdocs.yml has no usable `nav`, so it is built from the docs folder. */
  readonly nav: readonly NavItem[] | undefined;
  readonly problems: readonly string[];
}

const MAX_NAV_DEPTH = 12;
const MAX_NAV_ITEMS = 5000;
const MAX_ALIASES = 100;

/** `getting-started.md` → `Getting started`; the root index is `Home`, as in MkDocs. */
export function titleFromFileName(pagePath: string): string {
  const base = path.posix.basename(pagePath, path.posix.extname(pagePath));
  if (/^(index|readme)$/i.test(base)) {
    const folder = path.posix.basename(path.posix.dirname(pagePath));
    return folder && folder !== '.' ? titleFromFileName(folder) : 'Home';
  }
  const words = base.replace(/[-_]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : base;
}

/** `!ENV [NAME, default]` parses to a list; without the environment, the default is what shows. */
function stringSetting(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (Array.isArray(value)) {
    const last: unknown = value[value.length - 1];
    return typeof last === 'string' ? last : undefined;
  }
  return undefined;
}

class NavParser {
  readonly problems: string[] = [];
  private count = 0;

  items(value: unknown, depth: number): NavItem[] {
    if (!Array.isArray(value)) {
      this.problems.push('nav must be a list of pages, sections and links');
      return [];
    }
    const items: NavItem[] = [];
    for (const entry of value) {
      const item = this.item(entry, depth);
      if (item) {
        items.push(item);
      }
    }
    return items;
  }

  private item(entry: unknown, depth: number): NavItem | undefined {
    if (++this.count > MAX_NAV_ITEMS) {
      if (this.count === MAX_NAV_ITEMS + 1) {
        this.problems.push(`nav has more than ${MAX_NAV_ITEMS} entries; the rest are left out`);
      }
      return undefined;
    }
    if (typeof entry === 'string') {
      return this.target(undefined, entry);
    }
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      this.problems.push(
        `nav entry ${JSON.stringify(entry) ?? String(entry)} is not a page, section or link; left out`,
      );
      return undefined;
    }
    const pairs = Object.entries(entry as Record<string, unknown>);
    const [title, value] = pairs[0] ?? ['', undefined];
    if (pairs.length !== 1) {
      this.problems.push(`nav entry "${title}" has ${pairs.length} keys; an entry is one "Title: target" pair`);
    }
    if (Array.isArray(value)) {
      if (depth >= MAX_NAV_DEPTH) {
        this.problems.push(`nav section "${title}" is nested deeper than ${MAX_NAV_DEPTH} levels; left out`);
        return undefined;
      }
      return { title, children: this.items(value, depth + 1) };
    }
    if (typeof value !== 'string') {
      this.problems.push(`nav entry "${title}" has no page or link; left out`);
      return undefined;
    }
    return this.target(title, value);
  }

  private target(title: string | undefined, target: string): NavItem | undefined {
    const kind = classifyHref(target);
    if (kind.kind === 'external') {
      return { title: title ?? target, url: kind.url };
    }
    if (kind.kind !== 'relative' || !kind.path) {
      this.problems.push(`nav target ${target} is neither a page in the docs folder nor an http(s) link; left out`);
      return undefined;
    }
    if (/mkdocs\.ya?ml$/i.test(kind.path)) {
      this.problems.push(
        `nav target ${target} includes another MkDocs project (monorepo !include), which is not supported; left out`,
      );
      return undefined;
    }
    try {
      const pagePath = normalizeDocsPath(kind.path);
      if (!isMarkdownFile(pagePath)) {
        this.problems.push(`nav target ${target} is not a markdown page; left out`);
        return undefined;
      }
      return title === undefined
        ? { title: titleFromFileName(pagePath), path: pagePath, titleFromPage: true }
        : { title, path: pagePath };
    } catch (error) {
      if (error instanceof DocsPathError) {
        this.problems.push(`nav target ${target}: ${error.message}`);
        return undefined;
      }
      throw error;
    }
  }
}

/**
 * Reads the parts of mkdocs.yml the docs panel needs. mkdocs.yml often carries Python tags
 * (`!!python/name:…`, `!ENV`, `!relative`): they are read as plain values, never executed, and
 * nothing here throws on bad input.
 */
export function parseMkdocsConfig(text: string): MkdocsConfig {
  const problems: string[] = [];
  let config: Record<string, unknown> = {};
  try {
    const document = parseDocument(text, { logLevel: 'silent', uniqueKeys: false, prettyErrors: false });
    for (const error of document.errors) {
      problems.push(`mkdocs.yml: ${error.message}`);
    }
    const value: unknown = document.toJS({ maxAliasCount: MAX_ALIASES });
    if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
      problems.push('mkdocs.yml: expected a mapping of settings');
    } else if (value) {
      config = value as Record<string, unknown>;
    }
  } catch (error) {
    // toJS throws on alias bombs ("Excessive alias count").
    problems.push(`mkdocs.yml: ${error instanceof Error ? error.message : String(error)}`);
  }
  let nav: NavItem[] | undefined;
  if (config['nav'] !== undefined && config['nav'] !== null) {
    const parser = new NavParser();
    nav = parser.items(config['nav'], 0);
    problems.push(...parser.problems);
  }
  return {
    siteName: stringSetting(config['site_name']),
    siteDescription: stringSetting(config['site_description']),
    docsDir: stringSetting(config['docs_dir']) ?? 'docs',
    nav: nav && nav.length > 0 ? nav : undefined,
    problems,
  };
}
