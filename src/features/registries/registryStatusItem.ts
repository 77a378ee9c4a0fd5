import * as vscode from 'vscode';
import { DisposableStore } from '../../shared/disposableStore';
import type { RegistryService } from '../../services/registryService';
import { escapeMarkdown } from '../../shared/markdownEscape';
import { Commands } from '../../shared/commands';

function time(iso: string | undefined): string {
  return iso
    ? new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : vscode.l10n.t('never');
}

/** One status bar item for all registries: last sync time, or "offline" when one cannot be reached. */
export function registerRegistryStatusItem(registries: RegistryService): vscode.Disposable {
  const store = new DisposableStore();
  const item = store.add(vscode.window.createStatusBarItem('greenroom.registries', vscode.StatusBarAlignment.Left, 49));
  item.name = vscode.l10n.t('Greenroom Registries');
  item.command = Commands.syncRegistries;
  const update = (): void => {
    const configs = registries.registries;
    if (configs.length === 0) {
      item.hide();
      return;
    }
    const statuses = configs.map((config) => ({ name: config.name, status: registries.status(config.name) }));
    const offline = statuses.filter((entry) => entry.status?.state === 'offline');
    const failing = statuses.filter((entry) => entry.status?.state === 'error');
    const syncing = statuses.some((entry) => entry.status?.state === 'syncing');
    const newest = statuses
      .map((entry) => entry.status?.lastSyncedAt)
      .filter((value): value is string => !!value)
      .sort()
      .pop();
    // "offline" only when a registry cannot be reached; a refusal (401, 404…) is a different fix.
    item.text = syncing
      ? `$(sync~spin) ${vscode.l10n.t('Syncing registries…')}`
      : offline.length > 0
        ? `$(cloud-offline) ${vscode.l10n.t('offline')} · ${time(newest)}`
        : failing.length > 0
          ? `$(warning) ${vscode.l10n.t('registry error')} · ${time(newest)}`
          : `$(cloud) ${vscode.l10n.t('synced {0}', time(newest))}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    for (const { name, status } of statuses) {
      tooltip.appendMarkdown(
        `**${escapeMarkdown(name)}**: ${status?.state ?? 'pending'} · ${vscode.l10n.t('{0} entities', status?.entities ?? 0)} · ${vscode.l10n.t('last sync {0}', time(status?.lastSyncedAt))}`,
      );
      if (status?.message) {
        tooltip.appendMarkdown(`  \n$(warning) ${escapeMarkdown(status.message)}`);
      }
      tooltip.appendMarkdown('\n\n');
    }
    tooltip.appendMarkdown(vscode.l10n.t('Click to sync now.'));
    item.tooltip = tooltip;
    item.backgroundColor =
      offline.length + failing.length > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  store.add(registries.onDidChangeStatus(update));
  update();
  return store;
}
