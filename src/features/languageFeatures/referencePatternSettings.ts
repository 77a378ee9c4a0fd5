import * as vscode from 'vscode';
import { rejectedReferencePatterns, type ReferencePattern } from '../../catalog/language';
import type { Settings } from '../../services/settings';
import { escapeMessageLinks } from '../../shared/messageLinkEscape';

/** Where the providers get `greenroom.referencePatterns` from, at each request. */
export type ReferencePatternSource = () => readonly ReferencePattern[];

/**
 * `greenroom.referencePatterns` from the settings snapshot. Any pattern runs on the linear-time
 * matcher; one it refuses is named in a warning once per session while the others keep working.
 */
export function referencePatternSource(settings: Settings): ReferencePatternSource {
  /** Patterns already reported, so a rejected pattern warns once per session, not on every hover. */
  const reported = new Set<string>();
  return () => {
    const patterns = settings.current.referencePatterns;
    for (const rejected of rejectedReferencePatterns(patterns)) {
      if (!reported.has(rejected.pattern)) {
        reported.add(rejected.pattern);
        void vscode.window.showWarningMessage(
          vscode.l10n.t(
            'The reference pattern "{0}" in greenroom.referencePatterns is skipped: {1}.',
            escapeMessageLinks(rejected.pattern),
            escapeMessageLinks(rejected.reason),
          ),
        );
      }
    }
    return patterns;
  };
}
