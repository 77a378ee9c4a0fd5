import * as vscode from 'vscode';

const SCHEME = 'greenroom-preview';

/**
 * Read-only documents for files of a dry run: the preview shows a file without writing it and
 * without leaving an unsaved editor behind.
 */
export class PreviewDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  // Keyed by the document's URI string; a Map, so template-chosen paths are only keys.
  private readonly contents = new Map<string, string>();
  private readonly registration: vscode.Disposable;
  // Each show gets its own URI: VS Code caches a document's text by URI.
  private shown = 0;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  async show(templateTitle: string, filePath: string, content: string): Promise<void> {
    const uri = vscode.Uri.from({
      scheme: SCHEME,
      path: `/${filePath}`,
      query: `${encodeURIComponent(templateTitle)}&${++this.shown}`,
    });
    this.contents.set(uri.toString(), content);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true, preserveFocus: false });
  }

  dispose(): void {
    this.registration.dispose();
    this.contents.clear();
  }
}
