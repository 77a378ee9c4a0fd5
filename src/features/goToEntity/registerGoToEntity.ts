import * as vscode from 'vscode';
import {
  compareEntities,
  entityLabel,
  entitySummary,
  entityTags,
  humanizeEntityRef,
  kindPresentation,
  ownerRefOf,
  type CatalogEntityRecord,
} from '../../catalog';
import { EntitySearchIndex } from '../../catalog/views/entitySearch';
import type { CatalogService } from '../../services/catalogService';
import { Commands } from '../../shared/commands';

interface EntityPickItem extends vscode.QuickPickItem {
  readonly ref: string;
}

/**
 * How many matches the list shows: the best first, and about ten rows are visible, so a hundred
 * leave room to scroll; each one more is work on every keystroke (and more rows for VS Code).
 */
const SHOWN_MATCHES = 100;

function pickItem(record: CatalogEntityRecord): EntityPickItem {
  const owner = ownerRefOf(record);
  const tags = entityTags(record.entity);
  const detail = [
    owner ? `$(account) ${humanizeEntityRef(owner, { defaultKind: 'group' })}` : '',
    entitySummary(record),
    tags.map((tag) => `#${tag}`).join(' '),
  ]
    .filter((part) => part.length > 0)
    .join('  ·  ');
  return {
    label: `$(${kindPresentation(record.entity.kind).codicon}) ${entityLabel(record)}`,
    description: record.ref,
    detail,
    ref: record.ref,
    // Our search decides what matches; VS Code's own filter must not hide what it found.
    alwaysShow: true,
  };
}

function searchIndexOf(records: CatalogEntityRecord[]): EntitySearchIndex<EntityPickItem> {
  const sorted = records.sort(compareEntities);
  const byRef = new Map(sorted.map((record) => [record.ref, record]));
  return new EntitySearchIndex(sorted.map(pickItem), (item) => {
    const record = byRef.get(item.ref) as CatalogEntityRecord;
    const owner = ownerRefOf(record);
    return {
      name: entityLabel(record),
      other: [record.entity.metadata.name, record.ref, owner ?? '', ...entityTags(record.entity)],
    };
  });
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
 * fast at 100,000 entities: items and search index are built once per index version, each
 * keystroke asks the index for the best few hundred.
 */
export function registerGoToEntity(catalog: CatalogService): vscode.Disposable {
  let built: EntitySearchIndex<EntityPickItem> | undefined;
  const invalidate = catalog.onDidChange(() => {
    built = undefined;
  });
  const command = vscode.commands.registerCommand(Commands.goToEntity, async () => {
    // The pick opens at once, busy while a load runs or the search index is built, so typing
    // starts right away; what was typed by then is searched when the index is ready.
    const pick = vscode.window.createQuickPick<EntityPickItem>();
    pick.title = vscode.l10n.t('Go to Entity');
    pick.placeholder = vscode.l10n.t('Type a name, title, ref, owner or tag');
    pick.matchOnDescription = false;
    pick.matchOnDetail = false;
    pick.busy = true;
    let search: EntitySearchIndex<EntityPickItem> | undefined = undefined;
    const picked = new Promise<EntityPickItem | undefined>((resolve) => {
      pick.onDidChangeValue((value) => {
        if (search) {
          showMatches(pick, search.search(value, SHOWN_MATCHES));
        }
      });
      // A row accepted just as the list was replaced can arrive with no selection (VS Code maps
      // it by position in the old list): the highlighted row is what the user meant.
      pick.onDidAccept(() => resolve(pick.selectedItems[0] ?? pick.activeItems[0]));
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
    await catalog.whenIndexed();
    built ??= searchIndexOf(catalog.index.entities());
    search = built;
    if (search.size === 0) {
      pick.dispose();
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Greenroom: the catalog is empty; no catalog-info.yaml files were found in this workspace.'),
      );
      return;
    }
    showMatches(pick, search.search(pick.value, SHOWN_MATCHES));
    pick.busy = false;
    const chosen = await picked;
    pick.dispose();
    if (chosen) {
      await vscode.commands.executeCommand(Commands.openEntity, chosen.ref);
    }
  });
  return vscode.Disposable.from(invalidate, command);
}
