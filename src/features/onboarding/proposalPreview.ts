import * as vscode from 'vscode';

const SCHEME = 'greenroom-onboarding';

/**
 * Read-only documents for the diff of a proposal: the left side is the file as it is (nothing),
 * the right side the proposal. Nothing is written until the user confirms.
 */
export class ProposalPreview implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, this);
  private shown = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Opens "nothing ↔ proposal" for the descriptor at `filePath`. */
  async showDiff(filePath: string, text: string): Promise<void> {
    const id = ++this.shown;
    const before = vscode.Uri.from({ scheme: SCHEME, path: filePath, query: `before&${id}` });
    const after = vscode.Uri.from({ scheme: SCHEME, path: filePath, query: `proposal&${id}` });
    this.contents.set(before.toString(), '');
    this.contents.set(after.toString(), text);
    const name = filePath.split(/[\\/]/).slice(-2).join('/');
    await vscode.commands.executeCommand(
      'vscode.diff',
      before,
      after,
      vscode.l10n.t('{0} (proposed, not written yet)', name),
      { preview: true },
    );
  }

  /** Closes the diff tabs this preview opened. */
  async close(): Promise<void> {
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === SCHEME);
    if (tabs.length > 0) {
      await vscode.window.tabGroups.close(tabs);
    }
  }

  dispose(): void {
    this.registration.dispose();
    this.contents.clear();
  }
}
