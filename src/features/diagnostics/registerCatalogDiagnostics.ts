import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CatalogProblem } from '../../catalog';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import { DanglingRefQuickFix } from './danglingRefQuickFix';

const SEVERITY: Record<CatalogProblem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(problem: CatalogProblem): vscode.Diagnostic {
  const range = new vscode.Range(
    problem.range.start.line,
    problem.range.start.column,
    problem.range.end.line,
    problem.range.end.column,
  );
  const diagnostic = new vscode.Diagnostic(range, problem.message, SEVERITY[problem.severity]);
  diagnostic.source = 'greenroom';
  diagnostic.code = problem.code;
  return diagnostic;
}

/** Catalog problems in the Problems panel, re-computed only for the files a change affects, with quick fixes. */
export function registerCatalogDiagnostics(catalog: CatalogService): vscode.Disposable {
  const store = new DisposableStore();
  const collection = store.add(vscode.languages.createDiagnosticCollection('greenroom'));
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    // One message to the window for the whole batch: a set per file is a message each, and a
    // load of 10,000 files would queue 10,000 of them ahead of the user's next keystroke.
    const entries: [vscode.Uri, vscode.Diagnostic[]][] = [];
    for (const file of pending) {
      if (!path.isAbsolute(file)) {
        continue; // registry pages and URL locations are not files in the editor
      }
      entries.push([vscode.Uri.file(file), catalog.index.problemsOf(file).map(toDiagnostic)]);
    }
    pending.clear();
    collection.set(entries);
  };
  store.add(
    catalog.onDidChange((event) => {
      for (const file of event.affectedFiles) {
        pending.add(file);
      }
      clearTimeout(timer);
      timer = setTimeout(flush, 150);
    }),
  );
  store.add({ dispose: () => clearTimeout(timer) });
  store.add(
    vscode.languages.registerCodeActionsProvider(
      { language: 'yaml' },
      new DanglingRefQuickFix(catalog),
      DanglingRefQuickFix.metadata,
    ),
  );
  return store;
}
