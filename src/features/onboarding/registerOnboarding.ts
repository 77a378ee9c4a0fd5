import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { nodeCatalogFileSystem, type CatalogProblem } from '../../catalog';
import {
  applyAnswers,
  catalogFactsOf,
  DESCRIPTOR_FILE_NAME,
  openQuestions,
  proposeOnboarding,
  renderProposalYaml,
  validateProposal,
  type OnboardingProposal,
} from '../../onboarding';
import type { CatalogService } from '../../services/catalogService';
import type { Settings } from '../../services/settings';
import { DisposableStore } from '../../shared/disposableStore';
import { Commands } from '../../shared/commands';
import { askQuestions, OnboardingCancelled } from './onboardingQuestions';
import { ProposalPreview } from './proposalPreview';
import { escapeCodicons } from '../../shared/codiconEscape';
import { escapeMessageLinks } from '../../shared/messageLinkEscape';

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/** The folder to describe: the Explorer's folder, else one the user picks in the workspace. */
async function chooseFolder(argument: unknown): Promise<vscode.Uri | undefined> {
  if (argument instanceof vscode.Uri) {
    return argument;
  }
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
  const first = folders[0];
  if (folders.length === 1 && first) {
    const choice = await vscode.window.showQuickPick(
      [
        { label: escapeCodicons(first.name), description: vscode.l10n.t('the workspace folder'), uri: first.uri },
        { label: vscode.l10n.t('$(folder) Choose a Folder…'), uri: undefined },
      ],
      { title: vscode.l10n.t('Greenroom: Add Which Folder to the Catalog?') },
    );
    if (!choice) {
      return undefined;
    }
    if (choice.uri) {
      return choice.uri;
    }
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: vscode.l10n.t('Add to Catalog'),
    ...(first ? { defaultUri: first.uri } : {}),
  });
  return picked?.[0];
}

function describeProblems(problems: readonly CatalogProblem[]): string {
  return problems.map((problem) => `line ${problem.range.start.line + 1}: ${problem.message}`).join('\n');
}

/**
 * "Greenroom: Add This Folder to the Catalog…": proposes the folder's catalog-info.yaml from
 * what it already says, asks what it could not infer, shows the proposal as a diff and writes
 * it on confirmation; the index is updated at once so the entity shows in the tree.
 */
export function registerOnboarding(
  catalog: CatalogService,
  settings: Settings,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  const store = new DisposableStore();
  const preview = store.add(new ProposalPreview());

  const propose = async (folder: vscode.Uri): Promise<OnboardingProposal | undefined> => {
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(folder);
    if (!workspaceFolder || folder.scheme !== 'file') {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Greenroom: {0} is not inside a workspace folder on disk, so it cannot be added to the catalog.',
          escapeMessageLinks(folder.fsPath),
        ),
      );
      return undefined;
    }
    await catalog.whenIndexed();
    return vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Window,
        // Window progress is status bar text, which draws `$(…)`: a folder's name shows as text.
        title: vscode.l10n.t('Greenroom: reading {0}…', escapeCodicons(path.basename(folder.fsPath))),
      },
      () =>
        proposeOnboarding({
          fs: nodeCatalogFileSystem,
          boundary: workspaceFolder.uri.fsPath,
          folder: folder.fsPath,
          catalog: catalogFactsOf(catalog.index),
          defaults: settings.current.onboarding,
        }),
    );
  };

  const run = async (argument: unknown): Promise<void> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Greenroom: adding folders to the catalog writes files, which is disabled in an untrusted workspace. Trust the workspace to use it.',
        ),
      );
      return;
    }
    const folder = await chooseFolder(argument);
    if (!folder) {
      return;
    }
    const descriptor = path.join(folder.fsPath, DESCRIPTOR_FILE_NAME);
    if (await exists(descriptor)) {
      const open = vscode.l10n.t('Open It');
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t(
          '{0} already has a {1}; Greenroom does not replace it.',
          path.basename(folder.fsPath),
          DESCRIPTOR_FILE_NAME,
        ),
        { modal: true },
        open,
      );
      if (choice === open) {
        await vscode.window.showTextDocument(vscode.Uri.file(descriptor));
      }
      return;
    }
    const proposal = await propose(folder);
    if (!proposal) {
      return;
    }
    const answered = applyAnswers(proposal, await askQuestions(openQuestions(proposal)));
    const text = renderProposalYaml(answered);
    const problems = (
      await validateProposal(
        text,
        answered.descriptorPath,
        vscode.workspace.getWorkspaceFolder(folder)?.uri.fsPath ?? folder.fsPath,
        catalog.index,
      )
    ).filter((problem) => problem.severity === 'error');
    await preview.showDiff(answered.descriptorPath, text);
    const entities =
      answered.components.length + answered.components.reduce((sum, component) => sum + component.apis.length, 0);
    if (problems.length > 0) {
      log.warn(`Onboarding proposal for ${folder.fsPath} has errors:\n${describeProblems(problems)}`);
      const edit = vscode.l10n.t('Open as Untitled');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('The proposal would not validate, so it was not written.'),
        { modal: true, detail: describeProblems(problems) },
        edit,
      );
      if (choice === edit) {
        await vscode.window.showTextDocument(
          await vscode.workspace.openTextDocument({ language: 'yaml', content: text }),
        );
      }
      return;
    }
    // Writing a new file loses nothing, so it is the default (first) button; Cancel keeps the disk as it is.
    const write = vscode.l10n.t('Write {0}', DESCRIPTOR_FILE_NAME);
    const where =
      path.relative(vscode.workspace.getWorkspaceFolder(folder)?.uri.fsPath ?? '', answered.descriptorPath) ||
      DESCRIPTOR_FILE_NAME;
    const choice = await vscode.window.showInformationMessage(
      entities === 1
        ? vscode.l10n.t('Add 1 entity to the catalog in {0}?', where)
        : vscode.l10n.t('Add {0} entities to the catalog in {1}?', entities, where),
      {
        modal: true,
        detail: vscode.l10n.t(
          'The diff shows the proposed file; each comment says where a value came from. Nothing exists at this path yet.',
        ),
      },
      write,
    );
    if (choice !== write) {
      return;
    }
    try {
      // `wx`: a file that appeared since the check is never replaced.
      await fs.writeFile(answered.descriptorPath, text, { encoding: 'utf8', flag: 'wx' });
    } catch (error) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          'Greenroom: could not write {0}: {1}',
          escapeMessageLinks(answered.descriptorPath),
          escapeMessageLinks(error instanceof Error ? error.message : String(error)),
        ),
      );
      return;
    }
    log.info(`Wrote ${answered.descriptorPath} (${entities} entities)`);
    await preview.close();
    await catalog.updateFile(answered.descriptorPath);
    await vscode.window.showTextDocument(vscode.Uri.file(answered.descriptorPath), { preview: false });
    const first = catalog.index.byFile(answered.descriptorPath)[0];
    if (first) {
      await vscode.commands.executeCommand(Commands.revealInCatalog, first.ref);
    }
  };

  store.add(
    vscode.commands.registerCommand(Commands.addFolderToCatalog, async (argument: unknown) => {
      try {
        await run(argument);
      } catch (error) {
        if (error instanceof OnboardingCancelled) {
          return;
        }
        log.error(error instanceof Error ? error : String(error));
        void vscode.window.showErrorMessage(
          vscode.l10n.t(
            'Greenroom: could not add the folder to the catalog: {0}',
            escapeMessageLinks(error instanceof Error ? error.message : String(error)),
          ),
        );
      }
    }),
  );
  return store;
}
