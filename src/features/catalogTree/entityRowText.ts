import * as vscode from 'vscode';
import { entityType, type CatalogEntityRecord } from '../../catalog';
import { scoreText } from '../scorecards/scoreSource';
import { escapeMarkdown } from '../../shared/markdownEscape';

type Score = { readonly passed: number; readonly total: number } | undefined;

/**
 * The short text after an entity's name in a tree row: `☁ 5/7`. A side bar is about 300 px wide
 * and titles like "User profile service (legacy)" take most of it, so the row keeps what sets it
 * apart at a glance: remote (`☁`) or also remote (`⇅`), and the score (or, with no checks, the
 * type). Registry names are long ("larkspur-backstage" was cut to "larkspur-ba…"): the tooltip
 * names them; the kind is the row's icon, the lifecycle tints it.
 */
export function entityRowDescription(record: CatalogEntityRecord, registries: readonly string[], score: Score): string {
  const origin = registries.length > 0 ? (record.origin.type === 'workspace' ? '⇅' : '☁') : '';
  return [origin, scoreText(score) || (entityType(record) ?? '')].filter((part) => part !== '').join(' ');
}

/** Adds to a row's hover card what the row shortens to `5/7`. */
export function appendScoreLine(tooltip: vscode.MarkdownString, score: Score): vscode.MarkdownString {
  if (score && score.total > 0) {
    const text = vscode.l10n.t('Scorecard: {0} of {1} checks pass', score.passed, score.total);
    tooltip.appendMarkdown(`\n\n$(checklist) ${escapeMarkdown(text)}`);
  }
  return tooltip;
}

/** Says in words what a `⇅ registry` row marks: the workspace file is also served by a registry. */
export function appendOriginLine(
  tooltip: vscode.MarkdownString,
  record: CatalogEntityRecord,
  registries: readonly string[],
): vscode.MarkdownString {
  if (record.origin.type === 'workspace' && registries.length > 0) {
    const text = vscode.l10n.t('⇅ Also in {0}: the row shows the workspace file', registries.join(', '));
    tooltip.appendMarkdown(`\n\n$(cloud) ${escapeMarkdown(text)}`);
  }
  return tooltip;
}
