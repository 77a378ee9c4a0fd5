import * as vscode from 'vscode';
import { entityLinks } from '../../catalog';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import { entityRefArgument } from './entityRefArgument';
import { openDescriptor } from './openDescriptor';
import { Commands } from '../../shared/commands';
import { escapeCodicons } from '../../shared/codiconEscape';
import { escapeMessageLinks } from '../../shared/messageLinkEscape';
import { warnNoSuchEntity } from './noSuchEntity';

const SAFE_LINK = /^(https?:|mailto:)/i;

/** Commands on one entity: from tree context menus, hovers and the palette. */
export function registerEntityCommands(
  catalog: CatalogService,
  log: vscode.LogOutputChannel,
  openEntityPage: (ref: string) => void,
): vscode.Disposable {
  const store = new DisposableStore();
  const recordOf = (argument: unknown) => {
    const ref = entityRefArgument(argument);
    const record = ref ? catalog.index.get(ref) : undefined;
    if (!record) {
      warnNoSuchEntity(ref);
    }
    return record;
  };
  store.add(vscode.commands.registerCommand(Commands.refresh, () => catalog.reload()));
  store.add(vscode.commands.registerCommand(Commands.showLog, () => log.show()));
  store.add(
    vscode.commands.registerCommand(Commands.openDescriptor, (argument: unknown) =>
      openDescriptor(catalog.index, argument),
    ),
  );
  store.add(
    vscode.commands.registerCommand(Commands.openEntity, (argument: unknown) => {
      const record = recordOf(argument);
      if (record) {
        openEntityPage(record.ref);
      }
    }),
  );
  store.add(
    vscode.commands.registerCommand(Commands.copyEntityRef, async (argument: unknown) => {
      const record = recordOf(argument);
      if (record) {
        await vscode.env.clipboard.writeText(record.ref);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', record.ref), 3000);
      }
    }),
  );
  store.add(
    vscode.commands.registerCommand(Commands.revealInExplorer, async (argument: unknown) => {
      const record = recordOf(argument);
      if (record) {
        await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(record.file));
      }
    }),
  );
  store.add(
    vscode.commands.registerCommand(Commands.openEntityLink, async (argument: unknown) => {
      const record = recordOf(argument);
      if (!record) {
        return;
      }
      const links = entityLinks(record.entity).filter((link) => SAFE_LINK.test(link.url));
      if (links.length === 0) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('{0} has no http(s) or mailto links in metadata.links.', escapeMessageLinks(record.ref)),
        );
        return;
      }
      const picked =
        links.length === 1
          ? links[0]
          : await vscode.window
              .showQuickPick(
                // Link titles and URLs are the catalog's: shown as text.
                links.map((link) => ({
                  label: escapeCodicons(link.title ?? link.url),
                  detail: escapeCodicons(link.url),
                  link,
                })),
                { title: vscode.l10n.t('Open a link of {0}', record.ref), matchOnDetail: true },
              )
              .then((item) => item?.link);
      if (picked) {
        await vscode.env.openExternal(vscode.Uri.parse(picked.url));
      }
    }),
  );
  return store;
}
