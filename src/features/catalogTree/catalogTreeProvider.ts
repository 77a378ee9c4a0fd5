import * as vscode from 'vscode';
import {
  countOf,
  diffGroups,
  entityLabel,
  entityLifecycle,
  groupEntities,
  isEmptyFilter,
  kindPresentation,
  entityLinks,
  matchesFilter,
  originLabel,
  type CatalogEntityRecord,
  type EntityFilter,
  type EntityGroup,
  type GroupingMode,
} from '../../catalog';
import type { CatalogService } from '../../services/catalogService';
import { NodeRegistry, type CatalogTreeNode, type EntityNode, type GroupNode } from './catalogTreeNodes';
import { entityDecorationUri } from './entityProblemDecorations';
import { entityTooltip } from './entityTooltip';
import { appendOriginLine, appendScoreLine, entityRowDescription } from './entityRowText';
import { Commands } from '../../shared/commands';
import { Throttle } from '../../shared/throttle';
import type { ScoreSource } from '../scorecards/scoreSource';

/** Where the tree reads the user's starred entities from (newest first). */
export interface StarredSource {
  refs(): readonly string[];
  readonly onDidChange: vscode.Event<void>;
}

const STARRED_GROUP_ID = 'starred';

/** Batches index events (an edit, a checkout) into one refresh. */
const REFRESH_DEBOUNCE_MS = 100;
/** During a load (one event per file, without pause) rows appear at this beat instead of at the end. */
const LOADING_REFRESH_INTERVAL_MS = 500;
/** While the tree is still empty, the first indexed files show at once. */
const FIRST_ROWS_DELAY_MS = 50;

/**
 * The Catalog view: folders by kind, system or owner, entities inside. After an index change
 * only the folders whose content changed are refreshed.
 */
export class CatalogTreeProvider implements vscode.TreeDataProvider<CatalogTreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<CatalogTreeNode | undefined>();
  private readonly subscription: vscode.Disposable;
  private readonly nodes = new NodeRegistry();
  private groups: readonly EntityGroup[] | undefined;
  private timer: NodeJS.Timeout | undefined;
  // While loading, each beat refreshes the whole tree: in code-server, folder refreshes sent
  // during a load were not applied (the folder counts stayed at the first beat's until the end).
  private readonly loadingBeat = new Throttle(() => this.refreshChanged(true), LOADING_REFRESH_INTERVAL_MS);
  private readonly firstRows = new Throttle(() => this.refreshChanged(true), FIRST_ROWS_DELAY_MS);
  /**
   * A root refresh VS Code has not answered yet (it asks for the root's children when it acts
   * on one). Until it does, every refresh is a root refresh: a folder refresh is lost on a tree
   * whose root VS Code still holds empty, and in code-server a load could end with no rows.
   */
  private rootPending = false;

  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(
    private readonly catalog: CatalogService,
    private mode: GroupingMode,
    private filter: EntityFilter = {},
    private readonly starred?: StarredSource,
    private readonly scores?: ScoreSource,
  ) {
    const changes = [
      catalog.onDidChange(() => this.scheduleRefresh()),
      ...(starred ? [starred.onDidChange(() => this.scheduleRefresh())] : []),
      // A score can change without the entity's file changing (its owner group appeared): redraw rows.
      ...(scores ? [scores.onDidChange((refs) => this.scheduleScoreRefresh(refs))] : []),
    ];
    this.subscription = vscode.Disposable.from(...changes);
  }

  get grouping(): GroupingMode {
    return this.mode;
  }

  get currentFilter(): EntityFilter {
    return this.filter;
  }

  setGrouping(mode: GroupingMode): void {
    this.mode = mode;
    this.resetAll();
  }

  setFilter(filter: EntityFilter): void {
    this.filter = filter;
    this.resetAll();
  }

  isFiltered(): boolean {
    return !isEmptyFilter(this.filter);
  }

  getChildren(node?: CatalogTreeNode): CatalogTreeNode[] {
    if (!node) {
      this.rootPending = false;
      return this.currentGroups().map((group) => this.nodes.groupNode(group, undefined));
    }
    if (node.type === 'group') {
      return [
        ...node.group.groups.map((group) => this.nodes.groupNode(group, node)),
        ...node.group.entities.map((record) => this.nodes.entityNode(record.ref, node)),
      ];
    }
    return [];
  }

  getParent(node: CatalogTreeNode): CatalogTreeNode | undefined {
    return node.parent;
  }

  getTreeItem(node: CatalogTreeNode): vscode.TreeItem {
    return node.type === 'group' ? this.groupItem(node) : this.entityItem(node);
  }

  /** The first node showing an entity, for `reveal`. */
  findEntityNode(ref: string): EntityNode | undefined {
    this.currentGroups();
    const existing = this.nodes.entityNodesFor(ref)[0];
    if (existing) {
      return existing;
    }
    const search = (groups: readonly EntityGroup[], parent: GroupNode | undefined): EntityNode | undefined => {
      for (const group of groups) {
        const node = this.nodes.groupNode(group, parent);
        if (group.entities.some((record) => record.ref === ref)) {
          return this.nodes.entityNode(ref, node);
        }
        const found = search(group.groups, node);
        if (found) {
          return found;
        }
      }
      return undefined;
    };
    return search(this.currentGroups(), undefined);
  }

  refresh(): void {
    this.loadingBeat.cancel();
    this.firstRows.cancel();
    this.resetAll();
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.scoreTimer);
    this.loadingBeat.cancel();
    this.firstRows.cancel();
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  private currentGroups(): readonly EntityGroup[] {
    this.groups ??= this.computeGroups();
    return this.groups;
  }

  /** The grouping, with a "Starred" folder on top when the user starred anything shown. */
  private computeGroups(): readonly EntityGroup[] {
    const groups = groupEntities(this.catalog.index, this.mode, this.filter);
    const records = (this.starred?.refs() ?? [])
      .map((ref) => this.catalog.index.get(ref))
      .filter(
        (record): record is CatalogEntityRecord =>
          record !== undefined && (!this.isFiltered() || matchesFilter(record, this.filter)),
      );
    if (records.length === 0) {
      return groups;
    }
    return [
      { id: STARRED_GROUP_ID, label: vscode.l10n.t('Starred'), codicon: 'star-full', groups: [], entities: records },
      ...groups,
    ];
  }

  private resetAll(): void {
    this.groups = undefined;
    this.nodes.clear();
    this.fireRoot();
  }

  private fireRoot(): void {
    this.rootPending = true;
    this.changeEmitter.fire(undefined);
  }

  private scheduleRefresh(): void {
    if (!this.catalog.isIndexed || this.catalog.indexingProgress) {
      if (this.groups === undefined || this.groups.length === 0) {
        this.firstRows.schedule();
      } else {
        this.loadingBeat.schedule();
      }
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refreshChanged(), REFRESH_DEBOUNCE_MS);
  }

  private scoreRefs: Set<string> | undefined = new Set();
  private scoreTimer: NodeJS.Timeout | undefined;

  /** Redraws the rows of entities whose score changed (all rows when `refs` is empty). */
  private scheduleScoreRefresh(refs: readonly string[]): void {
    if (refs.length === 0) {
      this.scoreRefs = undefined;
    } else {
      refs.forEach((ref) => this.scoreRefs?.add(ref));
    }
    clearTimeout(this.scoreTimer);
    this.scoreTimer = setTimeout(() => {
      const refsToRedraw = this.scoreRefs;
      this.scoreRefs = new Set();
      if (!refsToRedraw) {
        this.changeEmitter.fire(undefined);
        return;
      }
      for (const ref of refsToRedraw) {
        for (const node of this.nodes.entityNodesFor(ref)) {
          this.changeEmitter.fire(node);
        }
      }
    }, REFRESH_DEBOUNCE_MS);
  }

  private refreshChanged(wholeTree = false): void {
    const before = this.groups;
    if (!before) {
      this.fireRoot();
      return;
    }
    const after = this.computeGroups();
    this.groups = after;
    this.nodes.updateGroups(after);
    const changes = diffGroups(before, after);
    if (changes.root || this.rootPending || (wholeTree && changes.groups.length > 0)) {
      this.fireRoot();
      return;
    }
    for (const id of changes.groups) {
      const node = this.nodes.existingGroup(id);
      if (node) {
        this.changeEmitter.fire(node);
      }
    }
  }

  private groupItem(node: GroupNode): vscode.TreeItem {
    const group = node.group;
    const item = new vscode.TreeItem(
      group.label,
      group.id === STARRED_GROUP_ID
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = group.id;
    item.description = String(countOf(group));
    item.iconPath = new vscode.ThemeIcon(
      group.codicon,
      group.unresolved ? new vscode.ThemeColor('list.warningForeground') : undefined,
    );
    const record = group.ref ? this.catalog.index.get(group.ref) : undefined;
    item.contextValue = record ? 'group-entity' : 'group';
    if (record) {
      item.tooltip = entityTooltip(record);
    } else if (group.unresolved && group.ref) {
      item.tooltip = vscode.l10n.t('{0} is referenced but not in the catalog', group.ref);
    }
    return item;
  }

  private entityItem(node: EntityNode): vscode.TreeItem {
    const record = this.catalog.index.get(node.ref);
    if (!record) {
      return new vscode.TreeItem(node.ref);
    }
    const item = new vscode.TreeItem(entityLabel(record), vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    const score = this.scores?.scoreOf(record.ref);
    const registries = originRegistries(this.catalog.index.getAll(record.ref));
    item.description = entityRowDescription(record, registries, score);
    item.tooltip = appendOriginLine(appendScoreLine(entityTooltip(record), score), record, registries);
    item.iconPath = entityIcon(record);
    // A `.starred` suffix lets the context menu offer Star or Unstar.
    item.contextValue = `${entityLinks(record.entity).length > 0 ? 'entity-with-links' : 'entity'}${this.starred?.refs().includes(record.ref) ? '.starred' : ''}`;
    item.resourceUri = entityDecorationUri(record.ref);
    item.command = { command: Commands.openEntity, title: vscode.l10n.t('Open Entity'), arguments: [record.ref] };
    return item;
  }
}

function originRegistries(copies: readonly CatalogEntityRecord[]): string[] {
  return [...new Set(copies.flatMap((copy) => (copy.origin.type === 'workspace' ? [] : [originLabel(copy.origin)])))];
}

export function entityIcon(record: CatalogEntityRecord): vscode.ThemeIcon {
  const codicon = kindPresentation(record.entity.kind).codicon;
  if (!record.valid) {
    return new vscode.ThemeIcon(codicon, new vscode.ThemeColor('list.errorForeground'));
  }
  switch (entityLifecycle(record)) {
    case 'deprecated':
      return new vscode.ThemeIcon(codicon, new vscode.ThemeColor('disabledForeground'));
    case 'experimental':
      return new vscode.ThemeIcon(codicon, new vscode.ThemeColor('charts.yellow'));
    default:
      return new vscode.ThemeIcon(codicon);
  }
}
