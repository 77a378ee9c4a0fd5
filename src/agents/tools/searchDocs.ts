import { TECHDOCS_REF_ANNOTATION, type TechDocsSite } from '../../docs/techdocsLocation';
import type { CatalogEntityRecord } from '../../catalog';
import { docsSearchModule } from '../docsModules';
import { canonicalEntityRefOrError } from '../refInput';
import { argumentsObject, INPUT_LIMITS, optionalInteger, optionalString, requiredString } from '../toolInput';
import { READ_ONLY, ToolInputError, type AgentTool } from '../toolTypes';

const MAX_SITES = 200;
const HTML_ENTITIES = new Map([
  ['&amp;', '&'],
  ['&lt;', '<'],
  ['&gt;', '>'],
  ['&quot;', '"'],
  ['&#39;', "'"],
]);

/** The search snippet is HTML for the docs panel; a model reads plain text with hits in **bold**. */
function plainSnippet(html: string): string {
  return html
    .replace(/<\/?mark>/g, '**')
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => HTML_ENTITIES.get(entity) ?? entity);
}

function hasTechDocs(record: CatalogEntityRecord): boolean {
  const annotations = record.entity.metadata.annotations;
  return record.origin.type === 'workspace' && !!annotations && Object.hasOwn(annotations, TECHDOCS_REF_ANNOTATION);
}

/** Docs page resource URI, the same the MCP server lists. */
export function docsPageUri(ref: string, page: string): string {
  return `greenroom://docs/${ref.replace(':', '/')}/${encodeURIComponent(page)}`;
}

export const searchDocsTool: AgentTool = {
  name: 'search-docs',
  title: 'Search TechDocs',
  description:
    "Full-text search over the TechDocs of the workspace's entities (mkdocs sites next to their catalog-info.yaml), or of one entity with ref. " +
    'Every query word must occur (prefix match). Returns page title, path, the owning entity and a snippet with hits in **bold**.',
  inputSchema: {
    type: 'object',
    properties: {
      query: { type: 'string', description: 'Words to look for.', maxLength: INPUT_LIMITS.query },
      ref: {
        type: 'string',
        description: "Only this entity's docs, e.g. component:default/payments-service.",
        maxLength: 512,
      },
      limit: { type: 'integer', minimum: 1, maximum: 50, description: 'Default 10.' },
    },
    required: ['query'],
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: {
      hits: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            ref: { type: 'string' },
            site: { type: 'string' },
            page: { type: 'string' },
            title: { type: 'string' },
            file: { type: 'string' },
            snippet: { type: 'string' },
            uri: { type: 'string' },
          },
          required: ['ref', 'page', 'title', 'snippet', 'uri'],
        },
      },
      sitesSearched: { type: 'integer' },
    },
    required: ['hits', 'sitesSearched'],
  },
  annotations: { title: 'Search TechDocs', ...READ_ONLY },
  async run(input, context) {
    const args = argumentsObject(input);
    const query = requiredString(args, 'query', INPUT_LIMITS.query);
    const refText = optionalString(args, 'ref', 512);
    const limit = optionalInteger(args, 'limit', 1, 50) ?? 10;
    let records: CatalogEntityRecord[];
    if (refText) {
      const record = context.index.get(canonicalEntityRefOrError(refText, 'component'));
      if (!record) {
        throw new ToolInputError(`${refText} is not in the catalog`);
      }
      records = [record];
    } else {
      records = context.derived.sorted.filter(hasTechDocs);
    }
    const sites = new Map<string, { record: CatalogEntityRecord; site: TechDocsSite }>();
    for (const record of records) {
      if (sites.size >= MAX_SITES) {
        break;
      }
      const located = await context.techDocsSite(record);
      if (located.site && !sites.has(located.site.docsDir)) {
        sites.set(located.site.docsDir, { record, site: located.site });
      } else if (refText && !located.site) {
        throw new ToolInputError(
          `${record.ref} has no TechDocs in the workspace: ${located.reason ?? 'unknown reason'}`,
        );
      }
    }
    const hits: {
      ref: string;
      site: string;
      page: string;
      title: string;
      file: string;
      snippet: string;
      uri: string;
      score: number;
    }[] = [];
    for (const { record, site } of sites.values()) {
      const index = await context.docsSearchIndex(site);
      for (const hit of docsSearchModule().search(index, query, limit)) {
        hits.push({
          ref: record.ref,
          site: site.siteName ?? record.entity.metadata.name,
          page: hit.path,
          title: hit.title,
          file: context.displayPath(`${site.docsDir}/${hit.path}`),
          snippet: plainSnippet(hit.snippet),
          uri: docsPageUri(record.ref, hit.path),
          score: hit.score,
        });
      }
    }
    hits.sort((a, b) => b.score - a.score || a.uri.localeCompare(b.uri));
    return { hits: hits.slice(0, limit).map(({ score: _score, ...hit }) => hit), sitesSearched: sites.size };
  },
};
