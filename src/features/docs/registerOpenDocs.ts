import * as path from 'node:path';
import * as vscode from 'vscode';
import { nodeCatalogFileSystem } from '../../catalog';
import { locateTechDocs, TECHDOCS_REF_ANNOTATION } from '../../docs/techdocsLocation';
import type { CatalogService } from '../../services/catalogService';
import { entityRefArgument } from '../entityCommands/entityRefArgument';

/** "Open docs": shows an entity's TechDocs home page in VS Code's Markdown preview. */
export function registerOpenDocs(catalog: CatalogService): vscode.Disposable {
  return vscode.commands.registerCommand('greenroom.openDocs', async (argument: unknown) => {
    const ref = entityRefArgument(argument);
    const record = ref ? catalog.index.get(ref) : undefined;
    if (!record) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Greenroom: no entity {0} in the catalog.', ref ?? ''));
      return;
    }
    const workspaceRoot = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(record.file))?.uri.fsPath ?? path.dirname(record.file);
    const lookup = await locateTechDocs(nodeCatalogFileSystem, record.file, record.entity.metadata.annotations?.[TECHDOCS_REF_ANNOTATION], workspaceRoot);
    if (!lookup.ok) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No docs for {0}: {1}', record.ref, lookup.reason));
      return;
    }
    const home = ['index.md', 'README.md'].map((name) => path.join(lookup.site.docsDir, name));
    for (const candidate of home) {
      if ((await nodeCatalogFileSystem.stat(candidate))?.isFile) {
        await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(candidate));
        return;
      }
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('No docs for {0}: {1} has no index.md', record.ref, lookup.site.docsDir));
  });
}
