import { open } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { CatalogService } from '../../services/catalogService';
import type { Settings } from '../../services/settings';
import { Commands } from '../../shared/commands';
import {
  DESCRIPTOR_SNIFF_BYTES,
  looksLikeDescriptor,
  suggestGlobs,
  withGlobs,
  type GlobSuggestion,
} from './descriptorGlobs';
import { escapeCodicons } from '../../shared/codiconEscape';
import { escapeMessageLinks } from '../../shared/messageLinkEscape';

/** The search is bounded: a workspace with more YAML files than this is sampled, not walked whole. */
const MAX_YAML_FILES = 5000;
const READ_LANES = 16;

async function headOf(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(DESCRIPTOR_SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.toString('utf8', 0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** YAML files in the workspace that look like Backstage descriptors (bounded; cancellable). */
async function findDescriptors(exclude: readonly string[], token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  // What greenroom.exclude keeps out (template skeletons, by default) is never offered: a glob could not bring it in.
  const excluded = ['**/node_modules/**', '**/.git/**', ...exclude].filter((glob) => !/[{}]/.test(glob));
  const candidates = await vscode.workspace.findFiles(
    '**/*.{yaml,yml}',
    `{${excluded.join(',')}}`,
    MAX_YAML_FILES,
    token,
  );
  const found: vscode.Uri[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < candidates.length && !token.isCancellationRequested) {
      const uri = candidates[next++] as vscode.Uri;
      if (uri.scheme === 'file' && looksLikeDescriptor(await headOf(uri.fsPath).catch(() => ''))) {
        found.push(uri);
      }
    }
  };
  await Promise.all(Array.from({ length: READ_LANES }, lane));
  return found;
}

interface GlobPickItem extends vscode.QuickPickItem {
  readonly suggestion: GlobSuggestion;
}

/**
 * "Greenroom: Choose Catalog Files…": finds descriptors the catalog globs miss (files not named
 * catalog-info.yaml) and adds a glob per file name to the workspace's `greenroom.catalogGlobs`,
 * after showing what will be added.
 */
export function registerChooseCatalogFiles(catalog: CatalogService, settings: Settings): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.chooseCatalogFiles, async () => {
    const descriptors = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Looking for Backstage descriptors…'),
        cancellable: true,
      },
      (_progress, token) => findDescriptors(settings.current.indexing.exclude, token),
    );
    const relative = new Map(
      descriptors.map((uri) => [vscode.workspace.asRelativePath(uri, true).replace(/\\/g, '/'), uri.fsPath]),
    );
    const suggestions = suggestGlobs([...relative.keys()], (file) => catalog.tracks(relative.get(file) ?? file));
    if (suggestions.length === 0) {
      void vscode.window.showInformationMessage(
        descriptors.length > 0
          ? vscode.l10n.t('All {0} Backstage descriptors found are already in the catalog.', descriptors.length)
          : vscode.l10n.t(
              'No YAML file in this workspace looks like a Backstage descriptor (apiVersion: backstage.io/… with a kind).',
            ),
      );
      return;
    }
    const picked = await vscode.window.showQuickPick<GlobPickItem>(
      suggestions.map((suggestion) => ({
        // File names are the workspace's, written by anyone: their `$(…)` is text.
        label: escapeCodicons(suggestion.glob),
        description:
          suggestion.files.length === 1 ? vscode.l10n.t('1 file') : vscode.l10n.t('{0} files', suggestion.files.length),
        detail: escapeCodicons(suggestion.files.slice(0, 3).join(', ') + (suggestion.files.length > 3 ? ', …' : '')),
        picked: true,
        suggestion,
      })),
      {
        title: vscode.l10n.t('Add to greenroom.catalogGlobs (workspace settings)'),
        placeHolder: vscode.l10n.t('Descriptors the catalog does not read yet, by file name'),
        canPickMany: true,
      },
    );
    if (!picked || picked.length === 0) {
      return;
    }
    const current = settings.current.indexing.catalogGlobs;
    // Indexing follows the setting change (CatalogService listens for it).
    await settings.updateInWorkspace(
      'catalogGlobs',
      withGlobs(
        current,
        picked.map((item) => item.suggestion.glob),
      ),
    );
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Added {0} to greenroom.catalogGlobs in the workspace settings.',
        escapeMessageLinks(picked.map((item) => item.suggestion.glob).join(', ')),
      ),
    );
  });
}
