import * as vscode from 'vscode';
import type { IndexingProgress } from '../../services/catalogService';

/**
 * "Indexing… 4,210 of 10,001 files", numbers grouped the way the editor's language groups them;
 * "Indexing… 672 files so far" while the folder is still being listed (no total is known yet).
 */
export function indexingProgressText(progress: IndexingProgress | undefined): string {
  if (!progress || progress.total === 0 || (progress.total === undefined && progress.done === 0)) {
    return vscode.l10n.t('Indexing catalog…');
  }
  const format = new Intl.NumberFormat(vscode.env.language);
  if (progress.total === undefined) {
    return vscode.l10n.t('Indexing… {0} files so far', format.format(progress.done));
  }
  return vscode.l10n.t('Indexing… {0} of {1} files', format.format(progress.done), format.format(progress.total));
}
