import * as vscode from 'vscode';
import { entityDescription, entityLabel, entitySummary, entityTags, humanizeEntityRef, originLabel, type CatalogEntityRecord } from '../../catalog';

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (character) => `\\${character}`);
}

/** The hover card of a tree item: what it is, who owns it, where it is written. */
export function entityTooltip(record: CatalogEntityRecord): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(undefined, true);
  markdown.supportHtml = false;
  markdown.appendMarkdown(`**${escape(entityLabel(record))}** — \`${record.ref}\`\n\n`);
  const summary = entitySummary(record);
  if (summary) {
    markdown.appendMarkdown(`${escape(summary)}\n\n`);
  }
  const description = entityDescription(record.entity);
  if (description !== undefined) {
    markdown.appendMarkdown(`${escape(description)}\n\n`);
  }
  const owner = record.references.find((site) => site.field === 'spec.owner');
  if (owner) {
    markdown.appendMarkdown(`$(account) ${vscode.l10n.t('Owner')}: \`${humanizeEntityRef(owner.targetRef)}\`\n\n`);
  }
  const tags = entityTags(record.entity);
  if (tags.length > 0) {
    markdown.appendMarkdown(`$(tag) ${tags.map((tag) => `\`${tag}\``).join(' ')}\n\n`);
  }
  if (record.origin.type === 'workspace') {
    markdown.appendMarkdown(`$(file) ${escape(vscode.workspace.asRelativePath(record.file))}:${record.range.start.line + 1}`);
  } else {
    markdown.appendMarkdown(`$(cloud) ${record.origin.type === 'url' ? vscode.l10n.t('From URL location {0}', escape(record.origin.url)) : vscode.l10n.t('From registry {0}', escape(originLabel(record.origin)))}`);
  }
  if (!record.valid) {
    const where = record.origin.type === 'workspace' ? vscode.l10n.t('This descriptor has errors; see the Problems panel.') : vscode.l10n.t('Backstage would reject this entity; its page lists the problems.');
    markdown.appendMarkdown(`\n\n$(error) ${where}`);
  }
  return markdown;
}
