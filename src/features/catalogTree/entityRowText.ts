import * as vscode from 'vscode';
import { entityType, type CatalogEntityRecord } from '../../catalog';
import { scoreText } from '../scorecards/scoreSource';
import { escapeMarkdown } from '../../shared/markdownEscape';

type Score = { readonly passed: number; readonly total: number } | undefined;

/**
 * The short text after an entity's name in a tree row: `☁ registry · 5/7 · service`. A side bar
 * is about 300 px wide, so the row keeps what tells rows apart at a glance (remote or not, score,
 * type); the kind is the row's icon, the lifecycle tints it, and both are in the tooltip.
 */
export function entityRowDescription(record: CatalogEntityRecord, registries: readonly string[], score: Score): string {
  const origin = registries.length > 0 ? `${record.origin.type === 'workspace' ? '⇅' : '☁'} ${registries.join(', ')}` : '';
  return [origin, scoreText(score), entityType(record) ?? '']
    .filter((part) => part !== '')
    .join(' · ');
}

/** Adds to a row's hover card what the row shortens to `5/7`. */
export function appendScoreLine(tooltip: vscode.MarkdownString, score: Score): vscode.MarkdownString {
  if (score && score.total > 0) {
    const text = vscode.l10n.t('Scorecard: {0} of {1} checks pass', score.passed, score.total);
    tooltip.appendMarkdown(`\n\n$(checklist) ${escapeMarkdown(text)}`);
  }
  return tooltip;
}
