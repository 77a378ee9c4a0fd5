import type { AgentContext } from '../agentContext';
import { entityEssentials } from '../entityEssentials';
import { argumentsObject, optionalString } from '../toolInput';
import { READ_ONLY, type AgentTool } from '../toolTypes';

/** Parameter names of a template's form pages, read defensively (the descriptor is user input). */
function parameterNames(spec: Record<string, unknown> | undefined): string[] {
  const raw = spec && Object.hasOwn(spec, 'parameters') ? spec['parameters'] : undefined;
  const pages: unknown[] = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const names: string[] = [];
  for (const page of pages) {
    if (page && typeof page === 'object' && Object.hasOwn(page, 'properties')) {
      const properties = (page as Record<string, unknown>)['properties'];
      if (properties && typeof properties === 'object' && !Array.isArray(properties)) {
        names.push(...Object.keys(properties));
      }
    }
  }
  return names.slice(0, 50);
}

export const listTemplatesTool: AgentTool = {
  name: 'list-templates',
  title: 'List Software Templates',
  description:
    'List the software templates of the catalog (kind Template): ref, title, description, type, owner, parameter names and templatePath (for dry-run-template when it is in the workspace). Optional type filter.',
  inputSchema: {
    type: 'object',
    properties: {
      type: { type: 'string', description: 'Only templates of this spec.type (service, website, …).', maxLength: 256 },
    },
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: {
      templates: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            ref: { type: 'string' },
            title: { type: 'string' },
            description: { type: 'string' },
            type: { type: 'string' },
            owner: { type: 'string' },
            parameters: { type: 'array', items: { type: 'string' } },
            templatePath: { type: 'string' },
            origin: { type: 'string' },
          },
          required: ['ref', 'parameters', 'origin'],
        },
      },
    },
    required: ['templates'],
  },
  annotations: { title: 'List Software Templates', ...READ_ONLY },
  run(input, context: AgentContext) {
    const type = optionalString(argumentsObject(input), 'type')?.toLowerCase();
    const templates = context.index
      .byKind('template')
      .filter((record) => !type || entityEssentials(record, context).type?.toLowerCase() === type)
      .sort((a, b) => a.ref.localeCompare(b.ref))
      .map((record) => {
        const essentials = entityEssentials(record, context);
        return {
          ref: record.ref,
          ...(essentials.title ? { title: essentials.title } : {}),
          ...(essentials.description ? { description: essentials.description } : {}),
          ...(essentials.type ? { type: essentials.type } : {}),
          ...(essentials.owner ? { owner: essentials.owner } : {}),
          parameters: parameterNames(record.entity.spec),
          ...(essentials.file ? { templatePath: essentials.file } : {}),
          origin: essentials.origin,
        };
      });
    return { templates };
  },
};
