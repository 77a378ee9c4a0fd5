import * as path from 'node:path';
import * as vscode from 'vscode';
import { entityLabel, nodeCatalogFileSystem, type CatalogEntityRecord } from '../../catalog';
import { PathIdentity } from '../../catalog/pathIdentity';
import { toEntityView } from '../../plugins/entityView';
import type { PluginRegistry } from '../../plugins/pluginRegistry';
import { sanitizeTabHtml } from '../../plugins/sanitizeTabHtml';
import { createTabRenderContext } from '../../plugins/tabRenderContext';
import { escapeHtml } from '../../shared/htmlEscape';
import {
  parsePanelState,
  parseWebviewMessage,
  type HostMessage,
  type PanelState,
  type WebviewMessage,
} from '../../shared/panelProtocol';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import { entityHeaderHtml, type HeaderAction } from './entityHeader';
import { withTimeout } from '../../shared/withTimeout';
import { panelShellHtml } from './webviewHtml';
import { Commands, PANEL_COMMANDS } from '../../shared/commands';
import { warnNoSuchEntity } from '../entityCommands/noSuchEntity';

export const ENTITY_PANEL_VIEW_TYPE = 'greenroom.entity';

/** A tab that takes longer than this shows a message instead of hanging the panel. */
const RENDER_TIMEOUT_MS = 10_000;

interface OpenPanel {
  readonly panel: vscode.WebviewPanel;
  state: PanelState;
  readonly store: DisposableStore;
  renderVersion: number;
}

/**
 * One webview panel per entity (re-focused, never duplicated), rendering the tabs that
 * registered plugins contribute; restored after reload by a serializer.
 */
export class EntityPanelManager implements vscode.Disposable {
  private readonly panels = new Map<string, OpenPanel>();
  private readonly store = new DisposableStore();
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly catalog: CatalogService,
    private readonly plugins: PluginRegistry,
    private readonly log: vscode.LogOutputChannel,
    private readonly backstageUrlFor: (record: CatalogEntityRecord) => string | undefined,
  ) {
    this.store.add(
      vscode.window.registerWebviewPanelSerializer(ENTITY_PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, raw) => {
          const state = parsePanelState(raw);
          if (!state) {
            panel.dispose();
            return;
          }
          await catalog.whenIndexed();
          this.attach(panel, state);
        },
      }),
    );
    this.store.add(
      catalog.onDidChange((event) => {
        const touched = [...event.added, ...event.removed, ...event.updated];
        if ([...this.panels.keys()].some((ref) => touched.includes(ref))) {
          this.scheduleRefresh();
        }
      }),
    );
    // Docs and definitions live in other files: a save may change what a tab shows.
    this.store.add(vscode.workspace.onDidSaveTextDocument(() => this.scheduleRefresh()));
    this.store.add(plugins.onDidChange(() => this.scheduleRefresh()));
  }

  /** Opens (or re-focuses) the page of an entity, optionally on a tab (`pluginId/tabId`). */
  open(ref: string, tab?: string, tabState?: string): void {
    const key = ref.toLowerCase();
    const existing = this.panels.get(key);
    if (existing) {
      if (tab) {
        existing.state = { ref: key, tab, ...(tabState !== undefined ? { tabState } : {}) };
        void this.render(existing);
      }
      existing.panel.reveal();
      return;
    }
    const record = this.catalog.index.get(key);
    const panel = vscode.window.createWebviewPanel(
      ENTITY_PANEL_VIEW_TYPE,
      record ? entityLabel(record) : ref,
      vscode.ViewColumn.Active,
      {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: this.resourceRoots(record),
      },
    );
    this.attach(panel, { ref: key, ...(tab ? { tab } : {}), ...(tabState !== undefined ? { tabState } : {}) });
  }

  /** Re-renders the visible pages, e.g. after something their header shows (a star) changed. */
  refresh(): void {
    this.scheduleRefresh();
  }

  /** Refs of the open panels, for tests and the API. */
  openRefs(): string[] {
    return [...this.panels.keys()];
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const open of this.panels.values()) {
      open.panel.dispose();
    }
    this.store.dispose();
  }

  private resourceRoots(record: CatalogEntityRecord | undefined): vscode.Uri[] {
    const roots = [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')];
    const folder =
      record?.origin.type === 'workspace'
        ? vscode.workspace.getWorkspaceFolder(vscode.Uri.file(record.file))
        : undefined;
    if (folder) {
      roots.push(folder.uri);
    }
    return roots;
  }

  private attach(panel: vscode.WebviewPanel, state: PanelState): void {
    const record = this.catalog.index.get(state.ref);
    panel.webview.options = { enableScripts: true, localResourceRoots: this.resourceRoots(record) };
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'greenroom.svg');
    panel.title = record ? entityLabel(record) : state.ref;
    const open: OpenPanel = { panel, state, store: new DisposableStore(), renderVersion: 0 };
    this.panels.set(state.ref, open);
    open.store.add(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseWebviewMessage(raw);
        if (!message) {
          this.log.warn(`Entity panel ${state.ref}: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 200)}`);
          return;
        }
        void this.handle(open, message);
      }),
    );
    open.store.add(
      panel.onDidDispose(() => {
        open.store.dispose();
        if (this.panels.get(open.state.ref) === open) {
          this.panels.delete(open.state.ref);
        }
      }),
    );
    panel.webview.html = panelShellHtml(panel.webview, this.extensionUri, state, panel.title);
  }

  private async handle(open: OpenPanel, message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.render(open);
        return;
      case 'selectTab':
        open.state = { ref: open.state.ref, tab: message.tab };
        await this.render(open);
        return;
      case 'tabState':
        open.state = { ref: open.state.ref, tab: message.tab, tabState: message.state };
        await this.render(open);
        return;
      case 'openEntity':
        if (this.catalog.index.has(message.ref)) {
          this.open(message.ref);
        } else {
          warnNoSuchEntity(message.ref);
        }
        return;
      case 'openExternal':
        // vscode.open goes through VS Code's link protection (the "open external website?" prompt).
        await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(message.url));
        return;
      case 'openFile':
        await this.openFile(message.path, message.line);
        return;
      case 'runCommand':
        if (PANEL_COMMANDS.has(message.command)) {
          await vscode.commands.executeCommand(message.command, ...message.args);
        } else {
          this.log.warn(`Entity panel ${open.state.ref}: refused command ${message.command}`);
        }
        return;
    }
  }

  private async openFile(file: string, line: number | undefined): Promise<void> {
    const uri = vscode.Uri.file(path.resolve(file));
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    // By real path: a link inside the workspace must not open a file outside it.
    const lookup = folder
      ? await new PathIdentity(nodeCatalogFileSystem, folder.uri.fsPath).lookup(uri.fsPath)
      : undefined;
    if (lookup?.kind !== 'inside') {
      this.log.warn(`Entity panel: refused to open ${file}, outside the workspace`);
      return;
    }
    const position = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: true });
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      for (const open of this.panels.values()) {
        if (open.panel.visible) {
          void this.render(open);
        }
      }
    }, 200);
  }

  private async render(open: OpenPanel): Promise<void> {
    const version = ++open.renderVersion;
    const record = this.catalog.index.get(open.state.ref);
    if (!record) {
      await this.post(open, {
        type: 'render',
        render: {
          ref: open.state.ref,
          headerHtml: `<header class="entity-header"><h1>${escapeHtml(open.state.ref)}</h1></header>`,
          tabs: [],
          activeTab: '',
          tabState: undefined,
          bodyHtml: `<p class="notice">${escapeHtml(vscode.l10n.t('{0} is not in the catalog (any more).', open.state.ref))}</p>`,
        },
      });
      return;
    }
    const view = toEntityView(this.catalog.index, record);
    const tabs = this.plugins.tabsFor(view);
    const active = tabs.find((tab) => tab.key === open.state.tab) ?? tabs[0];
    const tabState = active && active.key === open.state.tab ? open.state.tabState : undefined;
    open.panel.title = view.title;
    const webview = open.panel.webview;
    const context = createTabRenderContext(this.catalog.index, tabState, (absolutePath) => {
      const uri = vscode.Uri.file(absolutePath);
      return vscode.workspace.getWorkspaceFolder(uri) ? webview.asWebviewUri(uri).toString() : undefined;
    });
    let body = '';
    if (active) {
      try {
        const html = await withTimeout(
          Promise.resolve(active.tab.render(view, context)),
          RENDER_TIMEOUT_MS,
          `took longer than ${RENDER_TIMEOUT_MS / 1000} s`,
        );
        body = sanitizeTabHtml(typeof html === 'string' ? html : '');
      } catch (error) {
        this.log.error(`Plugin ${active.pluginId}: tab ${active.tab.title} failed for ${record.ref}`, error);
        body = `<p class="notice error">${escapeHtml(vscode.l10n.t('The {0} tab could not be shown: {1}', active.tab.title, error instanceof Error ? error.message : String(error)))}</p>`;
      }
    }
    if (version !== open.renderVersion) {
      return; // a newer render started while this tab was rendering
    }
    // Every origin (workspace file, URL, registry) has a descriptor to show.
    // A registry's entity has no file here: its descriptor is a read-only YAML view, and it can be re-read.
    const remote = record.origin.type === 'registry';
    const actions: HeaderAction[] = [
      {
        title: remote ? vscode.l10n.t('View YAML') : vscode.l10n.t('Open descriptor'),
        command: Commands.openDescriptor,
        args: [record.ref],
      },
    ];
    if (remote) {
      actions.push({ title: vscode.l10n.t('Refresh'), command: Commands.refreshRemoteEntity, args: [record.ref] });
    }
    if (record.entity.kind.toLowerCase() === 'template') {
      // Nothing is written from here: it opens the form, which asks before creating (and only in a trusted workspace).
      actions.unshift({
        title: vscode.l10n.t('Create from this template'),
        command: Commands.createFromThisTemplate,
        args: [record.ref],
      });
      // Backstage's template page leads back to its Create page, where the other templates are.
      actions.push({ title: vscode.l10n.t('All templates'), command: Commands.openCreatePage, args: [] });
    }
    for (const { pluginId, action } of this.plugins.actionsFor(view)) {
      actions.push({ title: action.title, command: Commands.runEntityAction, args: [pluginId, action.id, record.ref] });
    }
    const headerHtml = sanitizeTabHtml(
      entityHeaderHtml(this.catalog.index, record, view.title, actions, this.backstageUrlFor(record)),
    );
    open.state = {
      ref: record.ref,
      ...(active ? { tab: active.key } : {}),
      ...(tabState !== undefined ? { tabState } : {}),
    };
    await this.post(open, {
      type: 'render',
      render: {
        ref: record.ref,
        headerHtml,
        tabs: tabs.map((tab) => ({ key: tab.key, title: tab.tab.title })),
        activeTab: active?.key ?? '',
        tabState,
        bodyHtml: body,
      },
    });
  }

  private async post(open: OpenPanel, message: HostMessage): Promise<void> {
    try {
      await open.panel.webview.postMessage(message);
    } catch {
      // the panel was closed meanwhile
    }
  }
}
