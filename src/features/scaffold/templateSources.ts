import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse as parseYaml } from 'yaml';
import { entityDescription, entityLabel, entityTags, entityType } from '../../catalog';
import type { CatalogService } from '../../services/catalogService';

export interface TemplateChoice {
  readonly title: string;
  readonly description: string | undefined;
  /** Where it comes from, shown beside it. */
  readonly source: 'built-in' | 'workspace' | 'registry';
  /** The template.yaml; undefined for registry templates (their skeletons live on the server). */
  readonly file: string | undefined;
  readonly ref: string | undefined;
  readonly registry?: string;
  /** `spec.type`, which Backstage's Create page uses as the category (service, website, …). */
  readonly type: string | undefined;
  readonly tags: readonly string[];
  /** `spec.owner` as written. */
  readonly owner: string | undefined;
}

/** The card fields of a built-in template.yaml; a file that does not parse gives none. */
function builtInFields(text: string): {
  title: string | undefined;
  description: string | undefined;
  type: string | undefined;
  tags: string[];
  owner: string | undefined;
} {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch {
    return { title: undefined, description: undefined, type: undefined, tags: [], owner: undefined };
  }
  const record = (value: unknown): Record<string, unknown> =>
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const nonEmpty = (value: unknown): string | undefined =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  const metadata = record(record(document)['metadata']);
  const spec = record(record(document)['spec']);
  const tags = Array.isArray(metadata['tags'])
    ? metadata['tags'].filter((tag): tag is string => typeof tag === 'string')
    : [];
  return {
    title: nonEmpty(metadata['title']),
    description: nonEmpty(metadata['description']),
    type: nonEmpty(spec['type']),
    tags,
    owner: nonEmpty(spec['owner']),
  };
}

/** Built-in templates shipped under templates/, then Template entities of the catalog. */
export function listTemplates(extensionUri: vscode.Uri, catalog: CatalogService): TemplateChoice[] {
  const builtInRoot = path.join(extensionUri.fsPath, 'templates');
  const builtIn: TemplateChoice[] = [];
  for (const entry of safeReaddir(builtInRoot)) {
    const file = path.join(builtInRoot, entry, 'template.yaml');
    if (fs.existsSync(file)) {
      const fields = builtInFields(fs.readFileSync(file, 'utf8'));
      builtIn.push({
        title: fields.title ?? entry,
        description: fields.description,
        source: 'built-in',
        file,
        ref: undefined,
        type: fields.type,
        tags: fields.tags,
        owner: fields.owner,
      });
    }
  }
  const fromCatalog = catalog.index.byKind('template').map((record): TemplateChoice => ({
    title: entityLabel(record),
    description: entityDescription(record.entity),
    source: record.origin.type === 'workspace' ? 'workspace' : 'registry',
    file: record.origin.type === 'workspace' ? record.file : undefined,
    ref: record.ref,
    type: entityType(record),
    tags: entityTags(record.entity),
    owner: typeof record.entity.spec?.['owner'] === 'string' ? record.entity.spec['owner'] : undefined,
    ...(record.origin.type === 'registry' ? { registry: record.origin.registry } : {}),
  }));
  return [...builtIn, ...fromCatalog];
}

function safeReaddir(folder: string): string[] {
  try {
    return fs.readdirSync(folder).sort();
  } catch {
    return [];
  }
}
