import * as path from 'node:path';
import { isInsideFolder, type CatalogFileSystem } from '../catalog/catalogFileSystem';
import { isMarkdownFile } from './docsPaths';
import { titleFromFileName, type NavItem } from './mkdocsConfig';

const MAX_PAGES = 5000;
const MAX_DEPTH = 20;

export interface DocsFolderListing {
  /** Docs-relative POSIX paths of the markdown pages, in navigation order. */
  readonly pages: readonly string[];
  readonly problems: readonly string[];
}

/** Index pages first, then names alphabetically (case-insensitive), as the folder-built nav shows them. */
function navOrder(a: string, b: string): number {
  const isIndex = (name: string): number => (/^(index|readme)\.(md|markdown)$/i.test(name) ? 0 : 1);
  return isIndex(a) - isIndex(b) || a.localeCompare(b, undefined, { sensitivity: 'base' }) || a.localeCompare(b);
}

/**
 * Every markdown page under the docs folder. Hidden entries are skipped; symbolic links are
 * followed only while they stay inside the docs folder, and each real folder is read once.
 */
export async function listDocsPages(fs: CatalogFileSystem, docsDir: string): Promise<DocsFolderListing> {
  const realDocsDir = (await fs.realPath(docsDir)) ?? docsDir;
  const pages: string[] = [];
  const problems: string[] = [];
  const seenFolders = new Set<string>();

  async function walk(folder: string, relative: string, depth: number): Promise<void> {
    const realFolder = (await fs.realPath(folder)) ?? folder;
    if (seenFolders.has(realFolder) || depth > MAX_DEPTH) {
      return;
    }
    seenFolders.add(realFolder);
    let entries;
    try {
      entries = await fs.readDirectory(folder);
    } catch {
      problems.push(`cannot read docs folder ${relative || '.'}`);
      return;
    }
    for (const entry of [...entries].sort((a, b) => navOrder(a.name, b.name))) {
      if (entry.name.startsWith('.') || pages.length >= MAX_PAGES) {
        continue;
      }
      const absolute = path.join(folder, entry.name);
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      let isFile = entry.isFile;
      let isDirectory = entry.isDirectory;
      if (entry.isSymbolicLink) {
        const real = await fs.realPath(absolute);
        if (real === undefined || !isInsideFolder(realDocsDir, real)) {
          problems.push(`${child} links outside the docs folder; skipped`);
          continue;
        }
        const stat = await fs.stat(absolute);
        isFile = stat?.isFile ?? false;
        isDirectory = stat?.isDirectory ?? false;
      }
      if (isDirectory) {
        await walk(absolute, child, depth + 1);
      } else if (isFile && isMarkdownFile(entry.name)) {
        pages.push(child);
      }
    }
  }

  await walk(docsDir, '', 0);
  if (pages.length >= MAX_PAGES) {
    problems.push(`the docs folder has more than ${MAX_PAGES} pages; the rest are left out`);
  }
  return { pages, problems };
}

/**
 * The nav MkDocs builds when mkdocs.yml has none: one entry per page, folders as sections,
 * in the order `listDocsPages` returns (index first, then alphabetical).
 */
export function navFromPages(pages: readonly string[]): NavItem[] {
  interface Section {
    readonly title: string;
    readonly items: (NavItem | Section)[];
    readonly folders: Map<string, Section>;
  }
  const root: Section = { title: '', items: [], folders: new Map() };
  for (const page of pages) {
    const folders = page.split('/').slice(0, -1);
    let section = root;
    for (const folder of folders) {
      let next = section.folders.get(folder);
      if (!next) {
        next = { title: titleFromFileName(folder), items: [], folders: new Map() };
        section.folders.set(folder, next);
        section.items.push(next);
      }
      section = next;
    }
    section.items.push({ title: titleFromFileName(page), path: page, titleFromPage: true });
  }
  const toNav = (items: readonly (NavItem | Section)[]): NavItem[] =>
    items.map((item) => ('items' in item ? { title: item.title, children: toNav(item.items) } : item));
  return toNav(root.items);
}
