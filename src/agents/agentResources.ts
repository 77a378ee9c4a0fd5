import { stringify } from 'yaml';
import { type CatalogEntityRecord } from '../catalog';
import { listDocsPages } from '../docs/docsFolder';
import { DocsPathError, findDocsPage } from '../docs/docsPaths';
import { DEFAULT_MAX_PAGE_BYTES } from '../docs/readDocsPage';
import type { AgentContext } from './agentContext';
import { docsPageUri } from './tools/searchDocs';

/** A resource as MCP lists it. */
export interface AgentResource {
  readonly uri: string;
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly mimeType: string;
}

export interface ResourceText {
  readonly uri: string;
  readonly mimeType: string;
  readonly text: string;
}

const MAX_LISTED_DOCS_SITES = 200;

export function entityUri(ref: string): string {
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/', colon);
  return `greenroom://entity/${encodeURIComponent(ref.slice(0, colon))}/${encodeURIComponent(ref.slice(colon + 1, slash))}/${encodeURIComponent(ref.slice(slash + 1))}`;
}

export function entityResources(context: AgentContext): AgentResource[] {
  return context.derived.sorted.map((record) => {
    const title = typeof record.entity.metadata.title === 'string' ? record.entity.metadata.title : undefined;
    const description =
      typeof record.entity.metadata.description === 'string'
        ? record.entity.metadata.description.slice(0, 200)
        : undefined;
    return {
      uri: entityUri(record.ref),
      name: record.ref,
      ...(title ? { title } : {}),
      ...(description ? { description } : {}),
      mimeType: 'application/yaml',
    };
  });
}

/** The descriptor as written (comments included) for workspace entities; YAML of the entity otherwise. */
export async function readEntityDescriptor(context: AgentContext, ref: string): Promise<ResourceText | undefined> {
  const record = context.index.get(ref);
  if (!record) {
    return undefined;
  }
  return { uri: entityUri(record.ref), mimeType: 'application/yaml', text: await descriptorText(context, record) };
}

async function descriptorText(context: AgentContext, record: CatalogEntityRecord): Promise<string> {
  if (record.origin.type === 'workspace' && context.rootOf(record.file)) {
    try {
      const lines = new TextDecoder().decode(await context.fs.readFile(record.file)).split('\n');
      const { start, end } = record.range;
      const last = end.column === 0 ? end.line - 1 : end.line;
      const text = lines
        .slice(start.line, last + 1)
        .join('\n')
        .trim();
      if (text) {
        return `# ${context.displayPath(record.file)}:${start.line + 1}\n${text}\n`;
      }
    } catch {
      // Deleted since it was indexed: fall back to what the index holds.
    }
  }
  return stringify(record.entity);
}

/** Pages of the workspace's TechDocs sites, one resource each. */
export async function docsResources(context: AgentContext): Promise<AgentResource[]> {
  const resources: AgentResource[] = [];
  const seen = new Set<string>();
  for (const record of context.derived.sorted) {
    if (seen.size >= MAX_LISTED_DOCS_SITES || record.origin.type !== 'workspace') {
      continue;
    }
    const annotations = record.entity.metadata.annotations;
    if (!annotations || !Object.hasOwn(annotations, 'backstage.io/techdocs-ref')) {
      continue;
    }
    const { site } = await context.techDocsSite(record);
    if (!site || seen.has(site.docsDir)) {
      continue;
    }
    seen.add(site.docsDir);
    const { pages } = await listDocsPages(context.fs, site.docsDir);
    for (const page of pages) {
      resources.push({
        uri: docsPageUri(record.ref, page),
        name: `${record.ref} docs: ${page}`,
        title: `${site.siteName ?? record.entity.metadata.name}: ${page}`,
        mimeType: 'text/markdown',
      });
    }
  }
  return resources;
}

/** A TechDocs page's markdown; undefined when the entity, its docs or the page are not there. */
export async function readDocsResource(
  context: AgentContext,
  ref: string,
  page: string,
): Promise<ResourceText | undefined> {
  const record = context.index.get(ref);
  const site = record ? (await context.techDocsSite(record)).site : undefined;
  if (!record || !site) {
    return undefined;
  }
  try {
    const file = await findDocsPage(context.fs, site.docsDir, page);
    if (!file || file.size > DEFAULT_MAX_PAGE_BYTES) {
      return undefined;
    }
    return {
      uri: docsPageUri(record.ref, file.path),
      mimeType: 'text/markdown',
      text: new TextDecoder().decode(await context.fs.readFile(file.absolutePath)),
    };
  } catch (error) {
    if (error instanceof DocsPathError) {
      return undefined;
    }
    throw error;
  }
}
