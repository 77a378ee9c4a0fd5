import * as vscode from 'vscode';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import type { ScoreSource } from '../scorecards/scoreSource';
import { OwnersTreeProvider } from './ownersTreeProvider';

export function registerOwnersView(catalog: CatalogService, scores?: ScoreSource): vscode.Disposable {
  const store = new DisposableStore();
  const provider = store.add(new OwnersTreeProvider(catalog, scores));
  store.add(vscode.window.createTreeView('greenroom.owners', { treeDataProvider: provider, showCollapseAll: true }));
  return store;
}
