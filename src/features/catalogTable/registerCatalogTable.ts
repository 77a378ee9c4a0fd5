import * as vscode from 'vscode';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import type { IdentityService } from '../identity/identityService';
import type { StarredStore } from '../starred/starredStore';
import { CATALOG_TABLE_VIEW_TYPE, CatalogTablePanel } from './catalogTablePanel';
import { Commands } from '../../shared/commands';

/** "Greenroom: Open Catalog Table": the palette command and the Catalog view's title button. */
export function registerCatalogTable(
  extensionUri: vscode.Uri,
  catalog: CatalogService,
  starred: StarredStore,
  identity: IdentityService,
  openEntity: (ref: string) => void,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  const store = new DisposableStore();
  const panel = store.add(new CatalogTablePanel(extensionUri, catalog, starred, identity, openEntity, log));
  store.add(vscode.commands.registerCommand(Commands.openCatalogTable, () => panel.show()));
  // After a window reload the table comes back with its filters, sort, page and scroll position.
  store.add(
    vscode.window.registerWebviewPanelSerializer(CATALOG_TABLE_VIEW_TYPE, {
      deserializeWebviewPanel: (restored, state: unknown) => {
        panel.attach(restored, state);
        return Promise.resolve();
      },
    }),
  );
  return store;
}
