import * as vscode from 'vscode';
import type { CatalogEntityRecord } from '../../catalog';
import { entityTooltipMarkdown, type TooltipLabels } from '../../catalog/language';

const labels: TooltipLabels = {
  get owner() {
    return vscode.l10n.t('Owner');
  },
  get hasErrors() {
    return vscode.l10n.t('This descriptor has errors; see the Problems panel.');
  },
  get rejectedByBackstage() {
    return vscode.l10n.t('Backstage would reject this entity; its page lists the problems.');
  },
  fromUrl: (url) => vscode.l10n.t('From URL location {0}', url),
  fromRegistry: (name) => vscode.l10n.t('From registry {0}', name),
  relativePath: (file) => vscode.workspace.asRelativePath(file),
};

/** The hover card of a tree item; the text is built (and escaped) by the pure core. */
export function entityTooltip(record: CatalogEntityRecord): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(entityTooltipMarkdown(record, labels), true);
  markdown.supportHtml = false;
  return markdown;
}
