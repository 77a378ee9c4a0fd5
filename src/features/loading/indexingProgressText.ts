import * as vscode from 'vscode';
import type { IndexingProgress } from '../../services/catalogService';

/** "Indexing… 4,210 of 10,001 files", numbers grouped the way the editor's language groups them. */
export function indexingProgressText(progress: IndexingProgress | undefined): string {
  if (!progress || progress.total === 0) {
    return vscode.l10n.t('Indexing catalog…');
  }
  const format = new Intl.NumberFormat(vscode.env.language);
  return vscode.l10n.t('Indexing… {0} of {1} files', format.format(progress.done), format.format(progress.total));
}
