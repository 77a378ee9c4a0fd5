import * as vscode from 'vscode';
import { RELATION_API_CONSUMED_BY, RELATION_DEPENDENCY_OF } from '@backstage/catalog-model';
import { humanizeEntityRef, ownerRefOf, type CatalogEntityRecord } from '../../catalog';
import type { CatalogService } from '../../services/catalogService';
import { nameLocation } from './entityNavigationProviders';
import { Commands } from '../../shared/commands';
import { escapeCodicons } from '../../shared/codiconEscape';

/** Above each entity: its owner, how many entities depend on it, and a way to open it. */
export class EntityCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChangeCodeLenses = this.changeEmitter.event;

  constructor(private readonly catalog: CatalogService) {
    this.subscription = catalog.onDidChange(() => this.changeEmitter.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const lenses: vscode.CodeLens[] = [];
    for (const record of this.catalog.index.byFile(document.uri.fsPath)) {
      const line = record.range.start.line;
      const range = new vscode.Range(line, 0, line, 0);
      const owner = ownerRefOf(record);
      if (owner) {
        lenses.push(
          new vscode.CodeLens(range, {
            // CodeLens titles draw `$(…)`: the owner, as the catalog wrote it, shows as text.
            title: `$(account) ${escapeCodicons(humanizeEntityRef(owner, { defaultKind: 'group' }))}`,
            command: this.catalog.index.has(owner) ? Commands.openEntity : '',
            arguments: [owner],
          }),
        );
      }
      const incoming = this.catalog.index
        .relationsOf(record.ref)
        .outgoing.filter(
          (relation) => relation.type === RELATION_DEPENDENCY_OF || relation.type === RELATION_API_CONSUMED_BY,
        );
      const dependents = [...new Set(incoming.map((relation) => relation.target))]
        .map((ref) => this.catalog.index.get(ref))
        .filter((dependent): dependent is CatalogEntityRecord => dependent !== undefined);
      lenses.push(
        new vscode.CodeLens(range, {
          title:
            dependents.length === 1 ? vscode.l10n.t('1 dependent') : vscode.l10n.t('{0} dependents', dependents.length),
          command: dependents.length > 0 ? 'editor.action.showReferences' : '',
          arguments:
            dependents.length > 0 ? [document.uri, new vscode.Position(line, 0), dependents.map(nameLocation)] : [],
        }),
      );
      lenses.push(
        new vscode.CodeLens(range, {
          title: vscode.l10n.t('Open entity'),
          command: Commands.openEntity,
          arguments: [record.ref],
        }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
