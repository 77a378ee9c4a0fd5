import * as path from 'node:path';
import * as vscode from 'vscode';
import { entityAnnotation, nodeCatalogFileSystem } from '../../catalog';
import { locateTechDocs, TECHDOCS_REF_ANNOTATION } from '../../docs/techdocsLocation';
import type { CatalogService } from '../../services/catalogService';
import { entityRefArgument } from '../entityCommands/entityRefArgument';
import { Commands } from '../../shared/commands';
import { escapeMessageLinks } from '../../shared/messageLinkEscape';
import { warnNoSuchEntity } from '../entityCommands/noSuchEntity';

/** "Open docs": the Docs tab of the entity page, once the entity has local TechDocs. */
export function registerOpenDocs(catalog: CatalogService, openDocsTab: (ref: string) => void): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.openDocs, async (argument: unknown) => {
    const ref = entityRefArgument(argument);
    const record = ref ? catalog.index.get(ref) : undefined;
    if (!record) {
      warnNoSuchEntity(ref);
      return;
    }
    const workspaceRoot =
      vscode.workspace.getWorkspaceFolder(vscode.Uri.file(record.file))?.uri.fsPath ?? path.dirname(record.file);
    const lookup = await locateTechDocs(
      nodeCatalogFileSystem,
      record.file,
      entityAnnotation(record.entity, TECHDOCS_REF_ANNOTATION),
      workspaceRoot,
    );
    if (!lookup.ok) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('No docs for {0}: {1}', escapeMessageLinks(record.ref), escapeMessageLinks(lookup.reason)),
      );
      return;
    }
    openDocsTab(record.ref);
  });
}
