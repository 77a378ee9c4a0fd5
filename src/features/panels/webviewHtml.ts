import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { escapeHtml } from '../../shared/htmlEscape';

/**
 * The shell page of a Greenroom panel: a fresh nonce per render, a CSP that allows only our
 * bundle and styles, and the initial state in an escaped data attribute (no inline script).
 */
export function panelShellHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  initialState: unknown,
  title: string,
  script = 'main.js',
): string {
  const nonce = randomBytes(16).toString('base64');
  const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', script));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css'));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} https: data:`,
    // Lit components adopt constructed stylesheets; our own CSS comes from the extension.
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<div id="app" data-state="${escapeHtml(JSON.stringify(initialState))}"><p class="loading">Loading…</p></div>
<script type="module" nonce="${nonce}" src="${scriptUri.toString()}"></script>
</body>
</html>`;
}
