import * as vscode from 'vscode';
import type { CatalogProblem } from '../../catalog';
import type { CatalogService } from '../../services/catalogService';

/**
 * Tree rows carry a URI of their own entity rather than their file's: VS Code paints a file URI
 * with the problems of the whole file, so a valid API turned red because the Component beside
 * it was invalid. These decorations count the entity's own problems only.
 */
export const ENTITY_DECORATION_SCHEME = 'greenroom-entity';

export function entityDecorationUri(ref: string): vscode.Uri {
  return vscode.Uri.from({ scheme: ENTITY_DECORATION_SCHEME, path: `/${encodeURIComponent(ref)}` });
}

function refOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== ENTITY_DECORATION_SCHEME) {
    return undefined;
  }
  try {
    return decodeURIComponent(uri.path.slice(1));
  } catch {
    return undefined;
  }
}

/** The decoration for an entity with these problems of its own; undefined when it has none. */
export function problemDecoration(problems: readonly CatalogProblem[]): vscode.FileDecoration | undefined {
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.filter((problem) => problem.severity === 'warning').length;
  if (errors === 0 && warnings === 0) {
    return undefined;
  }
  const count = errors > 0 ? errors : warnings;
  const decoration = new vscode.FileDecoration(
    count > 9 ? '9+' : String(count),
    errors > 0
      ? vscode.l10n.t('{0} errors, {1} warnings in this entity', errors, warnings)
      : vscode.l10n.t('{0} warnings in this entity', warnings),
    new vscode.ThemeColor(errors > 0 ? 'list.errorForeground' : 'list.warningForeground'),
  );
  return decoration;
}

export class EntityProblemDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri[]>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChangeFileDecorations = this.changeEmitter.event;

  constructor(private readonly catalog: CatalogService) {
    this.subscription = catalog.onDidChange((event) => {
      const uris = event.affectedFiles.flatMap((file) =>
        catalog.index.byFile(file).map((record) => entityDecorationUri(record.ref)),
      );
      if (uris.length > 0) {
        this.changeEmitter.fire(uris);
      }
    });
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const ref = refOf(uri);
    const record = ref === undefined ? undefined : this.catalog.index.get(ref);
    if (!record || record.origin.type !== 'workspace') {
      return undefined;
    }
    return problemDecoration(
      this.catalog.index.problemsOf(record.file).filter((problem) => problem.entityRef === record.ref),
    );
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
