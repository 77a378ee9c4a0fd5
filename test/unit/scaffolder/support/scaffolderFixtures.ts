import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  describeParameters,
  dryRun,
  loadTemplate,
  ScaffolderError,
  type DryRunOptions,
  type DryRunResult,
  type ParameterField,
  type ScaffolderErrorKind,
  type TemplateDefinition,
  type TemplateFileSystem,
} from '../../../../src/scaffolder';
import { MemoryFileSystem } from '../../support/memoryFileSystem';

// Compiled to out/test/unit/scaffolder/support, so the repository root is five levels up.
export const REPO_ROOT = path.resolve(__dirname, '../../../../..');
export const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/templates');
export const NODE_SERVICE = path.join(REPO_ROOT, 'templates/node-service/template.yaml');
export const KAFKA_CONSUMER = path.join(REPO_ROOT, 'examples/templates/kafka-consumer/template.yaml');

/** Where in-memory templates live. */
export const TEMPLATE_DIR = '/templates/demo';
export const TEMPLATE_FILE = `${TEMPLATE_DIR}/template.yaml`;

/** Joins lines into file text with a trailing newline. */
export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

/** A template.yaml with the given step lines (already indented by four spaces under `steps:`). */
export function templateYaml(steps: readonly string[], parameters: readonly string[] = []): string {
  return lines(
    'apiVersion: scaffolder.backstage.io/v1beta3',
    'kind: Template',
    'metadata:',
    '  name: demo',
    '  title: Demo',
    'spec:',
    '  type: service',
    ...(parameters.length > 0 ? ['  parameters:', ...parameters] : []),
    '  steps:',
    ...steps,
  );
}

/** An in-memory template folder: keys are paths relative to TEMPLATE_DIR. */
export function memoryTemplate(
  files: Readonly<Record<string, string>>,
  symlinks: Readonly<Record<string, string>> = {},
): MemoryFileSystem {
  const absolute = Object.fromEntries(
    Object.entries(files).map(([file, text]) => [path.posix.join(TEMPLATE_DIR, file), text]),
  );
  const links = Object.fromEntries(
    Object.entries(symlinks).map(([link, target]) => [path.posix.join(TEMPLATE_DIR, link), target]),
  );
  return new MemoryFileSystem(absolute, { symlinks: links });
}

export async function loadOrFail(fs: TemplateFileSystem, file: string = TEMPLATE_FILE): Promise<TemplateDefinition> {
  const loaded = await loadTemplate(fs, file);
  if (!loaded.template) {
    throw new Error(
      `template did not load: ${JSON.stringify(loaded.problems.map((problem) => `${problem.range.start.line + 1}: ${problem.message}`))}`,
    );
  }
  return loaded.template;
}

/** The one form field of a template whose only parameter is `choice`, given its schema lines. */
export async function choiceField(parameter: readonly string[]): Promise<ParameterField> {
  const template = await loadOrFail(
    memoryTemplate({
      'template.yaml': templateYaml(
        ['    - action: debug:log'],
        ['    - title: Hostile', '      properties:', '        choice:', ...parameter],
      ),
    }),
  );
  const [field] = describeParameters(template);
  assert.ok(field, 'the template has its field');
  return field;
}

/** Loads and dry-runs a template in one go. */
export async function run(
  fs: TemplateFileSystem,
  values: Record<string, unknown> = {},
  options: DryRunOptions = {},
  file: string = TEMPLATE_FILE,
): Promise<DryRunResult> {
  return dryRun(fs, await loadOrFail(fs, file), values, { userRef: 'user:default/tester', ...options });
}

/** path → text (or `<binary N bytes>`) of every generated file. */
export function contentsOf(result: DryRunResult): Record<string, string> {
  return Object.fromEntries(result.files.map((file) => [file.path, file.content ?? `<binary ${file.size} bytes>`]));
}

export function pathsOf(result: DryRunResult): string[] {
  return result.files.map((file) => file.path);
}

/** Awaits a rejection with a ScaffolderError of `kind` whose message matches every pattern. */
export async function rejectsWith(
  promise: Promise<unknown>,
  kind: ScaffolderErrorKind,
  ...patterns: RegExp[]
): Promise<ScaffolderError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ScaffolderError, `expected a ScaffolderError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    for (const pattern of patterns) {
      assert.match(error.message, pattern);
    }
    return error;
  }
  assert.fail(`expected a ${kind} error`);
}

export interface TempFolder {
  readonly path: string;
  remove(): void;
}

export function tempFolder(prefix = 'greenroom-scaffold-'): TempFolder {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  return { path: folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

export { runCli, type CliRun } from '../../support/runCli';
