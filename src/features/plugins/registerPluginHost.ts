import * as vscode from 'vscode';
import { toEntityView } from '../../plugins/entityView';
import type { PluginRegistry } from '../../plugins/pluginRegistry';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import { entityRefArgument } from '../entityCommands/entityRefArgument';
import { Commands } from '../../shared/commands';
import { escapeCodicons } from '../../shared/codiconEscape';
import { escapeMessageLinks } from '../../shared/messageLinkEscape';

/** Commands that run what plugins contribute: entity actions and plugin commands. */
export function registerPluginHost(
  catalog: CatalogService,
  plugins: PluginRegistry,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  const store = new DisposableStore();
  const run = async (pluginId: string, what: string, work: () => unknown): Promise<void> => {
    try {
      await work();
    } catch (error) {
      log.error(`Plugin ${pluginId}: ${what} failed`, error);
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          'Greenroom plugin {0}: {1} failed: {2}',
          escapeMessageLinks(pluginId),
          escapeMessageLinks(what),
          escapeMessageLinks(error instanceof Error ? error.message : String(error)),
        ),
      );
    }
  };
  store.add(
    vscode.commands.registerCommand(
      Commands.runEntityAction,
      async (pluginId: unknown, actionId: unknown, ref: unknown) => {
        const record = typeof ref === 'string' ? catalog.index.get(ref) : undefined;
        if (!record) {
          return;
        }
        const view = toEntityView(catalog.index, record);
        const found = plugins
          .actionsFor(view)
          .find((entry) => entry.pluginId === pluginId && entry.action.id === actionId);
        if (found) {
          await run(found.pluginId, found.action.title, () => found.action.run(view));
        }
      },
    ),
  );
  store.add(
    vscode.commands.registerCommand(Commands.entityActions, async (argument: unknown) => {
      const ref = entityRefArgument(argument);
      const record = ref ? catalog.index.get(ref) : undefined;
      if (!record) {
        return;
      }
      const view = toEntityView(catalog.index, record);
      const actions = plugins.actionsFor(view);
      if (actions.length === 0) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('No plugin offers actions for {0}.', escapeMessageLinks(record.ref)),
        );
        return;
      }
      const picked = await vscode.window.showQuickPick(
        // Plugin titles often carry catalog text: shown as text, like every plugin string.
        actions.map((entry) => ({
          label: escapeCodicons(entry.action.title),
          description: escapeCodicons(entry.pluginId),
          entry,
        })),
        { title: vscode.l10n.t('Actions for {0}', view.title) },
      );
      if (picked) {
        await run(picked.entry.pluginId, picked.entry.action.title, () => picked.entry.action.run(view));
      }
    }),
  );
  store.add(
    vscode.commands.registerCommand(Commands.runPluginCommand, async (id?: unknown, ...args: unknown[]) => {
      const commands = plugins.commands();
      const chosen =
        typeof id === 'string'
          ? commands.find((entry) => `${entry.pluginId}.${entry.command.id}` === id)
          : (
              await vscode.window.showQuickPick(
                commands.map((entry) => ({
                  label: escapeCodicons(entry.command.title),
                  description: escapeCodicons(`${entry.pluginId}.${entry.command.id}`),
                  entry,
                })),
                { title: vscode.l10n.t('Run a Greenroom plugin command') },
              )
            )?.entry;
      if (chosen) {
        await run(chosen.pluginId, chosen.command.title, () => chosen.command.run(...args));
      } else if (commands.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No Greenroom plugin has registered commands.'));
      }
    }),
  );
  return store;
}
