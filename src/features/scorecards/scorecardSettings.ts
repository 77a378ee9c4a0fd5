import * as vscode from 'vscode';
import { BUILTIN_CHECK_IDS } from '../../scorecards';

export interface ScorecardSettings {
  readonly enabled: boolean;
  readonly disabledBuiltins: ReadonlySet<string>;
}

/** The scorecard settings, read in one place (re-read on onDidChangeConfiguration for `greenroom.scorecards`). */
export function readScorecardSettings(): ScorecardSettings {
  const configuration = vscode.workspace.getConfiguration('greenroom.scorecards');
  const disabled = configuration.get<unknown>('disabledChecks');
  return {
    enabled: configuration.get<unknown>('enabled') !== false,
    disabledBuiltins: new Set(Array.isArray(disabled) ? disabled.filter((id): id is string => typeof id === 'string' && BUILTIN_CHECK_IDS.has(id)) : []),
  };
}
