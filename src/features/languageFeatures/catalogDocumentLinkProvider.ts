import * as path from 'node:path';
import * as vscode from 'vscode';
import { entityAnnotation, entityLinks } from '../../catalog';
import type { CatalogService } from '../../services/catalogService';
import { escapeMarkdown } from '../../shared/markdownEscape';

const SAFE_URL = /^(https?:|mailto:)/i;
const TECHDOCS_REF = 'backstage.io/techdocs-ref';

/** Clickable `metadata.links[].url` and `backstage.io/techdocs-ref` values in catalog files. */
export class CatalogDocumentLinkProvider implements vscode.DocumentLinkProvider {
  constructor(private readonly catalog: CatalogService) {}

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const links: vscode.DocumentLink[] = [];
    const toRange = (range: {
      start: { line: number; column: number };
      end: { line: number; column: number };
    }): vscode.Range => new vscode.Range(range.start.line, range.start.column, range.end.line, range.end.column);
    for (const record of this.catalog.index.byFile(document.uri.fsPath)) {
      // Positions index the links as written, so wrong-shaped entries are skipped here, not filtered out first.
      const written: unknown = record.entity.metadata.links;
      (Array.isArray(written) ? (written as unknown[]) : []).forEach((link, position) => {
        const range = record.fields.get(['metadata', 'links', position, 'url'])?.valueRange;
        const [safe] = entityLinks({ metadata: { name: record.entity.metadata.name, links: [link] as never } });
        if (range && safe && SAFE_URL.test(safe.url)) {
          const documentLink = new vscode.DocumentLink(toRange(range), vscode.Uri.parse(safe.url));
          // VS Code puts the tooltip into a Markdown hover with theme icons: it is escaped as Markdown.
          documentLink.tooltip = escapeMarkdown(safe.title ?? safe.url);
          links.push(documentLink);
        }
      });
      const techdocs = entityAnnotation(record.entity, TECHDOCS_REF);
      const range = record.fields.get(['metadata', 'annotations', TECHDOCS_REF])?.valueRange;
      if (typeof techdocs === 'string' && range) {
        const target = this.techdocsTarget(record.file, techdocs);
        if (target) {
          const documentLink = new vscode.DocumentLink(toRange(range), target);
          documentLink.tooltip = vscode.l10n.t('Open the docs configuration');
          links.push(documentLink);
        }
      }
    }
    return links;
  }

  private techdocsTarget(file: string, value: string): vscode.Uri | undefined {
    if (value.startsWith('url:')) {
      const url = value.slice(4);
      return SAFE_URL.test(url) ? vscode.Uri.parse(url) : undefined;
    }
    if (value.startsWith('dir:')) {
      const folder = path.resolve(path.dirname(file), value.slice(4));
      const root = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath;
      // A docs folder outside the workspace is not linked: nothing is opened outside it.
      if (!root || path.relative(root, folder).startsWith('..')) {
        return undefined;
      }
      return vscode.Uri.file(path.join(folder, 'mkdocs.yml'));
    }
    return undefined;
  }
}
