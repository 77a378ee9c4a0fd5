import * as vscode from 'vscode';
import type { CatalogIndex, SourceRange } from '../../catalog';
import { catalogReferenceAt, referenceAtColumn } from '../../catalog/language';
import type { ReferencePatternSource } from './referencePatternSettings';

export interface ReferenceUnderCursor {
  readonly ref: string;
  readonly range: vscode.Range;
  /** Kinds the field may point at (for "did you mean"); empty outside catalog fields. */
  readonly targetKinds: readonly string[];
  /** True when the cursor is on an entity's own name, not on a reference to it. */
  readonly isDeclaration: boolean;
}

function toRange(range: SourceRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.column, range.end.line, range.end.column);
}

/**
 * The entity ref under the cursor: a ref-valued field or an entity's name in an indexed
 * catalog file, else a full ref or configured pattern in any text.
 */
export function referenceAtPosition(
  index: CatalogIndex,
  document: vscode.TextDocument,
  position: vscode.Position,
  patterns: ReferencePatternSource,
): ReferenceUnderCursor | undefined {
  const hit = catalogReferenceAt(index, document.uri.fsPath, { line: position.line, column: position.character });
  if (hit) {
    return { ...hit, range: toRange(hit.range) };
  }
  const line = document.lineAt(position.line).text;
  const found = referenceAtColumn(line, position.character, patterns());
  return found
    ? {
        ref: found.ref,
        range: new vscode.Range(position.line, found.startColumn, position.line, found.endColumn),
        targetKinds: [],
        isDeclaration: false,
      }
    : undefined;
}
