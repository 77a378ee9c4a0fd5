import * as vscode from 'vscode';
import { rangeContains, referenceFieldsOf, type CatalogIndex } from '../../catalog';
import { referenceAtColumn, type ReferencePattern } from '../../catalog/language';

export interface ReferenceUnderCursor {
  readonly ref: string;
  readonly range: vscode.Range;
  /** Kinds the field may point at (for "did you mean"); empty outside catalog fields. */
  readonly targetKinds: readonly string[];
  /** True when the cursor is on an entity's own name, not on a reference to it. */
  readonly isDeclaration: boolean;
}

export function referencePatterns(): ReferencePattern[] {
  const configured = vscode.workspace.getConfiguration('greenroom').get<unknown>('referencePatterns');
  return Array.isArray(configured)
    ? configured.filter((entry): entry is ReferencePattern => !!entry && typeof entry === 'object' && typeof (entry as { pattern?: unknown }).pattern === 'string')
    : [];
}

/**
 * The entity ref under the cursor: a ref-valued field or an entity's name in an indexed
 * catalog file, else a full ref or configured pattern in any text.
 */
export function referenceAtPosition(index: CatalogIndex, document: vscode.TextDocument, position: vscode.Position): ReferenceUnderCursor | undefined {
  const point = { line: position.line, column: position.character };
  for (const record of index.byFile(document.uri.fsPath)) {
    if (!rangeContains(record.range, point)) {
      continue;
    }
    for (const site of record.references) {
      if (rangeContains(site.range, point)) {
        const fieldName = site.field.replace(/^spec\./, '').replace(/\[\d+\]$/, '');
        const field = referenceFieldsOf(record.entity.kind).find((candidate) => candidate.field === fieldName);
        return {
          ref: site.targetRef,
          range: new vscode.Range(site.range.start.line, site.range.start.column, site.range.end.line, site.range.end.column),
          targetKinds: field?.targetKinds ?? [],
          isDeclaration: false,
        };
      }
    }
    const name = record.fields.get(['metadata', 'name'])?.valueRange;
    if (name && rangeContains(name, point)) {
      return { ref: record.ref, range: new vscode.Range(name.start.line, name.start.column, name.end.line, name.end.column), targetKinds: [], isDeclaration: true };
    }
  }
  const line = document.lineAt(position.line).text;
  const found = referenceAtColumn(line, position.character, referencePatterns());
  return found
    ? { ref: found.ref, range: new vscode.Range(position.line, found.startColumn, position.line, found.endColumn), targetKinds: [], isDeclaration: false }
    : undefined;
}
