import * as vscode from 'vscode';
import { compareEntities, compareKinds, entityLabel, entityLifecycle, entitySummary, kindPresentation, type CatalogChangeEvent, type CatalogEntityRecord } from '../../catalog';
import type { CatalogService } from '../../services/catalogService';
import { entityNode, kindNode, type CatalogTreeNode, type EntityNode, type KindNode } from './catalogTreeNodes';
import { entityTooltip } from './entityTooltip';

/** Batches index events (a full load fires one per file) into one refresh. */
const REFRESH_DEBOUNCE_MS = 100;

/** The Catalog view: one node per kind, entities below, refreshed per changed kind. */
export class CatalogTreeProvider implements vscode.TreeDataProvider<CatalogTreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<CatalogTreeNode | undefined>();
  private readonly subscription: vscode.Disposable;
  private pendingKinds = new Set<string>();
  private pendingRoot = false;
  private timer: NodeJS.Timeout | undefined;
  private shownKinds = new Set<string>();

  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly catalog: CatalogService) {
    this.subscription = catalog.onDidChange((event) => this.schedule(event));
  }

  getChildren(node?: CatalogTreeNode): CatalogTreeNode[] {
    const index = this.catalog.index;
    if (!node) {
      const kinds = index.kinds().sort(compareKinds);
      this.shownKinds = new Set(kinds);
      return kinds.map(kindNode);
    }
    if (node.type === 'kind') {
      return index.byKind(node.kind).sort(compareEntities).map(entityNode);
    }
    return [];
  }

  getParent(node: CatalogTreeNode): CatalogTreeNode | undefined {
    return node.type === 'entity' ? kindNode(node.kind) : undefined;
  }

  getTreeItem(node: CatalogTreeNode): vscode.TreeItem {
    return node.type === 'kind' ? this.kindItem(node) : this.entityItem(node);
  }

  refresh(): void {
    this.changeEmitter.fire(undefined);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  private kindItem(node: KindNode): vscode.TreeItem {
    const records = this.catalog.index.byKind(node.kind);
    const presentation = kindPresentation(records[0]?.entity.kind ?? node.kind);
    const item = new vscode.TreeItem(presentation.plural, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `kind:${node.kind}`;
    item.description = String(records.length);
    item.iconPath = new vscode.ThemeIcon(presentation.codicon);
    item.contextValue = 'kind';
    return item;
  }

  private entityItem(node: EntityNode): vscode.TreeItem {
    const record = this.catalog.index.get(node.ref);
    if (!record) {
      return new vscode.TreeItem(node.ref);
    }
    const item = new vscode.TreeItem(entityLabel(record), vscode.TreeItemCollapsibleState.None);
    item.id = `entity:${record.ref}`;
    item.description = entitySummary(record);
    item.tooltip = entityTooltip(record);
    item.iconPath = entityIcon(record);
    item.contextValue = 'entity';
    item.resourceUri = vscode.Uri.file(record.file);
    item.command = { command: 'greenroom.openDescriptor', title: vscode.l10n.t('Open Descriptor'), arguments: [record.ref] };
    return item;
  }

  private schedule(event: CatalogChangeEvent): void {
    for (const ref of [...event.added, ...event.removed]) {
      const kind = ref.slice(0, ref.indexOf(':'));
      this.pendingKinds.add(kind);
      if (event.added.includes(ref) ? !this.shownKinds.has(kind) : this.catalog.index.byKind(kind).length === 0) {
        this.pendingRoot = true;
      }
    }
    for (const ref of event.updated) {
      this.pendingKinds.add(ref.slice(0, ref.indexOf(':')));
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), REFRESH_DEBOUNCE_MS);
  }

  private flush(): void {
    if (this.pendingRoot) {
      this.changeEmitter.fire(undefined);
    } else {
      for (const kind of this.pendingKinds) {
        this.changeEmitter.fire(kindNode(kind));
      }
    }
    this.pendingKinds = new Set();
    this.pendingRoot = false;
  }
}

function entityIcon(record: CatalogEntityRecord): vscode.ThemeIcon {
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
