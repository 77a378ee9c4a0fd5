import * as vscode from 'vscode';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import { Commands } from '../../shared/commands';
import { CREATE_PAGE_VIEW_TYPE, CreatePagePanel } from './createPagePanel';

/** "Greenroom: Create…": the palette command, the Catalog view's title button and a Template page's action. */
export function registerCreatePage(
  extensionUri: vscode.Uri,
  catalog: CatalogService,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  const store = new DisposableStore();
  const panel = store.add(new CreatePagePanel(extensionUri, catalog, log));
  store.add(vscode.commands.registerCommand(Commands.openCreatePage, () => panel.show()));
  store.add(
    vscode.window.registerWebviewPanelSerializer(CREATE_PAGE_VIEW_TYPE, {
      deserializeWebviewPanel: (restored) => {
        panel.attach(restored);
        return Promise.resolve();
      },
    }),
  );
  return store;
}
