import * as vscode from 'vscode';
import { rejectedReferencePatterns, type ReferencePattern } from '../../catalog/language';

/** Patterns already reported, so a rejected pattern warns once per session, not on every hover. */
const reported = new Set<string>();

/**
 * `greenroom.referencePatterns`. It is a restricted setting (package.json), so in an untrusted
 * workspace VS Code hands back the user's own value only; any pattern still runs on the
 * linear-time matcher, and one it refuses is named in a warning once while the others keep working.
 */
export function referencePatterns(): ReferencePattern[] {
  const configured = vscode.workspace.getConfiguration('greenroom').get<unknown>('referencePatterns');
  const patterns = Array.isArray(configured)
    ? configured.filter((entry): entry is ReferencePattern => !!entry && typeof entry === 'object' && typeof (entry as { pattern?: unknown }).pattern === 'string')
    : [];
  for (const rejected of rejectedReferencePatterns(patterns)) {
    if (!reported.has(rejected.pattern)) {
      reported.add(rejected.pattern);
      void vscode.window.showWarningMessage(vscode.l10n.t('The reference pattern "{0}" in greenroom.referencePatterns is skipped: {1}.', rejected.pattern, rejected.reason));
    }
  }
  return patterns;
}
