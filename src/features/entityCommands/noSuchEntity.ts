import * as vscode from 'vscode';
import { escapeMessageLinks } from '../../shared/messageLinkEscape';

/**
 * The one warning for a ref the catalog does not hold (a stale link, a renamed entity, an old
 * panel). The ref came from a webview, a link or a file: it is shown as text, never as a link.
 */
export function warnNoSuchEntity(ref: string | undefined): void {
  void vscode.window.showWarningMessage(
    vscode.l10n.t('Greenroom: no entity {0} in the catalog.', escapeMessageLinks(ref ?? '')),
  );
}
