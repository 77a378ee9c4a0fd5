import * as path from 'node:path';
import { CatalogWorkspace, nodeCatalogFileSystem, type CatalogProblem } from '../catalog';

export interface IndexReport {
  readonly entities: { ref: string; kind: string; namespace: string; name: string; file: string; line: number; valid: boolean }[];
  readonly relations: { source: string; type: string; target: string }[];
  readonly problems: { file: string; line: number; column: number; severity: CatalogProblem['severity']; code: string; message: string }[];
}

const bySeverity: Record<CatalogProblem['severity'], number> = { error: 0, warning: 1, info: 2 };

/** Indexes one folder with the same core the extension uses and shapes the result for output. */
export async function buildIndexReport(folder: string): Promise<IndexReport> {
  const root = path.resolve(folder);
  const workspace = new CatalogWorkspace({ fs: nodeCatalogFileSystem });
  workspace.addFolder(root);
  await workspace.loadAll();
  const relativeFile = (file: string): string => path.relative(root, file).split(path.sep).join('/');
  const index = workspace.index;
  const report: IndexReport = {
    entities: index
      .entities()
      .map((record) => ({
        ref: record.ref,
        kind: record.entity.kind.toLowerCase(),
        namespace: record.entity.metadata.namespace ?? 'default',
        name: record.entity.metadata.name,
        file: relativeFile(record.file),
        line: record.range.start.line + 1,
        valid: record.valid,
      }))
      .sort((a, b) => a.ref.localeCompare(b.ref)),
    relations: index
      .relations()
      .map((relation) => ({ ...relation }))
      .sort((a, b) => a.source.localeCompare(b.source) || a.type.localeCompare(b.type) || a.target.localeCompare(b.target)),
    problems: index
      .allProblems()
      .map((problem) => ({
        file: relativeFile(problem.file),
        line: problem.range.start.line + 1,
        column: problem.range.start.column + 1,
        severity: problem.severity,
        code: problem.code,
        message: problem.message,
      }))
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || bySeverity[a.severity] - bySeverity[b.severity]),
  };
  workspace.dispose();
  return report;
}

export function formatProblemLine(problem: IndexReport['problems'][number]): string {
  return `${problem.file}:${problem.line}:${problem.column} ${problem.severity} ${problem.message} [${problem.code}]`;
}
