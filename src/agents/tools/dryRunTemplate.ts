import { dryRun, loadTemplate, ScaffolderError, formatTemplateProblem } from '../../scaffolder';
import type { AgentContext } from '../agentContext';
import { argumentsObject, INPUT_LIMITS, optionalBoolean, optionalJsonObject, optionalString } from '../toolInput';
import { ToolInputError, type AgentTool } from '../toolTypes';
import { findEntity } from './getCatalogEntity';

const MAX_VALUES_BYTES = 64 * 1024;
/** Rendered text returned in one answer; the plan (paths and sizes) is always complete. */
const MAX_CONTENT_CHARS = 256 * 1024;

/** The template.yaml to run: `templatePath` in the workspace, or the file of a Template entity. */
function templateFile(args: ReadonlyMap<string, unknown>, context: AgentContext): string {
  const templatePath = optionalString(args, 'templatePath', INPUT_LIMITS.path);
  if (templatePath) {
    const file = context.resolvePath(templatePath);
    if (!file) {
      throw new ToolInputError(`templatePath ${templatePath} is outside the workspace`);
    }
    return file;
  }
  const templateRef = optionalString(args, 'templateRef');
  if (!templateRef) {
    throw new ToolInputError('templatePath (a template.yaml relative to the workspace) or templateRef is required');
  }
  const [kindPart, rest] = templateRef.includes(':')
    ? [templateRef.slice(0, templateRef.indexOf(':')), templateRef.slice(templateRef.indexOf(':') + 1)]
    : ['template', templateRef];
  const [namespace, name] = rest.includes('/')
    ? [rest.slice(0, rest.indexOf('/')), rest.slice(rest.indexOf('/') + 1)]
    : [undefined, rest];
  const record = findEntity(context, name, kindPart, namespace);
  if (record.origin.type !== 'workspace' || record.entity.kind.toLowerCase() !== 'template') {
    throw new ToolInputError(`${record.ref} is not a template described in the workspace`);
  }
  return record.file;
}

function secretsOf(raw: Record<string, unknown> | undefined): Record<string, string> {
  const secrets = new Map<string, string>();
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (typeof value !== 'string') {
      throw new ToolInputError(`secrets.${key} must be a string`);
    }
    secrets.set(key, value);
  }
  return Object.assign(Object.create(null) as Record<string, string>, Object.fromEntries(secrets));
}

/**
 * Backstage's dry run of a software template, run locally on the template's files: the files it
 * would write, the steps it skipped (remote actions), and the rendered text when asked for.
 */
export const dryRunTemplateTool: AgentTool = {
  name: 'dry-run-template',
  title: 'Dry-Run Template',
  description:
    'Run a software template without writing anything: give templatePath (a template.yaml relative to the workspace) or templateRef, and values for its parameters. ' +
    'Returns the files it would create (path, size), the steps skipped because they act on remote systems, the rendered output links, and with includeContent the text of each file. ' +
    'Invalid values come back as an error that names each field.',
  inputSchema: {
    type: 'object',
    properties: {
      templatePath: {
        type: 'string',
        description: 'template.yaml relative to the workspace folder.',
        maxLength: INPUT_LIMITS.path,
      },
      templateRef: {
        type: 'string',
        description: 'A Template entity ref instead of templatePath, e.g. template:default/kafka-consumer.',
        maxLength: 256,
      },
      values: { type: 'object', description: "The template's parameter values." },
      secrets: {
        type: 'object',
        description: 'Values for ${{ secrets.x }}; never echoed back.',
        additionalProperties: { type: 'string' },
      },
      includeContent: {
        type: 'boolean',
        description: 'Also return the rendered text of each file (up to 256 KB in all).',
      },
    },
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: {
      template: { type: 'string' },
      files: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            path: { type: 'string' },
            size: { type: 'integer' },
            executable: { type: 'boolean' },
            content: { type: 'string' },
            contentOmitted: { type: 'boolean' },
          },
          required: ['path', 'size'],
        },
      },
      skipped: {
        type: 'array',
        items: {
          type: 'object',
          properties: { step: { type: 'string' }, action: { type: 'string' }, reason: { type: 'string' } },
          required: ['step', 'action', 'reason'],
        },
      },
      steps: {
        type: 'array',
        items: {
          type: 'object',
          properties: { id: { type: 'string' }, action: { type: 'string' }, status: { type: 'string' } },
          required: ['id', 'action', 'status'],
        },
      },
      output: { type: 'object' },
      log: { type: 'array', items: { type: 'string' } },
    },
    required: ['template', 'files', 'skipped', 'steps'],
  },
  annotations: {
    title: 'Dry-Run Template',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  async run(input, context) {
    const args = argumentsObject(input);
    const file = templateFile(args, context);
    const values = optionalJsonObject(args, 'values', MAX_VALUES_BYTES) ?? {};
    const secrets = secretsOf(optionalJsonObject(args, 'secrets', MAX_VALUES_BYTES));
    const includeContent = optionalBoolean(args, 'includeContent') ?? false;
    if (!(await context.fs.stat(file))?.isFile) {
      throw new ToolInputError(`no template file at ${context.displayPath(file)}`);
    }
    const loaded = await loadTemplate(context.templateFs, file);
    if (!loaded.template) {
      const problems = loaded.problems.map((problem) =>
        formatTemplateProblem({ ...problem, file: context.displayPath(problem.file) }),
      );
      throw new ToolInputError(`${context.displayPath(file)} is not a valid template: ${problems.join('; ')}`);
    }
    try {
      const result = await dryRun(context.templateFs, loaded.template, values, {
        secrets,
        lookupEntity: (ref) => context.index.get(ref)?.entity,
      });
      let budget = MAX_CONTENT_CHARS;
      const files = result.files.map((planned) => {
        const base = { path: planned.path, size: planned.size, executable: planned.executable };
        if (!includeContent || planned.content === undefined) {
          return base;
        }
        if (planned.content.length > budget) {
          return { ...base, contentOmitted: true };
        }
        budget -= planned.content.length;
        return { ...base, content: planned.content };
      });
      return {
        template: context.displayPath(file),
        files,
        skipped: result.skipped.map((skipped) => ({ ...skipped })),
        steps: result.steps.map((step) => ({ id: step.id, name: step.name, action: step.action, status: step.status })),
        output: { links: result.output.links, text: result.output.text },
        log: result.log.slice(-50),
      };
    } catch (error) {
      if (error instanceof ScaffolderError) {
        const where = error.location
          ? `${context.displayPath(error.location.file)}${error.location.line ? `:${error.location.line}` : ''}: `
          : '';
        const fields = error.fieldErrors.map((field) => `${field.field}: ${field.message}`).join('; ');
        throw new ToolInputError(
          `${where}${error.kind} error: ${error.kind === 'validation' && fields ? fields : error.detail}`,
        );
      }
      throw error;
    }
  },
};
