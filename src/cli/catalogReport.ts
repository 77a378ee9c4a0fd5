import * as path from 'node:path';
import {
  MultiFolderCatalog,
  nodeCatalogFileSystem,
  originLabel,
  type CatalogEntityRecord,
  type CatalogProblem,
} from '../catalog';
import { registryModules } from './registryModules';

export interface IndexOptions {
  /** Which files are catalog files (like the greenroom.catalogGlobs setting); the defaults when unset. */
  readonly catalogGlobs?: readonly string[] | undefined;
  /** A Backstage backend whose catalog is merged in. */
  readonly registryUrl?: string | undefined;
  /** Bearer token for the registry (the CLI reads GREENROOM_TOKEN). */
  readonly token?: string | undefined;
  /** Caps on the registry sync; the client's generous defaults when unset. */
  readonly maxEntities?: number | undefined;
  readonly maxPages?: number | undefined;
}

function originOf(record: CatalogEntityRecord): string {
  return record.origin.type === 'workspace'
    ? 'workspace'
    : `${record.origin.type}:${record.origin.type === 'url' ? record.origin.url : originLabel(record.origin)}`;
}

export interface IndexReport {
  readonly entities: {
    ref: string;
    kind: string;
    namespace: string;
    name: string;
    file: string | null;
    line: number | null;
    valid: boolean;
    origin: string;
    origins: string[];
  }[];
  readonly relations: { source: string; type: string; target: string }[];
  readonly problems: {
    file: string;
    line: number;
    column: number;
    severity: CatalogProblem['severity'];
    code: string;
    message: string;
  }[];
}

const bySeverity: Record<CatalogProblem['severity'], number> = { error: 0, warning: 1, info: 2 };

/** Indexes one folder with the same core the extension uses and shapes the result for output. */
export async function buildIndexReport(folder: string, options: IndexOptions = {}): Promise<IndexReport> {
  const root = path.resolve(folder);
  // dist/cli.js parses in the worker bundled beside it (dist/catalogWorker.js); without one, here.
  const workspace = new MultiFolderCatalog({
    fs: nodeCatalogFileSystem,
    workerScript: path.join(__dirname, 'catalogWorker.js'),
    ...(options.catalogGlobs && options.catalogGlobs.length > 0 ? { catalogGlobs: options.catalogGlobs } : {}),
  });
  workspace.addFolder(root);
  await workspace.loadAll();
  if (options.registryUrl) {
    const { CatalogApiClient, RegistrySync } = registryModules();
    const name = new URL(options.registryUrl).host;
    const client = new CatalogApiClient(
      { name, baseUrl: options.registryUrl },
      {
        token: options.token,
        ...(options.maxEntities ? { maxEntities: options.maxEntities } : {}),
        ...(options.maxPages ? { maxPages: options.maxPages } : {}),
      },
    );
    await new RegistrySync(workspace.index, client, undefined).sync();
  }
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
        file: record.origin.type === 'workspace' ? relativeFile(record.file) : null,
        line: record.origin.type === 'workspace' ? record.range.start.line + 1 : null,
        valid: record.valid,
        origin: originOf(record),
        origins: [...new Set(index.getAll(record.ref).map(originOf))],
      }))
      .sort((a, b) => a.ref.localeCompare(b.ref)),
    relations: index
      .relations()
      .map((relation) => ({ ...relation }))
      .sort(
        (a, b) => a.source.localeCompare(b.source) || a.type.localeCompare(b.type) || a.target.localeCompare(b.target),
      ),
    problems: index
      .allProblems()
      .filter((problem) => path.isAbsolute(problem.file))
      .map((problem) => ({
        file: relativeFile(problem.file),
        line: problem.range.start.line + 1,
        column: problem.range.start.column + 1,
        severity: problem.severity,
        code: problem.code,
        message: problem.message,
      }))
      .sort(
        (a, b) =>
          a.file.localeCompare(b.file) ||
          a.line - b.line ||
          a.column - b.column ||
          bySeverity[a.severity] - bySeverity[b.severity],
      ),
  };
  workspace.dispose();
  return report;
}

export function formatProblemLine(problem: IndexReport['problems'][number]): string {
  return `${problem.file}:${problem.line}:${problem.column} ${problem.severity} ${problem.message} [${problem.code}]`;
}
