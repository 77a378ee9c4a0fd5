import * as vscode from 'vscode';
import type { CatalogIndex } from '../../catalog';
import { entityRefArgument } from './entityRefArgument';

/** Opens the descriptor of an entity with its name selected. */
export async function openDescriptor(index: CatalogIndex, argument: unknown): Promise<void> {
  const ref = entityRefArgument(argument);
  const record = ref ? index.get(ref) : undefined;
  if (!record) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Greenroom: no entity {0} in the catalog.', ref ?? ''));
    return;
  }
  const target = record.fields.get(['metadata', 'name'])?.valueRange ?? record.range;
  const selection = new vscode.Range(target.start.line, target.start.column, target.end.line, target.end.column);
  await vscode.window.showTextDocument(vscode.Uri.file(record.file), { selection, preview: true });
}
