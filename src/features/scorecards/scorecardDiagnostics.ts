import * as path from 'node:path';
import * as vscode from 'vscode';
import { findingRange, type CheckSeverity } from '../../scorecards';
import type { SourceRange } from '../../catalog';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import type { ScorecardService } from './scorecardService';

/** Scorecard findings have their own source, so they can be filtered apart from catalog problems. */
export const SCORECARD_SOURCE = 'greenroom-scorecard';

const SEVERITY: Record<CheckSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

const toRange = (range: SourceRange): vscode.Range =>
  new vscode.Range(range.start.line, range.start.column, range.end.line, range.end.column);

/**
 * Failing checks in the Problems panel, on the field concerned (else metadata.name), recomputed
 * for the files whose entities were evaluated again; checks-file errors on the checks file.
 */
export function registerScorecardDiagnostics(catalog: CatalogService, scorecards: ScorecardService): vscode.Disposable {
  const store = new DisposableStore();
  const collection = store.add(vscode.languages.createDiagnosticCollection(SCORECARD_SOURCE));
  /** Descriptor of every ref with findings shown, so a removed entity's findings go too. */
  const fileOfRef = new Map<string, string>();
  const pending = new Set<string>();
  let everything = false;
  let timer: NodeJS.Timeout | undefined;

  const diagnosticsOf = (file: string): vscode.Diagnostic[] => {
    const diagnostics: vscode.Diagnostic[] = [];
    for (const record of catalog.index.byFile(file)) {
      for (const { check, outcome } of scorecards.scorecard(record.ref)?.results ?? []) {
        if (outcome.passed) {
          continue;
        }
        const diagnostic = new vscode.Diagnostic(
          toRange(findingRange(record, outcome)),
          `${check.title}: ${outcome.message}`,
          SEVERITY[check.severity],
        );
        diagnostic.source = SCORECARD_SOURCE;
        diagnostic.code = check.id;
        diagnostics.push(diagnostic);
      }
      fileOfRef.set(record.ref, file);
    }
    return diagnostics;
  };
  /** Checks files whose problems are shown, so a deleted one's problems go too. */
  let checksFilesShown = new Set<string>();
  const flush = (): void => {
    // Every file that showed findings is in fileOfRef, so "everything" replaces them all: no
    // clear first (the Problems panel would empty and refill). One message for the batch.
    const files = everything ? new Set([...fileOfRef.values(), ...catalog.index.indexedFiles()]) : pending;
    const entries: [vscode.Uri, vscode.Diagnostic[]][] = [];
    for (const file of files) {
      if (path.isAbsolute(file) && !file.endsWith(`${path.sep}.greenroom${path.sep}checks.yaml`)) {
        entries.push([vscode.Uri.file(file), diagnosticsOf(file)]);
      }
    }
    const checksFiles = new Set(scorecards.checksFileProblems.keys());
    for (const file of checksFilesShown) {
      if (!checksFiles.has(file)) {
        entries.push([vscode.Uri.file(file), []]);
      }
    }
    checksFilesShown = checksFiles;
    for (const [file, checksFile] of scorecards.checksFileProblems) {
      entries.push([
        vscode.Uri.file(file),
        checksFile.problems.map((problem) => {
          const diagnostic = new vscode.Diagnostic(
            toRange(problem.range),
            problem.message,
            problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
          );
          diagnostic.source = SCORECARD_SOURCE;
          return diagnostic;
        }),
      ]);
    }
    pending.clear();
    everything = false;
    collection.set(entries);
  };
  store.add(
    scorecards.onDidChange((refs) => {
      if (refs.length === 0) {
        everything = true;
      }
      for (const ref of refs) {
        const file = catalog.index.get(ref)?.file ?? fileOfRef.get(ref);
        if (file) {
          pending.add(file);
        }
        if (!catalog.index.get(ref)) {
          fileOfRef.delete(ref);
        }
      }
      clearTimeout(timer);
      timer = setTimeout(flush, 150);
    }),
  );
  store.add(
    scorecards.onDidChangeChecksFiles(() => {
      everything = true;
      clearTimeout(timer);
      timer = setTimeout(flush, 150);
    }),
  );
  store.add({ dispose: () => clearTimeout(timer) });
  return store;
}
