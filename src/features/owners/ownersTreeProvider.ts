import * as vscode from 'vscode';
import {
  childGroups,
  entityLabel,
  entityLinks,
  groupMembers,
  ownedEntities,
  rootGroups,
  unknownOwners,
  usersWithoutGroup,
  type CatalogEntityRecord,
} from '../../catalog';
import type { CatalogService } from '../../services/catalogService';
import { entityIcon } from '../catalogTree/catalogTreeProvider';
import { entityTooltip } from '../catalogTree/entityTooltip';
import { appendScoreLine, entityRowDescription } from '../catalogTree/entityRowText';
import { Commands } from '../../shared/commands';
import { scoreText, type ScoreSource } from '../scorecards/scoreSource';
import { escapeMarkdown } from '../../shared/markdownEscape';

/** Path-based ids: the same user may appear under each of their groups. */
type OwnersNode =
  | { readonly type: 'owner'; readonly id: string; readonly ref: string; readonly parent: OwnersNode | undefined }
  | { readonly type: 'owned'; readonly id: string; readonly ref: string; readonly parent: OwnersNode | undefined }
  | {
      readonly type: 'members';
      readonly id: string;
      readonly groupRef: string;
      readonly parent: OwnersNode | undefined;
    }
  | { readonly type: 'unknownOwners'; readonly id: string; readonly parent: undefined }
  | {
      readonly type: 'unknownOwner';
      readonly id: string;
      readonly ref: string;
      readonly parent: OwnersNode | undefined;
    }
  | { readonly type: 'ungroupedUsers'; readonly id: string; readonly parent: undefined };

const REFRESH_DEBOUNCE_MS = 150;

/** The Owners view: the group hierarchy and users, each expanding to what they own. */
export class OwnersTreeProvider implements vscode.TreeDataProvider<OwnersNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<OwnersNode | undefined>();
  private readonly subscription: vscode.Disposable;
  private timer: NodeJS.Timeout | undefined;

  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(
    private readonly catalog: CatalogService,
    private readonly scores?: ScoreSource,
  ) {
    // Ownership hangs on relations across files, so any change may move things: refresh whole.
    const refresh = (): void => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.changeEmitter.fire(undefined), REFRESH_DEBOUNCE_MS);
    };
    this.subscription = vscode.Disposable.from(
      catalog.onDidChange(refresh),
      ...(scores ? [scores.onDidChange(refresh)] : []),
    );
  }

  getChildren(node?: OwnersNode): OwnersNode[] {
    const index = this.catalog.index;
    if (!node) {
      const roots: OwnersNode[] = rootGroups(index).map((group) => ({
        type: 'owner',
        id: group.ref,
        ref: group.ref,
        parent: undefined,
      }));
      if (usersWithoutGroup(index).length > 0) {
        roots.push({ type: 'ungroupedUsers', id: 'ungrouped-users', parent: undefined });
      }
      if (unknownOwners(index).length > 0) {
        roots.push({ type: 'unknownOwners', id: 'unknown-owners', parent: undefined });
      }
      return roots;
    }
    switch (node.type) {
      case 'owner': {
        const children: OwnersNode[] = [];
        if (node.ref.startsWith('group:')) {
          children.push(
            ...childGroups(index, node.ref).map((group): OwnersNode => ({
              type: 'owner',
              id: `${node.id}/${group.ref}`,
              ref: group.ref,
              parent: node,
            })),
          );
          if (groupMembers(index, node.ref).length > 0) {
            children.push({ type: 'members', id: `${node.id}/members`, groupRef: node.ref, parent: node });
          }
        }
        children.push(
          ...ownedEntities(index, node.ref).map((record): OwnersNode => ({
            type: 'owned',
            id: `${node.id}/${record.ref}`,
            ref: record.ref,
            parent: node,
          })),
        );
        return children;
      }
      case 'members':
        return groupMembers(index, node.groupRef).map((user) => ({
          type: 'owner',
          id: `${node.id}/${user.ref}`,
          ref: user.ref,
          parent: node,
        }));
      case 'ungroupedUsers':
        return usersWithoutGroup(index).map((user) => ({
          type: 'owner',
          id: `${node.id}/${user.ref}`,
          ref: user.ref,
          parent: node,
        }));
      case 'unknownOwners':
        return unknownOwners(index).map((entry) => ({
          type: 'unknownOwner',
          id: `${node.id}/${entry.ownerRef}`,
          ref: entry.ownerRef,
          parent: node,
        }));
      case 'unknownOwner':
        return ownedEntities(index, node.ref).map((record) => ({
          type: 'owned',
          id: `${node.id}/${record.ref}`,
          ref: record.ref,
          parent: node,
        }));
      default:
        return [];
    }
  }

  getParent(node: OwnersNode): OwnersNode | undefined {
    return node.parent;
  }

  getTreeItem(node: OwnersNode): vscode.TreeItem {
    const index = this.catalog.index;
    switch (node.type) {
      case 'owner': {
        const record = index.get(node.ref);
        return record ? this.ownerItem(node.id, record) : new vscode.TreeItem(node.ref);
      }
      case 'owned': {
        const record = index.get(node.ref);
        if (!record) {
          return new vscode.TreeItem(node.ref);
        }
        const item = new vscode.TreeItem(entityLabel(record), vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        // Same short row as the Catalog tree: the icon says the kind, the tooltip the rest.
        const score = this.scores?.scoreOf(record.ref);
        item.description = entityRowDescription(record, [], score);
        item.iconPath = entityIcon(record);
        item.tooltip = appendScoreLine(entityTooltip(record), score);
        item.contextValue = entityLinks(record.entity).length > 0 ? 'entity-with-links' : 'entity';
        item.command = { command: Commands.openEntity, title: vscode.l10n.t('Open Entity'), arguments: [record.ref] };
        return item;
      }
      case 'members': {
        const item = new vscode.TreeItem(vscode.l10n.t('Members'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = String(groupMembers(index, node.groupRef).length);
        item.iconPath = new vscode.ThemeIcon('person');
        return item;
      }
      case 'ungroupedUsers': {
        const item = new vscode.TreeItem(
          vscode.l10n.t('Users without a group'),
          vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('person');
        return item;
      }
      case 'unknownOwners': {
        const item = new vscode.TreeItem(vscode.l10n.t('Unknown owner'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = String(unknownOwners(index).reduce((sum, entry) => sum + entry.entities.length, 0));
        item.tooltip = vscode.l10n.t('Entities whose spec.owner refers to nothing in the catalog');
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
        return item;
      }
      case 'unknownOwner': {
        const item = new vscode.TreeItem(node.ref, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('question');
        return item;
      }
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  private ownerItem(id: string, record: CatalogEntityRecord): vscode.TreeItem {
    const index = this.catalog.index;
    const isGroup = record.entity.kind.toLowerCase() === 'group';
    const owned = ownedEntities(index, record.ref).length;
    const hasChildren =
      owned > 0 ||
      (isGroup && (childGroups(index, record.ref).length > 0 || groupMembers(index, record.ref).length > 0));
    const profile = (record.entity.spec as { profile?: { displayName?: unknown; email?: unknown } } | undefined)
      ?.profile;
    const label = typeof profile?.displayName === 'string' ? profile.displayName : entityLabel(record);
    const item = new vscode.TreeItem(
      label,
      hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = id;
    const groupType = (record.entity.spec as { type?: unknown } | undefined)?.type;
    const rollUp = this.scores?.rollUpOf(record.ref);
    // The sidebar is narrow: the row says `8 · 5/7`; the words are in the tooltip.
    item.description = [owned > 0 ? String(owned) : '', scoreText(rollUp)].filter((part) => part).join(' · ');
    const tooltip = entityTooltip(record);
    const detail = [isGroup ? (typeof groupType === 'string' ? groupType : '') : record.entity.metadata.name];
    if (owned > 0) {
      detail.push(vscode.l10n.t('owns {0}', owned));
    }
    // The team's roll-up: checks passed over checks that apply, summed over what it owns.
    if (rollUp && rollUp.total > 0) {
      detail.push(vscode.l10n.t('scorecard {0} over {1} entities', scoreText(rollUp), rollUp.entities));
    }
    tooltip.appendMarkdown(
      `\n\n${detail
        .filter((part) => part)
        .map((part) => escapeMarkdown(part))
        .join(' · ')}`,
    );
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(isGroup ? 'organization' : 'person');
    item.contextValue = 'owner';
    return item;
  }
}
