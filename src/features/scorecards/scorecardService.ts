import * as path from 'node:path';
import * as vscode from 'vscode';
import { nodeCatalogFileSystem, type CatalogEntityRecord } from '../../catalog';
import { loadCodeOwners } from '../../catalog/codeOwners';
import { toEntityView } from '../../plugins/entityView';
import type { PluginRegistry } from '../../plugins/pluginRegistry';
import { pluginScorecardCheck } from '../../plugins/scorecardChecks';
import type { ScorecardSource, ScorecardSummary } from '../../plugins/builtin/scorecardPlugin';
import {
  checkSet,
  findingRange,
  readChecksFile,
  ScorecardEngine,
  type ChecksFile,
  type EntityScorecard,
} from '../../scorecards';
import type { CatalogService } from '../../services/catalogService';
import type { Settings } from '../../services/settings';
import { SCORECARD_KEYS } from '../../services/settingsSchema';
import { DisposableStore } from '../../shared/disposableStore';
import type { ScoreSource } from './scoreSource';

const ORIGIN_LABELS = { builtin: 'built-in', file: 'checks.yaml', plugin: 'plugin' } as const;

/**
 * The editor's scorecards: one engine over the live index, fed the workspace folders' checks
 * files and CODEOWNERS and the plugins' checks, updated per catalog change.
 */
export class ScorecardService implements ScorecardSource, ScoreSource, vscode.Disposable {
  private readonly store = new DisposableStore();
  readonly engine: ScorecardEngine;
  private checksFiles = new Map<string, ChecksFile>();
  private readonly changeEmitter = this.store.add(new vscode.EventEmitter<readonly string[]>());
  private readonly checksFilesEmitter = this.store.add(new vscode.EventEmitter<ReadonlyMap<string, ChecksFile>>());
  /** Refs whose scorecard was computed again (empty: all of them). */
  readonly onDidChange = this.changeEmitter.event;
  readonly onDidChangeChecksFiles = this.checksFilesEmitter.event;
  private enabled: boolean;
  private reloading: Promise<void> = Promise.resolve();

  constructor(
    private readonly catalog: CatalogService,
    private readonly plugins: PluginRegistry,
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.enabled = settings.current.scorecards.enabled;
    this.engine = new ScorecardEngine(catalog.index);
    this.store.add(
      catalog.onDidChange((event) => {
        if (this.enabled) {
          const change = this.engine.applyChange(event);
          this.changeEmitter.fire([...change.evaluated, ...change.removed]);
        }
      }),
    );
    const reload = (): void => void this.reload();
    const subscription = plugins.onDidChange(reload);
    this.store.add({ dispose: () => subscription.dispose() });
    this.store.add(settings.onDidChange((change) => (change.affects(SCORECARD_KEYS) ? reload() : undefined)));
    this.store.add(vscode.workspace.onDidChangeWorkspaceFolders(reload));
    for (const pattern of ['**/.greenroom/checks.yaml', '**/CODEOWNERS']) {
      const watcher = this.store.add(vscode.workspace.createFileSystemWatcher(pattern));
      this.store.add(watcher.onDidChange(reload));
      this.store.add(watcher.onDidCreate(reload));
      this.store.add(watcher.onDidDelete(reload));
    }
    this.store.add(catalog.onDidFinishIndexing(reload));
  }

  get checksFileProblems(): ReadonlyMap<string, ChecksFile> {
    return this.checksFiles;
  }

  /** Reads the checks files and CODEOWNERS of every folder again and re-evaluates everything. */
  reload(): Promise<void> {
    this.reloading = this.reloading
      .then(() => this.reloadNow())
      .catch((error: unknown) => this.log.error('Scorecards: reload failed', error));
    return this.reloading;
  }

  scorecard(ref: string): EntityScorecard | undefined {
    return this.enabled ? this.engine.scorecard(ref) : undefined;
  }

  scoreOf(ref: string): { passed: number; total: number } | undefined {
    const card = this.scorecard(ref);
    return card && card.total > 0 ? { passed: card.passed, total: card.total } : undefined;
  }

  rollUpOf(ownerRef: string): { passed: number; total: number; entities: number } | undefined {
    const rollUp = this.enabled ? this.engine.rollUp(ownerRef) : undefined;
    return rollUp && rollUp.total > 0 ? rollUp : undefined;
  }

  scorecardOf(ref: string): ScorecardSummary | undefined {
    const card = this.scorecard(ref);
    const record = this.catalog.index.get(ref);
    if (!card || !record) {
      return undefined;
    }
    const rows = card.results.map(({ check, outcome }) => ({
      id: check.id,
      title: check.title,
      description: check.description,
      severity: check.severity,
      passed: outcome.passed,
      message: outcome.message,
      line: record.origin.type === 'workspace' ? findingRange(record, outcome).start.line + 1 : undefined,
      origin: ORIGIN_LABELS[check.origin.type],
      fixable: outcome.fix !== undefined,
    }));
    return { passed: card.passed, total: card.total, rows };
  }

  dispose(): void {
    this.store.dispose();
  }

  private async reloadNow(): Promise<void> {
    const settings = this.settings.current.scorecards;
    this.enabled = settings.enabled;
    const roots = (vscode.workspace.workspaceFolders ?? [])
      .filter((folder) => folder.uri.scheme === 'file')
      .map((folder) => folder.uri.fsPath);
    const files = new Map<string, ChecksFile>();
    for (const root of roots) {
      const file = await readChecksFile(nodeCatalogFileSystem, root).catch(() => undefined);
      if (file) {
        files.set(path.join(root, '.greenroom', 'checks.yaml'), file);
      }
      this.engine.setCodeOwners(root, await loadCodeOwners(nodeCatalogFileSystem, root).catch(() => undefined));
    }
    this.checksFiles = files;
    const viewOf = (record: CatalogEntityRecord) => toEntityView(this.catalog.index, record);
    const pluginChecks = this.plugins
      .scorecardChecks()
      .map(({ pluginId, check }) => pluginScorecardCheck(pluginId, check, viewOf));
    this.engine.setChecks(
      settings.enabled
        ? checkSet({ files: [...files.values()], disabledBuiltins: settings.disabledBuiltins, pluginChecks })
        : [],
    );
    this.checksFilesEmitter.fire(files);
    this.changeEmitter.fire([]);
  }
}
