import * as vscode from 'vscode';
import type { GreenroomPlugin } from '../../plugins/pluginTypes';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import { entityRefArgument } from '../entityCommands/entityRefArgument';
import type { StarredStore } from './starredStore';
import { Commands } from '../../shared/commands';
import { warnNoSuchEntity } from '../entityCommands/noSuchEntity';

/**
 * Star and unstar from the tree's context menu, the palette and the entity page's header (an
 * entity action on the public plugin API, like any other plugin's).
 */
export function registerStarred(
  catalog: CatalogService,
  starred: StarredStore,
  refreshPages: () => void,
): { disposable: vscode.Disposable; plugin: GreenroomPlugin } {
  const store = new DisposableStore();
  const setStar = async (argument: unknown, star: boolean): Promise<void> => {
    const ref = entityRefArgument(argument);
    const record = ref ? catalog.index.get(ref) : undefined;
    if (!record) {
      warnNoSuchEntity(ref);
      return;
    }
    await starred.setStarred(record.ref, star);
    refreshPages();
    vscode.window.setStatusBarMessage(
      star ? vscode.l10n.t('Starred {0}', record.ref) : vscode.l10n.t('Unstarred {0}', record.ref),
      3000,
    );
  };
  store.add(vscode.commands.registerCommand(Commands.starEntity, (argument: unknown) => setStar(argument, true)));
  store.add(vscode.commands.registerCommand(Commands.unstarEntity, (argument: unknown) => setStar(argument, false)));
  void vscode.commands.executeCommand('setContext', 'greenroom.starredEntities', starred.refs());
  const plugin: GreenroomPlugin = {
    id: 'greenroom.starred',
    displayName: 'Starred',
    entityActions: [
      {
        id: 'star',
        title: vscode.l10n.t('☆ Star'),
        appliesTo: (entity) => !starred.has(entity.ref),
        run: (entity) => setStar(entity.ref, true),
      },
      {
        id: 'unstar',
        title: vscode.l10n.t('★ Unstar'),
        appliesTo: (entity) => starred.has(entity.ref),
        run: (entity) => setStar(entity.ref, false),
      },
    ],
  };
  return { disposable: store, plugin };
}
