import * as vscode from 'vscode';
import { DisposableStore } from '../../shared/disposableStore';

/** Where Greenroom's panels load their scripts and styles from. */
export function panelResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export interface PanelConnection<M> {
  readonly extensionUri: vscode.Uri;
  /** The panel's name in the log. */
  readonly name: string;
  readonly log: vscode.LogOutputChannel;
  /** Checks a message from the webview; undefined for anything malformed. */
  readonly parse: (raw: unknown) => M | undefined;
  readonly handle: (message: M) => Promise<void>;
  /** Called once the panel is closed, after its subscriptions are gone. */
  readonly onDidDispose: () => void;
}

/**
 * Sets a panel up as Greenroom's (options, icon), whether just created or restored after a
 * reload: the webview's messages reach `handle` only once checked (a malformed one is logged and
 * dropped), and the subscriptions end with the panel.
 */
export function connectPanel<M>(panel: vscode.WebviewPanel, connection: PanelConnection<M>): vscode.Disposable {
  panel.webview.options = { enableScripts: true, localResourceRoots: panelResourceRoots(connection.extensionUri) };
  panel.iconPath = vscode.Uri.joinPath(connection.extensionUri, 'media', 'greenroom.svg');
  const store = new DisposableStore();
  store.add(
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = connection.parse(raw);
      if (!message) {
        connection.log.warn(`${connection.name}: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 200)}`);
        return;
      }
      void connection.handle(message);
    }),
  );
  store.add(
    panel.onDidDispose(() => {
      store.dispose();
      connection.onDidDispose();
    }),
  );
  return store;
}
