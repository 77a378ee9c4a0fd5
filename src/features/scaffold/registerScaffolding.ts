import * as path from 'node:path';
import * as vscode from 'vscode';
import { TemplateRunCancelled, TemplateRunner } from '../../scaffolder';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import type { Settings } from '../../services/settings';
import { TEMPLATE_BUDGET_KEYS } from '../../services/settingsSchema';
import { askParameters, Cancelled } from './paletteFlow';
import { ScaffoldSession, type ConflictChoice, type CreatedProject } from './scaffoldSession';
import { PreviewDocuments } from './previewDocuments';
import { openTemplateFormPanel } from './templateFormPanel';
import { listTemplates, type TemplateChoice } from './templateSources';
import { Commands } from '../../shared/commands';
import { escapeCodicons } from '../../shared/codiconEscape';
import { escapeMessageLinks, escapeMessageLinksAndIcons } from '../../shared/messageLinkEscape';
import { templatePick } from './scaffoldPicks';

const SAFE_URL = /^(https?:|mailto:)/i;

function workspaceTargets(): { label: string; path: string }[] {
  return (vscode.workspace.workspaceFolders ?? [])
    .filter((folder) => folder.uri.scheme === 'file')
    .map((folder) => ({ label: folder.name, path: folder.uri.fsPath }));
}

async function chooseFolder(): Promise<string | undefined> {
  const first = vscode.workspace.workspaceFolders?.[0]?.uri;
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: vscode.l10n.t('Create here'),
    ...(first ? { defaultUri: first } : {}),
  });
  return picked?.[0]?.fsPath;
}

/**
 * Asks what to do about files that already exist. A modal's first button is its default (Enter),
 * so the first one loses nothing: a new folder beside; Overwrite must be chosen on purpose.
 */
async function confirmOverwrite(conflicts: readonly string[], targetDir: string): Promise<ConflictChoice> {
  const newFolder: vscode.MessageItem = { title: vscode.l10n.t('Write to a New Folder') };
  const overwrite: vscode.MessageItem = { title: vscode.l10n.t('Overwrite') };
  const cancel: vscode.MessageItem = { title: vscode.l10n.t('Cancel'), isCloseAffordance: true };
  const shown = conflicts.slice(0, 8).join(', ') + (conflicts.length > 8 ? ', …' : '');
  const answer = await vscode.window.showWarningMessage(
    conflicts.length === 1
      ? vscode.l10n.t('{0} already exists in {1}.', shown, path.basename(targetDir))
      : vscode.l10n.t('{0} files already exist in {1}: {2}.', conflicts.length, path.basename(targetDir), shown),
    {
      modal: true,
      detail: vscode.l10n.t('"Write to a New Folder" keeps them and writes beside them. "Overwrite" replaces them.'),
    },
    newFolder,
    overwrite,
    cancel,
  );
  return answer === overwrite ? 'overwrite' : answer === newFolder ? 'newFolder' : undefined;
}

/** The first non-empty lines of a file, on one line, for a preview row. */
function firstLines(content: string): string {
  const lines = content
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .slice(0, 3);
  const joined = lines.join(' ⏎ ');
  return escapeCodicons(joined.length > 160 ? `${joined.slice(0, 159)}…` : joined);
}

/** Scaffolding runs template code: only in trusted workspaces, and it says why otherwise. */
function ensureTrusted(): boolean {
  if (vscode.workspace.isTrusted) {
    return true;
  }
  void vscode.window
    .showWarningMessage(
      vscode.l10n.t(
        'Greenroom: creating from templates is disabled in an untrusted workspace, because templates run code and write files. Trust the workspace to use it.',
      ),
      vscode.l10n.t('Manage Workspace Trust'),
    )
    .then((choice) => {
      if (choice) {
        void vscode.commands.executeCommand('workbench.trust.manage');
      }
    });
  return false;
}

async function pickTemplate(
  extensionUri: vscode.Uri,
  catalog: CatalogService,
  argument: unknown,
): Promise<TemplateChoice | undefined> {
  await catalog.whenIndexed();
  const templates = listTemplates(extensionUri, catalog);
  if (typeof argument === 'string') {
    return templates.find(
      (template) => template.ref === argument || template.file === argument || template.title === argument,
    );
  }
  const picked = await vscode.window.showQuickPick(templates.map(templatePick), {
    title: vscode.l10n.t('Create from Template'),
    placeHolder: vscode.l10n.t('Pick a software template'),
    matchOnDetail: true,
  });
  return picked?.template;
}

function safeLinks(created: CreatedProject): CreatedProject['result']['output']['links'] {
  return created.result.output.links.filter((link) => typeof link.url === 'string' && SAFE_URL.test(link.url));
}

/** After creating: the catalog file, then the template's output links (as buttons) and text. */
async function announce(created: CreatedProject): Promise<void> {
  if (created.catalogFile) {
    await vscode.window.showTextDocument(vscode.Uri.file(created.catalogFile), { preview: false });
  }
  const links = safeLinks(created);
  // `entityRef` links (Backstage's "Open in catalog") open the entity's page here.
  const entityLinks = created.result.output.links.filter(
    (link) => link.url === undefined && typeof link.entityRef === 'string' && link.entityRef.length > 0,
  );
  const open = [...links, ...entityLinks].slice(0, 3).map((link) => link.title ?? link.url ?? link.entityRef ?? '');
  const skipped =
    created.result.skipped.length > 0
      ? vscode.l10n.t(
          ' Skipped: {0}.',
          escapeMessageLinks(created.result.skipped.map((step) => step.action).join(', ')),
        )
      : '';
  const texts = created.result.output.text.filter(
    (text) => typeof text.content === 'string' && text.content.trim().length > 0,
  );
  const showText = texts.length > 0 ? vscode.l10n.t('Show {0}', texts[0]?.title ?? vscode.l10n.t('Output')) : undefined;
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Created {0} files in {1}.{2}',
      created.written.length,
      escapeMessageLinks(path.basename(created.targetDir)),
      skipped,
    ),
    ...open,
    ...(showText ? [showText] : []),
  );
  if (choice !== undefined && choice === showText) {
    const markdown = texts.map((text) => `## ${text.title ?? ''}\n\n${text.content ?? ''}`).join('\n\n');
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.window.showTextDocument(document, { preview: true });
    return;
  }
  const entityLink = entityLinks.find((candidate) => (candidate.title ?? candidate.entityRef) === choice);
  if (entityLink?.entityRef) {
    await vscode.commands.executeCommand(Commands.openEntity, entityLink.entityRef);
    return;
  }
  const link = links.find((candidate) => (candidate.title ?? candidate.url) === choice);
  if (link?.url) {
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(link.url));
  }
}

/**
 * Runs `work` under a cancellable notification; cancelling aborts the signal it gets. The title
 * is shown as text: the notification finds links in it, and with the notification hidden,
 * progress shows in the status bar, which draws `$(…)`.
 */
function withCancellableProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: escapeMessageLinksAndIcons(title), cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      // `Disposable.dispose()` is typed `any`: a block body keeps it out of the promise chain.
      return work(controller.signal).finally(() => {
        subscription.dispose();
      });
    },
  );
}

/** "Create from Template…" (palette, one question at a time) and "Create from Template (Form)…". */
export function registerScaffolding(
  extensionUri: vscode.Uri,
  catalog: CatalogService,
  settings: Settings,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  const store = new DisposableStore();
  // Template runs happen in a worker thread (dist/templateWorker.js) within these budgets.
  const runner = new TemplateRunner({ budgets: settings.current.templateBudgets });
  store.add({ dispose: () => runner.dispose() });
  const previewDocuments = store.add(new PreviewDocuments());
  store.add(
    settings.onDidChange((change) => {
      if (change.affects(TEMPLATE_BUDGET_KEYS)) {
        runner.setBudgets(settings.current.templateBudgets);
      }
    }),
  );
  const openSession = async (argument: unknown): Promise<ScaffoldSession | undefined> => {
    if (!ensureTrusted()) {
      return undefined;
    }
    const choice = await pickTemplate(extensionUri, catalog, argument);
    if (!choice) {
      return undefined;
    }
    if (!choice.file) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          '{0} lives in registry {1}; its skeleton is on the Backstage server. Run it from Backstage, or add the template to your workspace.',
          escapeMessageLinks(choice.title),
          escapeMessageLinks(choice.registry ?? ''),
        ),
      );
      return undefined;
    }
    return ScaffoldSession.open(choice.file, catalog, runner);
  };
  const reportError = (error: unknown): void => {
    if (error instanceof Cancelled || error instanceof TemplateRunCancelled) {
      return;
    }
    log.error('Scaffolding failed', error);
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'Greenroom could not create from the template: {0}',
        escapeMessageLinks(error instanceof Error ? error.message : String(error)),
      ),
    );
  };

  store.add(
    vscode.commands.registerCommand(Commands.createFromTemplate, async (argument: unknown) => {
      try {
        const session = await openSession(argument);
        if (!session) {
          return;
        }
        const values = await askParameters(session, catalog);
        const targets = workspaceTargets();
        const target =
          targets.length === 1 && targets[0]
            ? targets[0].path
            : await vscode.window
                .showQuickPick(
                  [
                    ...targets.map((folder) => ({
                      label: escapeCodicons(folder.label),
                      description: escapeCodicons(folder.path),
                      target: folder.path,
                    })),
                    {
                      label: vscode.l10n.t('$(folder-opened) Choose another folder…'),
                      description: '',
                      target: undefined,
                    },
                  ],
                  { title: vscode.l10n.t('Write the new files into') },
                )
                .then(async (picked) => (picked ? (picked.target ?? (await chooseFolder())) : undefined));
        if (!target) {
          return;
        }
        const preview = await withCancellableProgress(
          vscode.l10n.t('Preparing {0}', session.template.title),
          (signal) => session.preview(values, signal),
        );
        const destination = session.destination(preview, values, target);
        const existing = await session.existingFiles(preview, values, target);
        const create = vscode.l10n.t('Create {0} files', preview.files.length);
        const items = [
          {
            label: `$(check) ${create}`,
            description: escapeCodicons(destination),
            detail: [
              existing.size > 0
                ? vscode.l10n.t(
                    '$(warning) {0} of them already exist; you will be asked before anything is replaced.',
                    existing.size,
                  )
                : '',
              ...preview.skipped.map(
                (step) => `$(debug-step-over) ${escapeCodicons(`${step.action}: ${step.reason}`)}`,
              ),
            ]
              .filter((part) => part)
              .join('  '),
            file: undefined as string | undefined,
          },
          ...preview.files.map((file) => ({
            label: `${existing.has(file.path) ? '$(warning)' : '$(file)'} ${escapeCodicons(file.path)}`,
            description: existing.has(file.path)
              ? vscode.l10n.t('{0} B — exists, would be replaced', file.size)
              : `${file.size} B`,
            detail: file.content === undefined ? vscode.l10n.t('(binary file)') : firstLines(file.content),
            file: file.path,
          })),
        ];
        // Picking a file shows it and comes back here; only "Create" or Escape leave.
        let confirmed: (typeof items)[number] | undefined;
        for (;;) {
          confirmed = await vscode.window.showQuickPick(items, {
            title: vscode.l10n.t('Preview (dry run): {0}', session.template.title),
            placeHolder: vscode.l10n.t('Nothing is written until you pick "{0}". Pick a file to read it.', create),
            ignoreFocusOut: true,
            matchOnDetail: true,
          });
          const file =
            confirmed?.file === undefined
              ? undefined
              : preview.files.find((candidate) => candidate.path === confirmed?.file);
          if (!file) {
            break;
          }
          await previewDocuments.show(
            session.template.title,
            file.path,
            file.content ?? vscode.l10n.t('(binary file, {0} bytes)', file.size),
          );
          // The preview would cover the file: it comes back when the user has read it (closing the message does too).
          await vscode.window.showInformationMessage(
            vscode.l10n.t(
              '{0} is shown as it would be created; nothing is written yet.',
              escapeMessageLinks(file.path),
            ),
            vscode.l10n.t('Back to Preview'),
          );
        }
        if (!confirmed) {
          return;
        }
        const created = await withCancellableProgress(vscode.l10n.t('Creating {0}', session.template.title), (signal) =>
          session.create(values, target, confirmOverwrite, signal),
        );
        if (created) {
          await announce(created);
        }
      } catch (error) {
        reportError(error);
      }
    }),
  );

  // From a Template's page: only a ref of a template, never a path or a title.
  store.add(
    vscode.commands.registerCommand(Commands.createFromThisTemplate, async (ref: unknown) => {
      if (typeof ref !== 'string' || !/^template:/i.test(ref)) {
        return;
      }
      await vscode.commands.executeCommand(Commands.createFromTemplateForm, ref);
    }),
  );

  store.add(
    vscode.commands.registerCommand(Commands.createFromTemplateForm, async (argument: unknown) => {
      try {
        const session = await openSession(argument);
        if (!session) {
          return;
        }
        openTemplateFormPanel(
          extensionUri,
          session,
          catalog,
          {
            targets: workspaceTargets,
            chooseFolder,
            create: async (values, targetDir) => {
              const created = await session.create(values, targetDir, confirmOverwrite);
              if (!created) {
                return undefined;
              }
              void announce(created);
              return {
                folder: created.targetDir,
                written: created.written,
                links: safeLinks(created).map((link) => ({ title: link.title ?? link.url ?? '', url: link.url ?? '' })),
                text: created.result.output.text
                  .filter((text) => typeof text.content === 'string')
                  .map((text) => ({ title: text.title ?? '', content: text.content ?? '' })),
              };
            },
          },
          log,
        );
      } catch (error) {
        reportError(error);
      }
    }),
  );
  return store;
}
