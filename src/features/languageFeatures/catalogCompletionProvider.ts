import * as vscode from 'vscode';
import { entityDescription, entityLabel, entitySummary, kindPresentation } from '../../catalog';
import {
  catalogCompletionContext,
  KNOWN_API_VERSIONS,
  KNOWN_KINDS,
  KNOWN_LIFECYCLES,
  KNOWN_SPEC_TYPES,
  rankRefCompletions,
  WELL_KNOWN_ANNOTATIONS,
  type CatalogCompletionContext,
} from '../../catalog/language';
import type { CatalogService } from '../../services/catalogService';
import { escapeCodicons } from '../../shared/codiconEscape';

/** Keyed by the kind a file wrote: no prototype, so `constructor` finds nothing. */
const KIND_ICON: Record<string, vscode.CompletionItemKind> = Object.assign(
  Object.create(null) as Record<string, vscode.CompletionItemKind>,
  {
    group: vscode.CompletionItemKind.Folder,
    user: vscode.CompletionItemKind.User,
    api: vscode.CompletionItemKind.Interface,
    system: vscode.CompletionItemKind.Module,
    domain: vscode.CompletionItemKind.Module,
    resource: vscode.CompletionItemKind.Struct,
  },
);

function valueItems(
  values: readonly string[],
  kind: vscode.CompletionItemKind,
  range: vscode.Range,
): vscode.CompletionItem[] {
  return values.map((value, position) => {
    const item = new vscode.CompletionItem(value, kind);
    item.range = range;
    item.sortText = String(position).padStart(3, '0');
    return item;
  });
}

/** Completion in catalog files: refs for ref fields, and the well-known values of Backstage's fields. */
export class CatalogCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly catalog: CatalogService) {}

  provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): vscode.CompletionItem[] | undefined {
    if (!this.catalog.tracks(document.uri.fsPath)) {
      return undefined;
    }
    const lines = Array.from({ length: document.lineCount }, (_, line) => document.lineAt(line).text);
    const context = catalogCompletionContext(lines, position.line, position.character);
    if (!context) {
      return undefined;
    }
    const range = new vscode.Range(position.line, context.startColumn, position.line, position.character);
    return this.itemsFor(context, range, document);
  }

  private itemsFor(
    context: CatalogCompletionContext,
    range: vscode.Range,
    document: vscode.TextDocument,
  ): vscode.CompletionItem[] {
    switch (context.type) {
      case 'kind':
        return valueItems(KNOWN_KINDS, vscode.CompletionItemKind.Class, range);
      case 'apiVersion':
        return valueItems(KNOWN_API_VERSIONS, vscode.CompletionItemKind.Constant, range);
      case 'lifecycle':
        return valueItems(KNOWN_LIFECYCLES, vscode.CompletionItemKind.EnumMember, range);
      case 'specType':
        return valueItems(
          KNOWN_SPEC_TYPES[context.entityKind.toLowerCase()] ?? [],
          vscode.CompletionItemKind.EnumMember,
          range,
        );
      case 'annotationKey':
        return WELL_KNOWN_ANNOTATIONS.map((annotation) => {
          const item = new vscode.CompletionItem(annotation.key, vscode.CompletionItemKind.Property);
          item.insertText = `${annotation.key}: `;
          item.documentation = new vscode.MarkdownString(annotation.description);
          item.range = range;
          return item;
        });
      case 'ref': {
        const self = this.catalog.index
          .byFile(document.uri.fsPath)
          .find((record) => record.entity.kind.toLowerCase() === context.entityKind.toLowerCase())?.ref;
        return rankRefCompletions(this.catalog.index, context.field, context.namespace, context.prefix, self).map(
          (candidate) => {
            // The suggest list draws `$(…)` in labels: the ref shows as text and is inserted as written.
            const item = new vscode.CompletionItem(
              { label: escapeCodicons(candidate.insertText), description: entityLabel(candidate.record) },
              KIND_ICON[candidate.record.entity.kind.toLowerCase()] ?? vscode.CompletionItemKind.Reference,
            );
            item.insertText = candidate.insertText;
            item.detail = `${kindPresentation(candidate.record.entity.kind).kind} · ${entitySummary(candidate.record) || candidate.record.ref}`;
            const description = entityDescription(candidate.record.entity);
            if (description !== undefined) {
              item.documentation = description;
            }
            item.sortText = String(candidate.rank).padStart(4, '0') + candidate.insertText;
            item.filterText = candidate.insertText;
            item.range = range;
            return item;
          },
        );
      }
    }
  }
}
