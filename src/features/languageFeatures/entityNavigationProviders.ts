import * as vscode from 'vscode';
import type { CatalogEntityRecord } from '../../catalog';
import type { CatalogService } from '../../services/catalogService';
import { referenceAtPosition } from './referenceAtPosition';
import type { ReferencePatternSource } from './referencePatternSettings';

export function nameLocation(record: CatalogEntityRecord): vscode.Location {
  const range = record.fields.get(['metadata', 'name'])?.valueRange ?? record.range;
  return new vscode.Location(
    vscode.Uri.file(record.file),
    new vscode.Range(range.start.line, range.start.column, range.end.line, range.end.column),
  );
}

/** F12 / peek from a ref to the descriptor of the entity it names. */
export class EntityDefinitionProvider implements vscode.DefinitionProvider {
  constructor(
    private readonly catalog: CatalogService,
    private readonly patterns: ReferencePatternSource,
  ) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.DefinitionLink[] | undefined {
    const found = referenceAtPosition(this.catalog.index, document, position, this.patterns);
    const record = found ? this.catalog.index.get(found.ref) : undefined;
    if (!found || !record) {
      return undefined;
    }
    const target = nameLocation(record);
    return [
      {
        originSelectionRange: found.range,
        targetUri: target.uri,
        targetRange: new vscode.Range(
          record.range.start.line,
          record.range.start.column,
          record.range.end.line,
          record.range.end.column,
        ),
        targetSelectionRange: target.range,
      },
    ];
  }
}

/** Shift+F12: every place in the catalog that refers to the entity under the cursor. */
export class EntityReferenceProvider implements vscode.ReferenceProvider {
  constructor(
    private readonly catalog: CatalogService,
    private readonly patterns: ReferencePatternSource,
  ) {}

  provideReferences(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.ReferenceContext,
  ): vscode.Location[] | undefined {
    const found = referenceAtPosition(this.catalog.index, document, position, this.patterns);
    if (!found) {
      return undefined;
    }
    const result = this.catalog.index
      .referencesTo(found.ref)
      .map(
        ({ record, site }) =>
          new vscode.Location(
            vscode.Uri.file(record.file),
            new vscode.Range(
              site.range.start.line,
              site.range.start.column,
              site.range.end.line,
              site.range.end.column,
            ),
          ),
      );
    const declaration = this.catalog.index.get(found.ref);
    if (context.includeDeclaration && declaration) {
      result.unshift(nameLocation(declaration));
    }
    return result;
  }
}
