import * as vscode from 'vscode';
import { rangeContains } from '../../catalog';
import { fixEdit, type CheckFix } from '../../scorecards';
import type { CatalogService } from '../../services/catalogService';
import { SCORECARD_SOURCE } from './scorecardDiagnostics';
import type { ScorecardService } from './scorecardService';

function fixTitle(fix: CheckFix): string {
  return fix.type === 'annotation'
    ? vscode.l10n.t('Add annotation {0}: {1}', fix.key, fix.value)
    : vscode.l10n.t('Set {0} to {1}', fix.path.join('.'), fix.value);
}

/** Quick fixes for scorecard findings whose fix is an edit: an annotation stub, an owner, a placeholder. */
export class ScorecardQuickFix implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(
    private readonly catalog: CatalogService,
    private readonly scorecards: ScorecardService,
  ) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== SCORECARD_SOURCE || typeof diagnostic.code !== 'string') {
        continue;
      }
      const position = { line: diagnostic.range.start.line, column: diagnostic.range.start.character };
      const record = this.catalog.index
        .byFile(document.uri.fsPath)
        .find((candidate) => rangeContains(candidate.range, position));
      const result = record
        ? this.scorecards
            .scorecard(record.ref)
            ?.results.find((entry) => entry.check.id === diagnostic.code && !entry.outcome.passed)
        : undefined;
      const fix = result?.outcome.fix;
      const edit = record && fix ? fixEdit(document.getText(), record.fields, fix) : undefined;
      if (!fix || !edit) {
        continue;
      }
      const action = new vscode.CodeAction(fixTitle(fix), vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(
        document.uri,
        new vscode.Range(edit.range.start.line, edit.range.start.column, edit.range.end.line, edit.range.end.column),
        edit.newText,
      );
      actions.push(action);
    }
    return actions;
  }
}
