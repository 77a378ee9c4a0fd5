import * as vscode from 'vscode';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../services/disposableStore';
import { CatalogTreeProvider } from './catalogTreeProvider';

/** The Catalog view and the context keys its welcome content depends on. */
export function registerCatalogTree(catalog: CatalogService): vscode.Disposable {
  const store = new DisposableStore();
  const provider = store.add(new CatalogTreeProvider(catalog));
  store.add(vscode.window.createTreeView('greenroom.catalog', { treeDataProvider: provider, showCollapseAll: true }));
  const updateContext = (): void => {
    void vscode.commands.executeCommand('setContext', 'greenroom.indexed', catalog.isIndexed);
    void vscode.commands.executeCommand('setContext', 'greenroom.entityCount', catalog.index.size);
  };
  store.add(catalog.onDidFinishIndexing(() => {
    updateContext();
    provider.refresh();
  }));
  store.add(catalog.onDidChange(() => {
    if (catalog.isIndexed) {
      updateContext();
    }
  }));
  updateContext();
  return store;
}
