import * as vscode from 'vscode';
import { parseFilterQuery, type GroupingMode } from '../../catalog';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import type { Settings } from '../../services/settings';
import { CatalogTreeProvider, type StarredSource } from './catalogTreeProvider';
import { EntityProblemDecorations } from './entityProblemDecorations';
import { Commands } from '../../shared/commands';
import { indexingProgressText } from '../loading/indexingProgressText';
import type { ScoreSource } from '../scorecards/scoreSource';

const GROUPING_LABELS: Record<GroupingMode, string> = {
  kind: vscode.l10n.t('Kind'),
  system: vscode.l10n.t('System and Domain'),
  owner: vscode.l10n.t('Owner'),
};

export interface CatalogTreeFeature extends vscode.Disposable {
  /** Shows an entity in the Catalog view. */
  reveal(ref: string): Promise<void>;
}

/** The Catalog view with its grouping toggle, filter and the context keys its menus use. */
export function registerCatalogTree(
  catalog: CatalogService,
  settings: Settings,
  starred?: StarredSource,
  scores?: ScoreSource,
): CatalogTreeFeature {
  const store = new DisposableStore();
  const provider = store.add(new CatalogTreeProvider(catalog, settings.current.catalogGrouping, {}, starred, scores));
  const view = store.add(
    vscode.window.createTreeView('greenroom.catalog', { treeDataProvider: provider, showCollapseAll: true }),
  );
  store.add(vscode.window.registerFileDecorationProvider(store.add(new EntityProblemDecorations(catalog))));
  let filterQuery = '';

  const updateContext = (): void => {
    void vscode.commands.executeCommand('setContext', 'greenroom.indexed', catalog.isIndexed);
    void vscode.commands.executeCommand('setContext', 'greenroom.entityCount', catalog.index.size);
    void vscode.commands.executeCommand('setContext', 'greenroom.catalog.grouping', provider.grouping);
    void vscode.commands.executeCommand('setContext', 'greenroom.catalog.filtered', provider.isFiltered());
    // The title bar has room for its icons only: a description there is cut to "by K…". The rows
    // already say how the tree is grouped, so the title says nothing and a filter goes in the message.
    view.description = '';
    updateMessage();
  };
  const setGrouping = (mode: GroupingMode): void => {
    provider.setGrouping(mode);
    updateContext();
  };

  // While loading, the view says how far it is; rows appear as files are indexed (see the provider).
  // Once loaded, it names the filter in force, so a short tree never looks like a lost catalog.
  function updateMessage(): void {
    if (catalog.indexingProgress) {
      view.message = indexingProgressText(catalog.indexingProgress);
    } else {
      view.message = provider.isFiltered()
        ? vscode.l10n.t('Filtered by “{0}”. Clear the filter to see every entity.', filterQuery)
        : '';
    }
  }
  const showProgress = (): void => updateMessage();
  store.add(catalog.onDidProgress(showProgress));
  store.add(
    catalog.onDidFinishIndexing(() => {
      showProgress();
      updateContext();
      provider.refresh();
    }),
  );
  store.add(
    catalog.onDidChange(() => {
      if (catalog.isIndexed) {
        updateContext();
      }
    }),
  );
  store.add(
    settings.onDidChange((change) => {
      if (change.affects(['catalog.groupBy'])) {
        setGrouping(settings.current.catalogGrouping);
      }
    }),
  );
  store.add(vscode.commands.registerCommand(Commands.groupByKind, () => setGrouping('kind')));
  store.add(vscode.commands.registerCommand(Commands.groupBySystem, () => setGrouping('system')));
  store.add(vscode.commands.registerCommand(Commands.groupByOwner, () => setGrouping('owner')));
  store.add(
    vscode.commands.registerCommand(Commands.changeGrouping, async () => {
      const picked = await vscode.window.showQuickPick(
        (Object.keys(GROUPING_LABELS) as GroupingMode[]).map((mode) => ({
          label: GROUPING_LABELS[mode],
          mode,
          description: mode === provider.grouping ? vscode.l10n.t('current') : '',
        })),
        { title: vscode.l10n.t('Group the catalog by') },
      );
      if (picked) {
        setGrouping(picked.mode);
      }
    }),
  );
  store.add(
    vscode.commands.registerCommand(Commands.filterCatalog, async () => {
      const query = await vscode.window.showInputBox({
        title: vscode.l10n.t('Filter the catalog'),
        prompt: vscode.l10n.t(
          'Words to match in names, titles, refs, owners and descriptions; tag:NAME and lifecycle:NAME narrow by field',
        ),
        value: filterQuery,
        placeHolder: vscode.l10n.t('e.g. payments tag:java lifecycle:production'),
      });
      if (query !== undefined) {
        filterQuery = query.trim();
        provider.setFilter(parseFilterQuery(filterQuery));
        updateContext();
      }
    }),
  );
  store.add(
    vscode.commands.registerCommand(Commands.clearCatalogFilter, () => {
      filterQuery = '';
      provider.setFilter({});
      updateContext();
    }),
  );
  updateContext();

  return {
    async reveal(ref: string): Promise<void> {
      const node = provider.findEntityNode(ref);
      if (node) {
        await view.reveal(node, { select: true, focus: false, expand: true });
      }
    },
    dispose: () => store.dispose(),
  };
}
