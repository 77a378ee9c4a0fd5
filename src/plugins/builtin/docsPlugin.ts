import * as path from 'node:path';
import type { CatalogFileSystem } from '../../catalog/catalogFileSystem';
import { entityAnnotation } from '../../catalog/entityDisplay';
import {
  buildSearchIndex,
  loadDocsSite,
  locateTechDocs,
  renderDocsPage,
  search,
  TECHDOCS_REF_ANNOTATION,
  type NavItem,
  type TechDocsSite,
} from '../../docs';
import type { EntityView, GreenroomPlugin, TabRenderContext } from '../pluginTypes';

export interface DocsPluginOptions {
  readonly fs: CatalogFileSystem;
  /** The workspace folder holding a descriptor; docs outside it are refused. */
  workspaceRootOf(file: string): string | undefined;
}

const SEARCH_PREFIX = 'search:';

function navHtml(items: readonly NavItem[], current: string, context: TabRenderContext): string {
  const entries = items.map((item) => {
    if (item.children) {
      return `<li><div class="section">${context.escape(item.title)}</div>${navHtml(item.children, current, context)}</li>`;
    }
    if (item.path !== undefined) {
      return `<li${item.path === current ? ' class="current"' : ''}>${context.stateLink(item.path, item.title)}</li>`;
    }
    return item.url ? `<li>${context.externalLink(item.url, item.title)}</li>` : '';
  });
  return `<ul>${entries.join('')}</ul>`;
}

/** Docs links carry docs-relative paths; the panel shell understands tab states and files. */
function adaptLinks(html: string, site: TechDocsSite, context: TabRenderContext): string {
  return html
    .replace(
      /data-page="([^"]*)"(?: data-anchor="([^"]*)")?/g,
      (_match, page: string, anchor: string | undefined) =>
        `data-tab-state="${context.escape(decodeEntities(page) + (anchor ? `#${decodeEntities(anchor)}` : ''))}"`,
    )
    .replace(
      /data-asset="([^"]*)"/g,
      (_match, asset: string) => `data-file="${context.escape(path.join(site.docsDir, decodeEntities(asset)))}"`,
    );
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

async function locate(
  entity: EntityView,
  options: DocsPluginOptions,
): Promise<{ site: TechDocsSite } | { reason: string }> {
  const ref = entityAnnotation(entity.entity, TECHDOCS_REF_ANNOTATION);
  const root = entity.file ? options.workspaceRootOf(entity.file) : undefined;
  if (!entity.file || !root) {
    return { reason: 'docs are read from workspace files; this entity is not in the workspace' };
  }
  const lookup = await locateTechDocs(options.fs, entity.file, ref, root);
  return lookup.ok ? { site: lookup.site } : { reason: lookup.reason };
}

/**
 * TechDocs in the editor: mkdocs.yml navigation, rendered and sanitized markdown pages,
 * relative links and images, and search across the pages.
 */
export function createDocsPlugin(options: DocsPluginOptions): GreenroomPlugin {
  return {
    id: 'greenroom.docs',
    displayName: 'Docs',
    entityTabs: [
      {
        id: 'docs',
        title: 'Docs',
        order: 10,
        appliesTo: (entity) => {
          const ref = entityAnnotation(entity.entity, TECHDOCS_REF_ANNOTATION);
          return typeof ref === 'string' && ref.length > 0;
        },
        render: async (entity, context) => {
          const located = await locate(entity, options);
          if ('reason' in located) {
            // Docs kept elsewhere (`url:https://…`) cannot be read here, but can be opened there.
            const remote = /^url:(https?:\/\/.+)$/i.exec(
              entityAnnotation(entity.entity, TECHDOCS_REF_ANNOTATION) ?? '',
            )?.[1];
            const link = remote ? `<p>${context.externalLink(remote, `Open the docs at ${remote}`)}</p>` : '';
            return `<p class="notice">${context.escape(`No docs to show: ${located.reason}.`)}</p>${link}`;
          }
          const site = located.site;
          const content = await loadDocsSite(options.fs, site);
          const state = context.state ?? '';
          const searchBox = `<vscode-textfield class="search-box" data-tab-search placeholder="Search ${context.escape(content.siteName)}" value="${context.escape(state.startsWith(SEARCH_PREFIX) ? state.slice(SEARCH_PREFIX.length) : '')}"></vscode-textfield>`;
          let article: string;
          let current = '';
          if (state.startsWith(SEARCH_PREFIX)) {
            const query = state.slice(SEARCH_PREFIX.length).trim();
            const hits = query ? search(await buildSearchIndex(options.fs, site), query) : [];
            const items = hits
              .map((hit) => `<li>${context.stateLink(hit.path, hit.title)}<div>${hit.snippet}</div></li>`)
              .join('');
            article = `<h1>Search: ${context.escape(query)}</h1>${items ? `<ul class="search-results">${items}</ul>` : '<p class="notice">No page matches.</p>'}`;
          } else {
            const [pagePath] = state.split('#');
            const first = content.pages.includes('index.md') ? 'index.md' : content.pages[0];
            const page = await renderDocsPage(options.fs, site, pagePath || first || 'index.md', {
              assetUri: (absolutePath) => context.resourceUri(absolutePath) ?? '',
            });
            current = page.path;
            const problems =
              page.problems.length > 0
                ? `<p class="notice">${page.problems.map((problem) => context.escape(problem)).join('<br>')}</p>`
                : '';
            article = `${adaptLinks(page.html, site, context)}${problems}`;
          }
          const siteProblems =
            content.problems.length > 0
              ? `<p class="notice">${content.problems.map((problem) => context.escape(problem)).join('<br>')}</p>`
              : '';
          return `<div class="docs"><nav><div class="site-name"><strong>${context.escape(content.siteName)}</strong></div>${navHtml(content.nav, current, context)}</nav><article>${searchBox}${article}${siteProblems}</article></div>`;
        },
      },
    ],
  };
}
