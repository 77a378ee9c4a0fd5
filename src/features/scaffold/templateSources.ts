import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { entityDescription, entityLabel } from '../../catalog';
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
}

/** Built-in templates shipped under templates/, then Template entities of the catalog. */
export function listTemplates(extensionUri: vscode.Uri, catalog: CatalogService): TemplateChoice[] {
  const builtInRoot = path.join(extensionUri.fsPath, 'templates');
  const builtIn: TemplateChoice[] = [];
  for (const entry of safeReaddir(builtInRoot)) {
    const file = path.join(builtInRoot, entry, 'template.yaml');
    if (fs.existsSync(file)) {
      const text = fs.readFileSync(file, 'utf8');
      builtIn.push({
        title: /^\s+title:\s*(.+)$/m.exec(text)?.[1]?.trim().replace(/^['"]|['"]$/g, '') ?? entry,
        description: /^\s+description:\s*(.+)$/m.exec(text)?.[1]?.trim().replace(/^['"]|['"]$/g, ''),
        source: 'built-in',
        file,
        ref: undefined,
      });
    }
  }
  const fromCatalog = catalog.index.byKind('template').map((record): TemplateChoice => ({
    title: entityLabel(record),
    description: entityDescription(record.entity),
    source: record.origin.type === 'workspace' ? 'workspace' : 'registry',
    file: record.origin.type === 'workspace' ? record.file : undefined,
    ref: record.ref,
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
