import * as vscode from 'vscode';
import type { CatalogIndex } from '../../catalog';

/** Accepts a ref string (from tree items and links) or a tree node carrying one. */
function refOf(argument: unknown): string | undefined {
  if (typeof argument === 'string') {
    return argument;
  }
  if (argument && typeof argument === 'object' && typeof (argument as { ref?: unknown }).ref === 'string') {
    return (argument as { ref: string }).ref;
  }
  return undefined;
}

/** Opens the descriptor of an entity with its name selected. */
export async function openDescriptor(index: CatalogIndex, argument: unknown): Promise<void> {
  const ref = refOf(argument);
  const record = ref ? index.get(ref) : undefined;
  if (!record) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Greenroom: no entity {0} in the catalog.', ref ?? ''));
    return;
  }
  const target = record.fields.get(['metadata', 'name'])?.valueRange ?? record.range;
  const selection = new vscode.Range(target.start.line, target.start.column, target.end.line, target.end.column);
  await vscode.window.showTextDocument(vscode.Uri.file(record.file), { selection, preview: true });
}
