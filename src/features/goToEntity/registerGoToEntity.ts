import * as vscode from 'vscode';
import { compareEntities, entityLabel, entitySummary, entityTags, humanizeEntityRef, kindPresentation, ownerRefOf, type CatalogEntityRecord } from '../../catalog';
import type { CatalogService } from '../../services/catalogService';
import { Commands } from '../../shared/commands';

interface EntityPickItem extends vscode.QuickPickItem {
  readonly ref: string;
}

function pickItem(record: CatalogEntityRecord): EntityPickItem {
  const owner = ownerRefOf(record);
  const tags = entityTags(record.entity);
  const detail = [owner ? `$(account) ${humanizeEntityRef(owner, { defaultKind: 'group' })}` : '', entitySummary(record), tags.map((tag) => `#${tag}`).join(' ')]
    .filter((part) => part.length > 0)
    .join('  ·  ');
  return {
    label: `$(${kindPresentation(record.entity.kind).codicon}) ${entityLabel(record)}`,
    description: record.ref,
    detail,
    ref: record.ref,
  };
}

/** "Go to Entity": a fuzzy quick pick over every entity; matches name, title, ref, owner and tags. */
export function registerGoToEntity(catalog: CatalogService): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.goToEntity, async () => {
    await catalog.whenIndexed();
    const items = catalog.index.entities().sort(compareEntities).map(pickItem);
    if (items.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Greenroom: the catalog is empty; no catalog-info.yaml files were found in this workspace.'));
      return;
    }
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Go to Entity'),
      placeHolder: vscode.l10n.t('Type a name, title, ref, owner or tag'),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (picked) {
      await vscode.commands.executeCommand(Commands.openEntity, picked.ref);
    }
  });
}
