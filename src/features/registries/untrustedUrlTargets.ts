import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LocationTarget } from '../../catalog';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';

/** Catalog changes arrive in bursts while indexing; recompute once they settle. */
const SETTLE_MS = 300;

/** URL targets of workspace Location files: what RegistryService leaves alone in an untrusted workspace. */
function workspaceUrlTargets(catalog: CatalogService): LocationTarget[] {
  const urls = new Set(catalog.remoteLocationTargets());
  if (urls.size === 0) {
    return [];
  }
  // The targets as parsed with their files (with ranges), not derived again from the records.
  const files = new Set(
    catalog.index
      .byKind('location')
      .filter((record) => record.origin.type === 'workspace' && path.isAbsolute(record.file))
      .map((record) => record.file),
  );
  return [...files]
    .flatMap((file) => catalog.index.fileResult(file)?.locationTargets ?? [])
    .filter((target) => urls.has(target.target));
}

function toDiagnostic(target: LocationTarget): vscode.Diagnostic {
  const { start, end } = target.range;
  const message = vscode.l10n.t(
    'Not fetched because the workspace is not trusted. Trust the workspace to load this catalog URL.',
  );
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(start.line, start.column, end.line, end.column),
    message,
    vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.source = 'greenroom';
  diagnostic.code = 'location-untrusted';
  return diagnostic;
}

/**
 * Without this, an untrusted workspace's URL Locations would silently stay empty: each one gets
 * a warning in the Problems panel saying why, gone once the workspace is trusted.
 */
export function registerUntrustedUrlTargets(catalog: CatalogService, log: vscode.LogOutputChannel): vscode.Disposable {
  const store = new DisposableStore();
  const collection = store.add(vscode.languages.createDiagnosticCollection('greenroom-trust'));
  let timer: NodeJS.Timeout | undefined;
  let logged = '';
  const update = (): void => {
    const targets = vscode.workspace.isTrusted ? [] : workspaceUrlTargets(catalog);
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const target of targets) {
      byFile.set(target.file, [...(byFile.get(target.file) ?? []), toDiagnostic(target)]);
    }
    collection.clear();
    for (const [file, diagnostics] of byFile) {
      collection.set(vscode.Uri.file(file), diagnostics);
    }
    const summary = targets.map((target) => target.target).join(', ');
    if (summary !== logged && summary !== '') {
      log.warn(`URL locations not fetched in an untrusted workspace: ${summary}`);
    }
    logged = summary;
  };
  const updateSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(update, SETTLE_MS);
  };
  store.add(catalog.onDidFinishIndexing(update));
  store.add(
    catalog.onDidChange(() => {
      // Trust is never withdrawn while the window is open: a trusted workspace has nothing to explain.
      if (catalog.isIndexed && !vscode.workspace.isTrusted) {
        updateSoon();
      }
    }),
  );
  store.add(vscode.workspace.onDidGrantWorkspaceTrust(update));
  store.add({ dispose: () => clearTimeout(timer) });
  if (catalog.isIndexed) {
    update();
  }
  return store;
}
