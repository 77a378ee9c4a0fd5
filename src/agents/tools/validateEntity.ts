import * as path from 'node:path';
import { parseCatalogFile, type CatalogProblem } from '../../catalog';
import type { AgentContext } from '../agentContext';
import { argumentsObject, INPUT_LIMITS, optionalString, requiredString } from '../toolInput';
import { READ_ONLY, type AgentTool } from '../toolTypes';

const YAML_PROBLEMS = new Set<CatalogProblem['code']>(['yaml-syntax', 'yaml-alias-limit', 'file-too-large']);

/** Where the descriptor would live: a workspace file when `location` names one, else a stand-in. */
function descriptorFile(location: string | undefined, context: AgentContext): string {
  const fallback = path.join(context.roots[0] ?? process.cwd(), 'catalog-info.yaml');
  if (!location) {
    return fallback;
  }
  const target = location.replace(/^(file|url):/, '');
  if (/^[a-z]+:\/\//i.test(target)) {
    return fallback;
  }
  return context.resolvePath(target) ?? fallback;
}

/**
 * Backstage's `validate-entity` ({entity: YAML text, location?} → {isValid, isValidYaml, errors,
 * entity}) through the same parser and validators as the index, with each problem's line and
 * column, and references checked against the catalog (warnings: they do not make it invalid).
 */
export const validateEntityTool: AgentTool = {
  name: 'validate-entity',
  title: 'Validate Catalog Entity',
  description:
    'Validate catalog-info.yaml content: YAML syntax, the Backstage entity schema and kind rules, and whether the entities it refers to ' +
    '(owner, system, dependsOn, …) exist in the catalog. Each problem has a one-based line and column. Nothing is written.',
  inputSchema: {
    type: 'object',
    properties: {
      entity: {
        type: 'string',
        description: 'Entity YAML content to validate (one or more documents).',
        maxLength: INPUT_LIMITS.descriptor,
      },
      location: {
        type: 'string',
        description:
          'Where the file is or will be, relative to the workspace (e.g. services/x/catalog-info.yaml) or a file:/url: location.',
        maxLength: INPUT_LIMITS.path,
      },
    },
    required: ['entity'],
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: {
      isValid: { type: 'boolean', description: 'No errors (warnings allowed).' },
      isValidYaml: { type: 'boolean' },
      errors: { type: 'array', items: { type: 'string' }, description: 'Error messages, "line:column message".' },
      entity: { type: 'object', description: 'The parsed entity, when valid (the first one for several documents).' },
      problems: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            severity: { type: 'string', enum: ['error', 'warning', 'info'] },
            code: { type: 'string' },
            message: { type: 'string' },
            line: { type: 'integer' },
            column: { type: 'integer' },
            entityRef: { type: 'string' },
          },
          required: ['severity', 'code', 'message', 'line', 'column'],
        },
      },
    },
    required: ['isValid', 'isValidYaml', 'errors', 'problems'],
  },
  annotations: { title: 'Validate Catalog Entity', ...READ_ONLY },
  async run(input, context) {
    const args = argumentsObject(input);
    const text = requiredString(args, 'entity', INPUT_LIMITS.descriptor);
    const file = descriptorFile(optionalString(args, 'location', INPUT_LIMITS.path), context);
    const root = context.rootOf(file) ?? path.dirname(file);
    const parsed = await parseCatalogFile(file, text, { type: 'workspace', folder: root });
    const problems: CatalogProblem[] = [...parsed.problems];
    for (const record of parsed.entities) {
      for (const site of record.references) {
        if (!context.index.has(site.targetRef) && !parsed.entities.some((other) => other.ref === site.targetRef)) {
          problems.push({
            file,
            range: site.range,
            severity: 'warning',
            code: 'dangling-ref',
            message: `${site.field}: "${site.text}" refers to ${site.targetRef}, which is not in the catalog`,
            entityRef: record.ref,
          });
        }
      }
    }
    if (parsed.entities.length === 0 && !problems.some((problem) => problem.severity === 'error')) {
      problems.push({
        file,
        range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
        severity: 'error',
        code: 'not-an-object',
        message: 'No entity in the text',
      });
    }
    const located = problems
      .map((problem) => ({
        severity: problem.severity,
        code: problem.code,
        message: problem.message,
        line: problem.range.start.line + 1,
        column: problem.range.start.column + 1,
        ...(problem.entityRef ? { entityRef: problem.entityRef } : {}),
      }))
      .sort((a, b) => a.line - b.line || a.column - b.column);
    const errors = located.filter((problem) => problem.severity === 'error');
    const isValid = errors.length === 0;
    const first = parsed.entities[0];
    return {
      isValid,
      isValidYaml: !located.some((problem) => YAML_PROBLEMS.has(problem.code)),
      errors: errors.map((problem) => `${problem.line}:${problem.column} ${problem.message}`),
      ...(isValid && first ? { entity: first.entity } : {}),
      problems: located,
    };
  },
};
