import * as vscode from 'vscode';
import type { PatchableEntitySearch } from '../../catalog/views/patchableEntitySearch';
import type { CatalogService } from '../../services/catalogService';
import { Commands } from '../../shared/commands';
import { EntityPickSearch } from './entityPickSearch';
import type { EntityPick, EntityPickItem } from './entityPicks';

/**
 * How many matches the list shows: the best first, and about ten rows are visible, so a hundred
 * leave room to scroll; each one more is work on every keystroke (and more rows for VS Code).
 */
const SHOWN_MATCHES = 100;

function bestMatches(search: PatchableEntitySearch<EntityPick>, query: string): EntityPickItem[] {
  return search.search(query, SHOWN_MATCHES).map((pick) => pick.item);
}

/**
 * Replaces the rows only when the matches changed: each replacement resets VS Code's highlight
 * and selection, so a keystroke that finds the same rows must not take a click's row away.
 */
function showMatches(pick: vscode.QuickPick<EntityPickItem>, matches: readonly EntityPickItem[]): void {
  const shown = pick.items;
  if (shown.length === matches.length && shown.every((item, position) => item === matches[position])) return;
  pick.items = matches;
}

/**
 * "Go to Entity": a quick pick over every entity, filtered here rather than by VS Code so it stays
 * fast at 100,000 entities: items and search index are built once (see EntityPickSearch) and
 * patched as the catalog changes; each keystroke asks the index for the best hundred.
 */
export function registerGoToEntity(catalog: CatalogService): vscode.Disposable {
  const picks = new EntityPickSearch(catalog);
  // Large catalogs get the index built after each load, in time slices, before anyone asks.
  const warm = catalog.onDidFinishIndexing(() => picks.warm());
  if (catalog.isIndexed) {
    picks.warm();
  }
  const command = vscode.commands.registerCommand(Commands.goToEntity, async () => {
    // The pick opens at once, busy while a load runs or the search index is built, so typing
    // starts right away; what was typed by then is searched when the index is ready.
    const pick = vscode.window.createQuickPick<EntityPickItem>();
    pick.title = vscode.l10n.t('Go to Entity');
    pick.placeholder = vscode.l10n.t('Type a name, title, ref, owner or tag');
    pick.matchOnDescription = false;
    pick.matchOnDetail = false;
    pick.busy = true;
    let search: PatchableEntitySearch<EntityPick> | undefined = undefined;
    const picked = new Promise<EntityPickItem | undefined>((resolve) => {
      pick.onDidChangeValue((value) => {
        if (search) {
          showMatches(pick, bestMatches(search, value));
        }
      });
      // A row accepted just as the list was replaced can arrive with no selection (VS Code maps
      // it by position in the old list): the highlighted row is what the user meant.
      pick.onDidAccept(() => resolve(pick.selectedItems[0] ?? pick.activeItems[0]));
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
    await catalog.whenIndexed();
    search = await picks.current();
    if (search.size === 0) {
      pick.dispose();
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Greenroom: the catalog is empty; no catalog-info.yaml files were found in this workspace.'),
      );
      return;
    }
    showMatches(pick, bestMatches(search, pick.value));
    pick.busy = false;
    const chosen = await picked;
    pick.dispose();
    if (chosen) {
      await vscode.commands.executeCommand(Commands.openEntity, chosen.ref);
    }
  });
  return vscode.Disposable.from(warm, picks, command);
}
