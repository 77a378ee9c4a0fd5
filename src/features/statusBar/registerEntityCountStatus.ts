import * as vscode from 'vscode';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import { isRegistryKey } from '../../registry/registryRecords';
import { indexingProgressText } from '../loading/indexingProgressText';

/** A status bar item with the number of entities; a click shows the Catalog view. */
export function registerEntityCountStatus(catalog: CatalogService): vscode.Disposable {
  const store = new DisposableStore();
  const item = store.add(
    vscode.window.createStatusBarItem('greenroom.entityCount', vscode.StatusBarAlignment.Left, 50),
  );
  item.name = vscode.l10n.t('Greenroom Catalog');
  item.command = 'greenroom.catalog.focus';
  let timer: NodeJS.Timeout | undefined;
  const update = (): void => {
    const count = catalog.index.size;
    const problems = catalog.index.allProblems();
    // Errors the user can fix: in workspace files, not in a registry's answers (those show on their entities).
    const errors = problems.filter((problem) => problem.severity === 'error' && !isRegistryKey(problem.file)).length;
    item.text = catalog.isIndexed
      ? `$(book) ${count === 1 ? vscode.l10n.t('1 entity') : vscode.l10n.t('{0} entities', count)}`
      : `$(sync~spin) ${indexingProgressText(catalog.indexingProgress)}`;
    item.tooltip =
      errors > 0
        ? vscode.l10n.t('Greenroom catalog: {0} entities, {1} descriptor errors', count, errors)
        : vscode.l10n.t('Greenroom catalog: {0} entities', count);
    item.backgroundColor = errors > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  const scheduleUpdate = (): void => {
    clearTimeout(timer);
    timer = setTimeout(update, 200);
  };
  store.add(catalog.onDidChange(scheduleUpdate));
  store.add(catalog.onDidFinishIndexing(update));
  // The count while loading: the service already paces these to a few per second.
  store.add(catalog.onDidProgress(update));
  store.add({ dispose: () => clearTimeout(timer) });
  update();
  return store;
}
