import * as path from 'node:path';
import type { TemplateEntityV1beta3 } from '@backstage/plugin-scaffolder-common';
import type { CatalogFileSystem } from '../catalog/catalogFileSystem';
import { validateEntity } from '../catalog/entityValidation';
import type { FieldPath, FieldRanges } from '../catalog/fieldRanges';
import { START_OF_FILE, type SourceRange } from '../catalog/sourceRange';
import { parseYamlDocuments, type YamlDocumentValue } from '../catalog/yamlDocuments';
import { isPlainObject, normalizeParameterPages } from './parameterPages';
import type { TemplateDefinition, TemplateProblem, TemplateStepDefinition, YamlPosition } from './templateDefinition';

export const TEMPLATE_API_VERSION = 'scaffolder.backstage.io/v1beta3';
/** Template files are small; anything bigger is a mistake or an attack on the parser. */
const MAX_TEMPLATE_BYTES = 2 * 1024 * 1024;

export type LoadTemplateResult =
  | { readonly template: TemplateDefinition; readonly problems: TemplateProblem[] }
  | { readonly template: undefined; readonly problems: TemplateProblem[] };

/** `file:line:col severity message`, one-based, the way the CLI prints catalog problems. */
export function formatTemplateProblem(problem: TemplateProblem): string {
  return `${problem.file}:${problem.range.start.line + 1}:${problem.range.start.column + 1} ${problem.severity} ${problem.message}`;
}

function isTemplateDocument(document: YamlDocumentValue): boolean {
  return document.value['kind'] === 'Template';
}

/** Finds where a scalar's text starts: after its quote, or on the line after a `|`/`>` indicator. */
function scalarPositions(text: string, fields: FieldRanges): (fieldPath: FieldPath) => YamlPosition | undefined {
  const lines = text.split('\n');
  return (fieldPath) => {
    const range = fields.get(fieldPath)?.valueRange;
    if (!range) {
      return undefined;
    }
    const { line, column } = range.start;
    const first = lines[line]?.charAt(column);
    if (first === '|' || first === '>') {
      const next = lines[line + 1] ?? '';
      return { line: line + 2, column: next.length - next.trimStart().length + 1 };
    }
    return { line: line + 1, column: column + 1 + (first === '"' || first === "'" ? 1 : 0) };
  };
}

function stepsOf(
  spec: Record<string, unknown>,
  problemAt: (fieldPath: FieldPath, message: string) => void,
): TemplateStepDefinition[] {
  const raw = Array.isArray(spec['steps']) ? spec['steps'] : [];
  const seen = new Set<string>();
  return raw.filter(isPlainObject).map((step, index) => {
    const id = typeof step['id'] === 'string' && step['id'].length > 0 ? step['id'] : `step-${index + 1}`;
    if (seen.has(id)) {
      problemAt(
        ['spec', 'steps', index, 'id'],
        `Step id "${id}" is used by an earlier step; later steps could not tell their outputs apart`,
      );
    }
    seen.add(id);
    return {
      index,
      id,
      name: typeof step['name'] === 'string' ? step['name'] : id,
      action: typeof step['action'] === 'string' ? step['action'] : '',
      input: isPlainObject(step['input']) ? step['input'] : {},
      if: step['if'],
      each: step['each'],
    };
  });
}

/**
 * Reads and validates a `template.yaml` (kind Template, scaffolder.backstage.io/v1beta3) with
 * Backstage's own policies and `templateEntityV1beta3Validator`, and normalizes its form pages.
 * Never throws: unreadable files and invalid templates come back as problems with a range.
 */
export async function loadTemplate(fs: CatalogFileSystem, templateFile: string): Promise<LoadTemplateResult> {
  const file = path.resolve(templateFile);
  const problems: TemplateProblem[] = [];
  const fail = (message: string, range: SourceRange = START_OF_FILE): LoadTemplateResult => {
    problems.push({ file, range, severity: 'error', message });
    return { template: undefined, problems };
  };
  const stat = await fs.stat(file);
  if (!stat?.isFile) {
    return fail(stat ? 'The template path is a folder, not a file' : 'The template file does not exist');
  }
  if (stat.size > MAX_TEMPLATE_BYTES) {
    return fail(
      `The template file is ${stat.size} bytes; templates larger than ${MAX_TEMPLATE_BYTES} bytes are not read`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(await fs.readFile(file));
  } catch (error) {
    return fail(`The template file could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseYamlDocuments(file, text);
  for (const problem of parsed.problems) {
    problems.push({
      file,
      range: problem.range,
      severity: problem.severity === 'error' ? 'error' : 'warning',
      message: problem.message,
    });
  }
  const document = parsed.documents.find(isTemplateDocument);
  if (!document) {
    const other = parsed.documents[0];
    return fail(
      other
        ? `Expected kind Template, found kind ${JSON.stringify(other.value['kind'])}`
        : 'The file holds no YAML document with kind Template',
      other ? (other.fields.get(['kind'])?.valueRange ?? other.range) : START_OF_FILE,
    );
  }
  const problemAt = (fieldPath: FieldPath, message: string, severity: TemplateProblem['severity'] = 'error'): void => {
    problems.push({ file, range: document.fields.closest(fieldPath)?.valueRange ?? document.range, severity, message });
  };
  const apiVersion = document.value['apiVersion'];
  if (apiVersion !== TEMPLATE_API_VERSION) {
    problemAt(
      ['apiVersion'],
      `Template apiVersion ${JSON.stringify(apiVersion)} is not supported; expected ${TEMPLATE_API_VERSION}`,
    );
    return { template: undefined, problems };
  }
  const validation = await validateEntity(document.value);
  for (const issue of validation.issues) {
    problemAt(issue.path, issue.message, issue.severity);
  }
  const spec = isPlainObject(document.value['spec']) ? document.value['spec'] : {};
  const { pages, invalidIndexes } = normalizeParameterPages(spec['parameters']);
  for (const index of invalidIndexes) {
    problemAt(['spec', 'parameters', index], 'A parameter page must be an object (a JSON Schema)');
  }
  const steps = stepsOf(spec, problemAt);
  if (!validation.entity || problems.some((problem) => problem.severity === 'error')) {
    return { template: undefined, problems };
  }
  const entity = validation.entity as TemplateEntityV1beta3;
  const template: TemplateDefinition = {
    file,
    folder: path.dirname(file),
    entity,
    name: entity.metadata.name,
    title: entity.metadata.title ?? entity.metadata.name,
    description: entity.metadata.description,
    pages,
    steps,
    output: spec['output'],
    fields: document.fields,
    positionOf: scalarPositions(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, document.fields),
  };
  return { template, problems };
}
