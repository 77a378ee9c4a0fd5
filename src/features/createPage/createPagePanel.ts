import * as vscode from 'vscode';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import { Commands } from '../../shared/commands';
import { parseCreateMessage, type CreateHostMessage, type CreateWebviewMessage } from '../../shared/createPageProtocol';
import { connectPanel, panelResourceRoots } from '../panels/panelConnection';
import { panelShellHtml } from '../panels/webviewHtml';
import { listTemplates, type TemplateChoice } from '../scaffold/templateSources';
import { templateCards } from './templateCards';

export const CREATE_PAGE_VIEW_TYPE = 'greenroom.create';
/** Index events come one per file during a load: one refresh of the cards per burst. */
const CHANGE_DEBOUNCE_MS = 300;

/**
 * The Create page: every software template as a card, grouped by category. Choosing a card opens
 * the template's form; nothing is written from here.
 */
export class CreatePagePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelStore: vscode.Disposable = new DisposableStore();
  private readonly store = new DisposableStore();
  /** What the cards on screen were built from: a card's id is its position here. */
  private templates: TemplateChoice[] = [];
  private changeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly catalog: CatalogService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.store.add(
      catalog.onDidChange((event) => {
        if ([...event.added, ...event.removed, ...event.updated].some((ref) => ref.startsWith('template:'))) {
          this.schedulePush();
        }
      }),
    );
    this.store.add(catalog.onDidFinishIndexing(() => this.schedulePush()));
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      CREATE_PAGE_VIEW_TYPE,
      vscode.l10n.t('Create'),
      vscode.ViewColumn.Active,
      {
        enableScripts: true,
        localResourceRoots: panelResourceRoots(this.extensionUri),
      },
    );
    this.attach(panel);
  }

  /** Takes over a panel VS Code restored after a reload. */
  attach(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    this.panelStore = connectPanel(panel, {
      extensionUri: this.extensionUri,
      name: 'Create page',
      log: this.log,
      parse: parseCreateMessage,
      handle: (message) => this.handle(message),
      onDidDispose: () => {
        if (this.panel === panel) {
          this.panel = undefined;
        }
      },
    });
    panel.webview.html = panelShellHtml(panel.webview, this.extensionUri, {}, vscode.l10n.t('Create'), 'createPage.js');
  }

  dispose(): void {
    clearTimeout(this.changeTimer);
    this.panel?.dispose();
    this.panelStore.dispose();
    this.store.dispose();
  }

  private async handle(message: CreateWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.push();
        return;
      case 'choose': {
        const template = this.templates[message.id];
        if (!template) {
          return;
        }
        // The form asks every question and previews before anything is written.
        await vscode.commands.executeCommand(
          Commands.createFromTemplateForm,
          template.ref ?? template.file ?? template.title,
        );
        return;
      }
    }
  }

  private schedulePush(): void {
    if (!this.panel) {
      return;
    }
    clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => void this.push(), CHANGE_DEBOUNCE_MS);
  }

  private async push(): Promise<void> {
    const panel = this.panel;
    if (!panel) {
      return;
    }
    this.templates = listTemplates(this.extensionUri, this.catalog);
    const message: CreateHostMessage = {
      type: 'templates',
      cards: templateCards(this.templates, this.catalog.index),
      indexing: !this.catalog.isIndexed,
    };
    try {
      await panel.webview.postMessage(message);
    } catch {
      // the panel was closed meanwhile
    }
  }
}
