import {
  parseCatalogFile,
  type CatalogIndex,
  type CatalogProblem,
  type ParsedCatalogFile,
  type SourceRange,
} from '../../../src/catalog';

export const ROOT = '/ws';
export const ORIGIN = { type: 'workspace', folder: ROOT } as const;

/** Joins lines into file text; line `i` of the array is line `i` (0-based) of the file. */
export function yamlLines(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

export function parse(text: string, file = `${ROOT}/catalog-info.yaml`): Promise<ParsedCatalogFile> {
  return parseCatalogFile(file, text, ORIGIN);
}

export interface ComponentOptions {
  readonly namespace?: string;
  readonly owner?: string;
  /** Extra lines inside `spec:`, already indented by two spaces. */
  readonly spec?: readonly string[];
}

/** A valid Component document (8 lines plus any extra spec lines). */
export function componentLines(name: string, options: ComponentOptions = {}): string[] {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    ...(options.namespace ? [`  namespace: ${options.namespace}`] : []),
    'spec:',
    '  type: service',
    '  lifecycle: production',
    `  owner: ${options.owner ?? 'team-a'}`,
    ...(options.spec ?? []),
  ];
}

export function componentYaml(name: string, options: ComponentOptions = {}): string {
  return yamlLines(...componentLines(name, options));
}

export function groupYaml(name: string, extraSpec: readonly string[] = []): string {
  return yamlLines(
    'apiVersion: backstage.io/v1alpha1',
    'kind: Group',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  type: team',
    '  children: []',
    ...extraSpec,
  );
}

/** A Template whose steps fetch content from the given folders (relative to the template file). */
export function templateYaml(name: string, steps: readonly { action: string; url: string }[]): string {
  return yamlLines(
    'apiVersion: scaffolder.backstage.io/v1beta3',
    'kind: Template',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  owner: team-a',
    '  type: service',
    '  steps:',
    ...steps.flatMap((step, position) => [
      `    - id: step-${position}`,
      `      action: ${step.action}`,
      '      input:',
      `        url: ${step.url}`,
    ]),
  );
}

export function locationYaml(name: string, targets: readonly string[], extraSpec: readonly string[] = []): string {
  return yamlLines(
    'apiVersion: backstage.io/v1alpha1',
    'kind: Location',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    ...extraSpec,
    '  targets:',
    ...targets.map((target) => `    - ${target}`),
  );
}

/** Zero-based `line:column` of a range start, the form assertions compare. */
export function startOf(range: SourceRange): string {
  return `${range.start.line}:${range.start.column}`;
}

export function spanOf(range: SourceRange): string {
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

/** `code severity line:column` (zero-based), stable enough to compare sets of problems. */
export function problemKey(problem: CatalogProblem): string {
  return `${problem.code} ${problem.severity} ${startOf(problem.range)}`;
}

export function problemCodes(problems: readonly CatalogProblem[]): string[] {
  return problems.map((problem) => problem.code);
}

export function onlyProblem(problems: readonly CatalogProblem[]): CatalogProblem {
  if (problems.length !== 1 || !problems[0]) {
    throw new Error(
      `expected exactly one problem, got ${problems.length}: ${JSON.stringify(problems.map((problem) => `${problemKey(problem)} ${problem.message}`))}`,
    );
  }
  return problems[0];
}

export function sortedRefs(index: CatalogIndex): string[] {
  return [...index.refs()].sort();
}

/** Every problem of the index as `file code severity line:column message`, sorted. */
export function sortedProblems(index: CatalogIndex): string[] {
  return index
    .allProblems()
    .map((problem) => `${problem.file} ${problemKey(problem)} ${problem.message}`)
    .sort();
}

export function sortedRelations(index: CatalogIndex): string[] {
  return index
    .relations()
    .map((relation) => `${relation.source} ${relation.type} ${relation.target}`)
    .sort();
}
