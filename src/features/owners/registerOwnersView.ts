import * as vscode from 'vscode';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import { OwnersTreeProvider } from './ownersTreeProvider';

export function registerOwnersView(catalog: CatalogService): vscode.Disposable {
  const store = new DisposableStore();
  const provider = store.add(new OwnersTreeProvider(catalog));
  store.add(vscode.window.createTreeView('greenroom.owners', { treeDataProvider: provider, showCollapseAll: true }));
  return store;
}
