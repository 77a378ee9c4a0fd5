import * as vscode from 'vscode';
import type { ParameterField } from '../../scaffolder';
import { escapeMessageLinksAndIcons } from '../../shared/messageLinkEscape';

/**
 * The input box prompt for a typed parameter: the template's description and help, then
 * Greenroom's hints. The template wrote the first two, and a prompt draws `$(…)` as icons and
 * `[label](command:…)` as links, so they are escaped where they enter it.
 */
export function fieldPrompt(field: ParameterField, isList: boolean): string {
  return [
    ...[field.description, field.help].map((part) => (part ? escapeMessageLinksAndIcons(part) : undefined)),
    isList ? vscode.l10n.t('Separate items with commas.') : undefined,
    field.field === 'RepoUrlPicker'
      ? vscode.l10n.t(
          'https://github.com/owner/repo, git@github.com:owner/repo.git and github.com?owner=owner&repo=repo all work.',
        )
      : undefined,
  ]
    .filter((part) => part)
    .join(' — ');
}
