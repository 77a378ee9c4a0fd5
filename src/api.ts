import type * as vscode from 'vscode';
import type { CatalogChangeEvent } from './catalog';
import type { EntityView, GreenroomPlugin, Unregister } from './plugins/pluginTypes';

export type {
  EntityAction,
  EntityTab,
  EntityView,
  GreenroomPlugin,
  HoverMarkdown,
  HoverSection,
  PluginCommand,
  ScorecardCheckContribution,
  ScorecardCheckOutcome,
  TabRenderContext,
  Unregister,
} from './plugins/pluginTypes';

/**
 * What `activate()` returns to other extensions:
 * `const greenroom = await vscode.extensions.getExtension<GreenroomApi>('greenroom-dev.greenroom')?.activate();`
 * The built-in Overview, Docs, API and Tools tabs are registered through this same object.
 */
export interface GreenroomApi {
  readonly apiVersion: 1;
  /** Adds a plugin: entity-page tabs, hover sections, entity actions, commands and scorecard checks. */
  registerPlugin(plugin: GreenroomPlugin): Unregister;
  /** Resolves when the first full index of the workspace is done. */
  whenIndexed(): Promise<void>;
  getEntity(ref: string): EntityView | undefined;
  getEntities(): EntityView[];
  onDidChangeCatalog(listener: (event: CatalogChangeEvent) => void): vscode.Disposable;
  /** Opens the entity page, optionally on a tab (`<pluginId>/<tabId>`). */
  openEntityPage(ref: string, tab?: string): void;
}
