import * as vscode from 'vscode';
import { humanizeEntityRef, parseCanonicalRef, referenceFieldsOf, suggestSimilarRefs } from '../../catalog';
import type { CatalogService } from '../../services/catalogService';

/** Offers "Change to …" for a reference that points nowhere, using the closest existing entities. */
export class DanglingRefQuickFix implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(private readonly catalog: CatalogService) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== 'greenroom' || diagnostic.code !== 'dangling-ref') {
        continue;
      }
      const site = this.catalog.index
        .byFile(document.uri.fsPath)
        .flatMap((record) => record.references.map((reference) => ({ record, reference })))
        .find(
          ({ reference }) =>
            reference.range.start.line === diagnostic.range.start.line &&
            reference.range.start.column === diagnostic.range.start.character,
        );
      if (!site) {
        continue;
      }
      const fieldName = site.reference.field.replace(/^spec\./, '').replace(/\[\d+\]$/, '');
      const field = referenceFieldsOf(site.record.entity.kind).find((candidate) => candidate.field === fieldName);
      const suggestions = suggestSimilarRefs(this.catalog.index, site.reference.targetRef, field?.targetKinds ?? []);
      suggestions.forEach((suggestion, position) => {
        // Keep the user's style: a short ref stays short when the field's default kind allows it.
        const namespace = site.record.entity.metadata.namespace ?? 'default';
        const { namespace: targetNamespace } = parseCanonicalRef(suggestion.record.ref);
        const text =
          targetNamespace === namespace
            ? humanizeEntityRef(suggestion.record.ref, field?.defaultKind ? { defaultKind: field.defaultKind } : {})
            : suggestion.record.ref;
        const action = new vscode.CodeAction(vscode.l10n.t('Change to {0}', text), vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = position === 0;
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, diagnostic.range, text);
        actions.push(action);
      });
    }
    return actions;
  }
}
