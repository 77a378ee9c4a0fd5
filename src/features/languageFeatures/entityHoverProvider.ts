import * as vscode from 'vscode';
import { entityHoverMarkdown, templateContentHoverMarkdown, unknownRefHoverMarkdown } from '../../catalog/language';
import type { CatalogService } from '../../services/catalogService';
import { referenceAtPosition } from './referenceAtPosition';
import type { ReferencePatternSource } from './referencePatternSettings';
import { commandLink, trustedMarkdown } from './trustedMarkdown';

/** Extra hover text contributed by plugins, below the card. */
export type HoverSectionSource = (ref: string) => string[];

export class EntityHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly catalog: CatalogService,
    private readonly patterns: ReferencePatternSource,
    private readonly extraSections: HoverSectionSource = () => [],
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const templateRef =
      document.uri.scheme === 'file' ? this.catalog.templateContentOf(document.uri.fsPath) : undefined;
    if (templateRef) {
      // Nothing in a Template's content is a catalog ref: say what the file is instead.
      return new vscode.Hover(
        trustedMarkdown(templateContentHoverMarkdown(templateRef, commandLink)),
        document.getWordRangeAtPosition(position),
      );
    }
    const found = referenceAtPosition(this.catalog.index, document, position, this.patterns);
    if (!found || found.isDeclaration) {
      return undefined;
    }
    const record = this.catalog.index.get(found.ref);
    const text = record
      ? entityHoverMarkdown(this.catalog.index, record, commandLink, this.extraSections(record.ref))
      : unknownRefHoverMarkdown(this.catalog.index, found.ref, found.targetKinds, commandLink);
    return new vscode.Hover(trustedMarkdown(text), found.range);
  }
}
