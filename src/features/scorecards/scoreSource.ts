import type * as vscode from 'vscode';

/** What views need of scorecards: an entity's score, a team's roll-up, and when they change. */
export interface ScoreSource {
  scoreOf(ref: string): { readonly passed: number; readonly total: number } | undefined;
  rollUpOf(
    ownerRef: string,
  ): { readonly passed: number; readonly total: number; readonly entities: number } | undefined;
  /** Refs whose score may have changed; empty: any. */
  readonly onDidChange: vscode.Event<readonly string[]>;
}

/** `4/6`, the score as the tree and Owners view show it. */
export function scoreText(score: { readonly passed: number; readonly total: number } | undefined): string {
  return score && score.total > 0 ? `${score.passed}/${score.total}` : '';
}
