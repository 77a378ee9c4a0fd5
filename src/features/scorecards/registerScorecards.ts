import * as vscode from 'vscode';
import type { PluginRegistry } from '../../plugins/pluginRegistry';
import type { CatalogService } from '../../services/catalogService';
import type { Settings } from '../../services/settings';
import { DisposableStore } from '../../shared/disposableStore';
import { registerScorecardDiagnostics } from './scorecardDiagnostics';
import { ScorecardQuickFix } from './scorecardQuickFix';
import { ScorecardService } from './scorecardService';

/** Scorecards in the editor: the service, findings in Problems, quick fixes. The tab is a plugin (scorecardPlugin). */
export function registerScorecards(
  catalog: CatalogService,
  plugins: PluginRegistry,
  settings: Settings,
  log: vscode.LogOutputChannel,
): { service: ScorecardService; disposable: vscode.Disposable } {
  const store = new DisposableStore();
  const service = store.add(new ScorecardService(catalog, plugins, settings, log));
  store.add(registerScorecardDiagnostics(catalog, service));
  store.add(
    vscode.languages.registerCodeActionsProvider(
      { language: 'yaml' },
      new ScorecardQuickFix(catalog, service),
      ScorecardQuickFix.metadata,
    ),
  );
  return { service, disposable: store };
}
