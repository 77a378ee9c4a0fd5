import * as vscode from 'vscode';
import { buildCatalogTable, queryCatalogTable, type CatalogTable } from '../../catalog/views/catalogTable';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import {
  DEFAULT_TABLE_REQUEST,
  parseTableMessage,
  parseTableRequest,
  type TableHostMessage,
  type TableRequest,
  type TableWebviewMessage,
} from '../../shared/catalogTableProtocol';
import { connectPanel, panelResourceRoots } from '../panels/panelConnection';
import { panelShellHtml } from '../panels/webviewHtml';
import type { IdentityService } from '../identity/identityService';
import type { StarredStore } from '../starred/starredStore';
import { warnNoSuchEntity } from '../entityCommands/noSuchEntity';

export const CATALOG_TABLE_VIEW_TYPE = 'greenroom.catalogTable';
/** Index events come one per file during a load: one recomputation per burst. */
const CHANGE_DEBOUNCE_MS = 300;

/**
 * The catalog as a sortable, filterable table. The host owns the rows and answers each query
 * with one page, so the webview stays light at any catalog size.
 */
export class CatalogTablePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly store = new DisposableStore();
  private panelStore: vscode.Disposable = new DisposableStore();
  private table: CatalogTable | undefined;
  private lastRequest: TableRequest = DEFAULT_TABLE_REQUEST;
  private changeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly catalog: CatalogService,
    private readonly starred: StarredStore,
    private readonly identity: IdentityService,
    private readonly openEntity: (ref: string) => void,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.store.add(
      catalog.onDidChange(() => {
        this.table = undefined;
        this.schedulePush();
      }),
    );
    this.store.add(
      catalog.onDidFinishIndexing(() => {
        this.table = undefined;
        this.schedulePush();
      }),
    );
    this.store.add(starred.onDidChange(() => this.schedulePush()));
    this.store.add(identity.onDidChange(() => this.schedulePush()));
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      CATALOG_TABLE_VIEW_TYPE,
      vscode.l10n.t('Catalog'),
      vscode.ViewColumn.Active,
      {
        enableScripts: true,
        retainContextWhenHidden: false,
        localResourceRoots: panelResourceRoots(this.extensionUri),
      },
    );
    this.attach(panel, this.lastRequest);
  }

  /**
   * Takes over a panel: a new one, or one VS Code restored after a reload with the webview's last
   * state (filters, sort, page; the webview itself puts its scroll position back).
   */
  attach(panel: vscode.WebviewPanel, restored: unknown): void {
    if (this.panel && this.panel !== panel) {
      this.panel.dispose();
    }
    this.lastRequest = parseTableRequest(restored) ?? this.lastRequest;
    this.panel = panel;
    this.panelStore = connectPanel(panel, {
      extensionUri: this.extensionUri,
      name: 'Catalog table',
      log: this.log,
      parse: parseTableMessage,
      handle: (message) => this.handle(message),
      onDidDispose: () => {
        if (this.panel === panel) {
          this.panel = undefined;
        }
      },
    });
    panel.webview.html = panelShellHtml(
      panel.webview,
      this.extensionUri,
      this.lastRequest,
      vscode.l10n.t('Catalog'),
      'catalogTable.js',
    );
  }

  dispose(): void {
    clearTimeout(this.changeTimer);
    this.panel?.dispose();
    this.panelStore.dispose();
    this.store.dispose();
  }

  private async handle(message: TableWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.push(0, this.lastRequest);
        return;
      case 'query':
        await this.push(message.id, message.request);
        return;
      case 'openEntity':
        if (this.catalog.index.has(message.ref)) {
          this.openEntity(message.ref);
        } else {
          warnNoSuchEntity(message.ref);
        }
        return;
      case 'toggleStar':
        if (this.catalog.index.has(message.ref)) {
          await this.starred.setStarred(message.ref, !this.starred.has(message.ref));
        }
        return;
    }
  }

  private schedulePush(): void {
    if (!this.panel) {
      return;
    }
    clearTimeout(this.changeTimer);
    // While a large workspace loads, rebuilding the rows for every burst would compete with indexing.
    this.changeTimer = setTimeout(
      () => void this.push(0, this.lastRequest),
      this.catalog.isIndexed ? CHANGE_DEBOUNCE_MS : CHANGE_DEBOUNCE_MS * 4,
    );
  }

  private async push(id: number, request: TableRequest): Promise<void> {
    const panel = this.panel;
    if (!panel) {
      return;
    }
    const started = performance.now();
    const built = this.table === undefined;
    this.table ??= buildCatalogTable(this.catalog.index);
    const page = queryCatalogTable(this.table, request, {
      ownerRefs: request.ownedByMe ? this.identity.ownerRefs(this.catalog.index) : undefined,
      starred: this.starred.set(),
    });
    this.lastRequest = { ...request, offset: page.offset };
    this.log.debug(
      `Catalog table: ${built ? 'built and ' : ''}queried ${page.all} rows in ${(performance.now() - started).toFixed(1)} ms`,
    );
    const message: TableHostMessage = {
      type: 'page',
      id,
      request: this.lastRequest,
      page,
      identity: this.identity.describe(),
      indexing: !this.catalog.isIndexed,
    };
    try {
      await panel.webview.postMessage(message);
    } catch {
      // the panel was closed meanwhile
    }
  }
}
