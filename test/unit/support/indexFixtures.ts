import { CatalogIndex, parseCatalogFile, type CatalogEntityRecord } from '../../../src/catalog';

/** Builds indexes through the real pipeline: YAML text → parseCatalogFile → CatalogIndex. */
export const WORKSPACE = '/ws';
const ORIGIN = { type: 'workspace', folder: WORKSPACE } as const;

/** Joins lines into file text with a trailing newline. */
export function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

export interface EntityOptions {
  /** `backstage.io/v1alpha1` unless given. */
  readonly apiVersion?: string;
  readonly namespace?: string;
  /** Extra lines inside `metadata:`, already indented by two spaces. */
  readonly metadata?: readonly string[];
  /** Lines inside `spec:`, already indented by two spaces. */
  readonly spec?: readonly string[];
}

/** One descriptor document, as lines (join several with `---`). */
export function entityLines(kind: string, name: string, options: EntityOptions = {}): string[] {
  return [
    `apiVersion: ${options.apiVersion ?? 'backstage.io/v1alpha1'}`,
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    ...(options.namespace ? [`  namespace: ${options.namespace}`] : []),
    ...(options.metadata ?? []),
    ...(options.spec ? ['spec:', ...options.spec] : []),
  ];
}

/** Several documents in one file. */
export function documents(...docs: readonly string[][]): string {
  return yaml(...docs.flatMap((doc, position) => (position === 0 ? doc : ['---', ...doc])));
}

export const component = (name: string, spec: readonly string[], options: Omit<EntityOptions, 'spec'> = {}): string[] =>
  entityLines('Component', name, { ...options, spec: ['  type: service', '  lifecycle: production', ...spec] });
export const api = (name: string, spec: readonly string[], options: Omit<EntityOptions, 'spec'> = {}): string[] =>
  entityLines('API', name, {
    ...options,
    spec: ['  type: openapi', '  lifecycle: production', '  definition: openapi', ...spec],
  });
export const resource = (name: string, spec: readonly string[], options: Omit<EntityOptions, 'spec'> = {}): string[] =>
  entityLines('Resource', name, { ...options, spec: ['  type: database', ...spec] });
export const system = (name: string, spec: readonly string[], options: Omit<EntityOptions, 'spec'> = {}): string[] =>
  entityLines('System', name, { ...options, spec });
export const domain = (name: string, spec: readonly string[], options: Omit<EntityOptions, 'spec'> = {}): string[] =>
  entityLines('Domain', name, { ...options, spec });
export const group = (
  name: string,
  spec: readonly string[] = [],
  options: Omit<EntityOptions, 'spec'> = {},
): string[] =>
  entityLines('Group', name, {
    ...options,
    spec: ['  type: team', ...(spec.some((line) => line.startsWith('  children:')) ? [] : ['  children: []']), ...spec],
  });
export const user = (
  name: string,
  spec: readonly string[] = ['  memberOf: []'],
  options: Omit<EntityOptions, 'spec'> = {},
): string[] => entityLines('User', name, { ...options, spec });

/** Parses `text` as `file` (relative to the workspace) and puts it into `index`. */
export async function upsertInto(index: CatalogIndex, file: string, text: string): Promise<void> {
  index.upsertFile(await parseCatalogFile(`${WORKSPACE}/${file}`, text, ORIGIN));
}

/** An index holding the given files, keyed by path relative to the workspace. */
export async function indexOf(files: Record<string, string>): Promise<CatalogIndex> {
  const index = new CatalogIndex();
  for (const [file, text] of Object.entries(files)) {
    await upsertInto(index, file, text);
  }
  return index;
}

/** The record of a ref, failing the test when it is not indexed. */
export function recordOf(index: CatalogIndex, ref: string): CatalogEntityRecord {
  const record = index.get(ref);
  if (!record) {
    throw new Error(`${ref} is not in the index; it has ${[...index.refs()].sort().join(', ')}`);
  }
  return record;
}

export function refsOf(records: readonly CatalogEntityRecord[]): string[] {
  return records.map((record) => record.ref);
}
