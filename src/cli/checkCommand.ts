import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { MultiFolderCatalog, nodeCatalogFileSystem } from '../catalog';
import { loadCodeOwners } from '../catalog/codeOwners';
import { checkSet, readChecksFile, ScorecardEngine, type ChecksFile } from '../scorecards';
import { buildCheckReport, checkReportToSarif, formatCheckLine } from './checkReport';
import { standardError, standardOutput } from './terminalOutput';

export const CHECK_USAGE = `  greenroom check <folder> [--format text|json|sarif] [--checks <file>]
                                     score every entity against the built-in checks and
                                     <folder>/.greenroom/checks.yaml (or --checks <file>); exit 1
                                     when an error-severity check fails, 2 when the checks file
                                     has errors. sarif: for GitHub code scanning`;

const FORMATS = new Set(['text', 'json', 'sarif']);
const OPTIONS_WITH_VALUES = new Set(['--format', '--checks']);

interface CheckArguments {
  readonly folder: string;
  readonly format: 'text' | 'json' | 'sarif';
  readonly checksFile: string | undefined;
}

function readArguments(args: readonly string[]): CheckArguments | string {
  let folder: string | undefined;
  const values = new Map<string, string>();
  for (let position = 0; position < args.length; position++) {
    const arg = args[position] ?? '';
    if (OPTIONS_WITH_VALUES.has(arg)) {
      const value = args[position + 1];
      if (value === undefined || value.startsWith('-')) {
        return `${arg} needs a value`;
      }
      values.set(arg, value);
      position++;
    } else if (arg.startsWith('-')) {
      return `unknown option ${arg}`;
    } else if (folder === undefined) {
      folder = arg;
    } else {
      return `one folder only (got "${folder}" and "${arg}")`;
    }
  }
  if (!folder || !existsSync(folder) || !statSync(folder).isDirectory()) {
    return folder ? `"${folder}" is not a folder` : 'a folder is required';
  }
  const format = values.get('--format') ?? 'text';
  if (!FORMATS.has(format)) {
    return '--format is text, json or sarif';
  }
  return {
    folder: path.resolve(folder),
    format: format as CheckArguments['format'],
    checksFile: values.get('--checks'),
  };
}

function printChecksFileProblems(root: string, file: ChecksFile): number {
  let errors = 0;
  for (const problem of file.problems) {
    errors += problem.severity === 'error' ? 1 : 0;
    standardError.line`${path.relative(root, problem.file) || problem.file}:${problem.range.start.line + 1}:${problem.range.start.column + 1} ${problem.severity} ${problem.message}`;
  }
  return errors;
}

/** `greenroom check`: the editor's scorecards as a CI gate. */
export async function check(args: readonly string[]): Promise<number> {
  const parsed = readArguments(args);
  if (typeof parsed === 'string') {
    standardError.line`greenroom check: ${parsed}`;
    standardError.block(CHECK_USAGE);
    return 2;
  }
  const root = parsed.folder;
  const checksPath = parsed.checksFile ? path.resolve(parsed.checksFile) : undefined;
  if (checksPath && !(await nodeCatalogFileSystem.stat(checksPath))?.isFile) {
    standardError.line`greenroom check: the checks file "${parsed.checksFile ?? ''}" does not exist`;
    return 2;
  }
  const checksFile = await readChecksFile(nodeCatalogFileSystem, root, checksPath);
  if (checksFile && printChecksFileProblems(root, checksFile) > 0) {
    standardError.line`greenroom check: fix the checks file first; no entity was scored`;
    return 2;
  }
  const workspace = new MultiFolderCatalog({
    fs: nodeCatalogFileSystem,
    workerScript: path.join(__dirname, 'catalogWorker.js'),
  });
  try {
    workspace.addFolder(root);
    await workspace.loadAll();
    const engine = new ScorecardEngine(workspace.index);
    engine.setCodeOwners(root, await loadCodeOwners(nodeCatalogFileSystem, root));
    engine.setChecks(checkSet({ files: checksFile ? [checksFile] : [] }));
    const records = workspace.index.entities().filter((record) => record.origin.type === 'workspace');
    const report = buildCheckReport(root, records, engine);
    const severityOf = new Map(engine.activeChecks.map((item) => [item.id, item.severity]));
    const failedErrors = report.results.filter(
      (result) => !result.passed && severityOf.get(result.check) === 'error',
    ).length;
    if (parsed.format === 'json') {
      standardOutput.block(JSON.stringify(report, null, 2));
    } else if (parsed.format === 'sarif') {
      standardOutput.block(JSON.stringify(checkReportToSarif(report, engine.activeChecks), null, 2));
    } else {
      const failures = report.results
        .filter((result) => !result.passed)
        .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.check.localeCompare(b.check));
      for (const result of failures) {
        standardOutput.line`${formatCheckLine(result, severityOf.get(result.check) ?? 'warning')}`;
      }
      const passed = report.scores.reduce((sum, score) => sum + score.passed, 0);
      const total = report.scores.reduce((sum, score) => sum + score.total, 0);
      const perfect = report.scores.filter((score) => score.passed === score.total).length;
      standardOutput.line`${report.scores.length} entities scored, ${perfect} with every check passing; ${passed}/${total} checks pass, ${failures.length} fail (${failedErrors} errors)`;
    }
    return failedErrors > 0 ? 1 : 0;
  } finally {
    workspace.dispose();
  }
}
