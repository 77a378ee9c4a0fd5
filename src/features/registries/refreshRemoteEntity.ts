import * as vscode from 'vscode';
import { DisposableStore } from '../../shared/disposableStore';
import { Commands } from '../../shared/commands';
import type { RegistryService } from '../../services/registryService';
import { escapeMessageLinks, escapeMessageLinksAndIcons } from '../../shared/messageLinkEscape';

/** "Refresh" on a registry entity's page: one refresh per entity at a time, progress shown, outcome said. */
export function registerRefreshRemoteEntity(service: RegistryService, log: vscode.LogOutputChannel): vscode.Disposable {
  const store = new DisposableStore();
  const running = new Set<string>();
  store.add(
    vscode.commands.registerCommand(Commands.refreshRemoteEntity, async (ref: unknown) => {
      if (typeof ref !== 'string' || ref.length > 1024 || running.has(ref)) {
        return;
      }
      running.add(ref);
      try {
        const result = await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            // The notification finds links; hidden, it shows in the status bar, which draws `$(…)`.
            title: vscode.l10n.t('Refreshing {0} from its registry', escapeMessageLinksAndIcons(ref)),
            cancellable: true,
          },
          (_progress, token) => {
            const controller = new AbortController();
            token.onCancellationRequested(() => controller.abort());
            return service.refreshEntity(ref, controller.signal);
          },
        );
        if (!result) {
          void vscode.window.showWarningMessage(
            vscode.l10n.t(
              'Greenroom: {0} is not served by a configured registry, so there is nothing to refresh.',
              escapeMessageLinks(ref),
            ),
          );
        } else if (!result.entity) {
          void vscode.window.showWarningMessage(
            vscode.l10n.t(
              'Registry {0} no longer serves {1}.',
              escapeMessageLinks(result.registry),
              escapeMessageLinks(ref),
            ),
          );
        } else if (result.refreshRequested) {
          void vscode.window.showInformationMessage(
            vscode.l10n.t(
              'Refreshed {0} from registry {1}.',
              escapeMessageLinks(ref),
              escapeMessageLinks(result.registry),
            ),
          );
        } else {
          void vscode.window.showInformationMessage(
            vscode.l10n.t(
              'Re-fetched {0} from registry {1}; the registry did not accept a refresh ({2}).',
              escapeMessageLinks(ref),
              escapeMessageLinks(result.registry),
              escapeMessageLinks(result.refreshSkipped ?? ''),
            ),
          );
        }
      } catch (error) {
        log.error(`Refreshing ${ref} failed`, error);
        void vscode.window.showErrorMessage(
          vscode.l10n.t(
            'Greenroom could not refresh {0}: {1}',
            escapeMessageLinks(ref),
            escapeMessageLinks(error instanceof Error ? error.message : String(error)),
          ),
        );
      } finally {
        running.delete(ref);
      }
    }),
  );
  return store;
}
