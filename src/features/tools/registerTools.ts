import * as vscode from 'vscode';
import { entityLabel, entityLinks, type CatalogEntityRecord } from '../../catalog';
import type { ToolShortcut } from '../../plugins/builtin/toolsPlugin';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import type { Settings } from '../../services/settings';
import { Commands } from '../../shared/commands';

type ToolsNode =
  | { readonly type: 'section'; readonly id: 'global' | 'entity' }
  | { readonly type: 'tool'; readonly tool: ToolShortcut; readonly index: number }
  | { readonly type: 'link'; readonly title: string; readonly url: string; readonly icon: string | undefined };

const SAFE_URL = /^(https?:|mailto:)/i;

/** Opens a tool: URLs through VS Code's link protection, commands directly (settings are the user's). */
async function openTool(tool: ToolShortcut): Promise<void> {
  if (tool.url && SAFE_URL.test(tool.url)) {
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(tool.url));
  } else if (tool.command) {
    await vscode.commands.executeCommand(tool.command);
  }
}

/** The Tools view: team-wide shortcuts from settings and the links of the entity being edited. */
class ToolsTreeProvider implements vscode.TreeDataProvider<ToolsNode> {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(
    private readonly currentEntity: () => CatalogEntityRecord | undefined,
    private readonly tools: () => readonly ToolShortcut[],
  ) {}

  refresh(): void {
    this.changeEmitter.fire();
  }

  getChildren(node?: ToolsNode): ToolsNode[] {
    if (!node) {
      const sections: ToolsNode[] = [{ type: 'section', id: 'global' }];
      if (this.currentEntity()) {
        sections.push({ type: 'section', id: 'entity' });
      }
      return sections;
    }
    if (node.type === 'section' && node.id === 'global') {
      return this.tools().map((tool, index) => ({ type: 'tool', tool, index }));
    }
    if (node.type === 'section' && node.id === 'entity') {
      const entity = this.currentEntity()?.entity;
      return (entity ? entityLinks(entity) : [])
        .filter((link) => SAFE_URL.test(link.url))
        .map((link) => ({ type: 'link', title: link.title ?? link.url, url: link.url, icon: link.icon }));
    }
    return [];
  }

  getTreeItem(node: ToolsNode): vscode.TreeItem {
    if (node.type === 'section') {
      const entity = this.currentEntity();
      const label =
        node.id === 'global'
          ? vscode.l10n.t('Team tools')
          : vscode.l10n.t('Links of {0}', entity ? entityLabel(entity) : '');
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `section:${node.id}`;
      return item;
    }
    if (node.type === 'tool') {
      const item = new vscode.TreeItem(node.tool.title);
      item.iconPath = new vscode.ThemeIcon(node.tool.icon ?? (node.tool.url ? 'link-external' : 'terminal'));
      item.tooltip = node.tool.url ?? node.tool.command;
      item.command = { command: Commands.runTool, title: node.tool.title, arguments: [node.index] };
      return item;
    }
    const item = new vscode.TreeItem(node.title);
    item.iconPath = new vscode.ThemeIcon('link-external');
    item.tooltip = node.url;
    item.command = { command: 'vscode.open', title: node.title, arguments: [vscode.Uri.parse(node.url)] };
    return item;
  }
}

export function registerTools(catalog: CatalogService, settings: Settings): vscode.Disposable {
  const store = new DisposableStore();
  const currentEntity = (): CatalogEntityRecord | undefined => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.scheme !== 'file') {
      return undefined;
    }
    const line = editor.selection.active.line;
    const records = catalog.index.byFile(editor.document.uri.fsPath);
    return records.find((record) => record.range.start.line <= line && line <= record.range.end.line) ?? records[0];
  };
  const tools = (): readonly ToolShortcut[] => settings.current.tools;
  const provider = new ToolsTreeProvider(currentEntity, tools);
  store.add(vscode.window.createTreeView('greenroom.tools', { treeDataProvider: provider }));
  store.add(vscode.window.onDidChangeActiveTextEditor(() => provider.refresh()));
  store.add(vscode.window.onDidChangeTextEditorSelection(() => provider.refresh()));
  store.add(
    settings.onDidChange((change) => {
      if (change.affects(['tools'])) {
        provider.refresh();
      }
    }),
  );
  store.add(
    vscode.commands.registerCommand(Commands.runTool, async (index: unknown) => {
      const tool = typeof index === 'number' ? tools()[index] : undefined;
      if (tool) {
        await openTool(tool);
      }
    }),
  );
  return store;
}
