import type { CatalogEntityRecord } from '../../catalog';
import type { AgentContext } from '../agentContext';
import { backstageEntity, entityEssentials, sourceOf } from '../entityEssentials';
import { argumentsObject, optionalString, requiredString } from '../toolInput';
import { READ_ONLY, ToolInputError, type AgentTool } from '../toolTypes';

/** The record a {kind?, namespace?, name} triple names, or an error that lists the candidates. */
export function findEntity(
  context: AgentContext,
  name: string,
  kind: string | undefined,
  namespace: string | undefined,
): CatalogEntityRecord {
  if (kind && namespace) {
    const record = context.index.get(`${kind}:${namespace}/${name}`);
    if (record) {
      return record;
    }
  }
  const candidates = (context.derived.byName.get(name.toLowerCase()) ?? []).filter(
    (record) =>
      (!kind || record.entity.kind.toLowerCase() === kind.toLowerCase()) &&
      (!namespace || (record.entity.metadata.namespace ?? 'default').toLowerCase() === namespace.toLowerCase()),
  );
  const [only, ...others] = candidates;
  if (!only) {
    throw new ToolInputError(
      `No entity found with name "${name}"${kind ? ` of kind ${kind}` : ''}${namespace ? ` in namespace ${namespace}` : ''}`,
    );
  }
  if (others.length > 0) {
    throw new ToolInputError(
      `Multiple entities found with name "${name}", please provide more specific filters. Entities found: ${candidates.map((record) => `"${record.ref}"`).join(', ')}`,
    );
  }
  return only;
}

/** Backstage's `get-catalog-entity`: the full descriptor with relations, plus where it is written. */
export const getCatalogEntityTool: AgentTool = {
  name: 'get-catalog-entity',
  title: 'Get Catalog Entity',
  description:
    'Get one entity of the software catalog (the workspace as it is now, plus configured registries) by name, with kind and namespace when known. ' +
    'Returns the Backstage descriptor with its relations, and `source`: the descriptor file and line, whether it is valid, and a one-line summary.',
  inputSchema: {
    type: 'object',
    properties: {
      kind: {
        type: 'string',
        description: 'The kind of the entity (Component, API, Group, …). Omit if unknown.',
        maxLength: 256,
      },
      namespace: {
        type: 'string',
        description: 'The namespace; "default" when omitted and the name is unique.',
        maxLength: 256,
      },
      name: { type: 'string', description: 'The name of the entity (metadata.name).', maxLength: 256 },
    },
    required: ['name'],
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: { type: 'object' },
      relations: {
        type: 'array',
        items: {
          type: 'object',
          properties: { type: { type: 'string' }, targetRef: { type: 'string' } },
          required: ['type', 'targetRef'],
        },
      },
      source: {
        type: 'object',
        properties: {
          ref: { type: 'string' },
          file: { type: 'string' },
          line: { type: 'integer' },
          origin: { type: 'string' },
          valid: { type: 'boolean' },
        },
        required: ['ref', 'origin', 'valid'],
      },
    },
    required: ['apiVersion', 'kind', 'metadata', 'source'],
  },
  annotations: { title: 'Get Catalog Entity', ...READ_ONLY },
  run(input, context) {
    const args = argumentsObject(input);
    const name = requiredString(args, 'name');
    const record = findEntity(
      context,
      name.trim(),
      optionalString(args, 'kind')?.trim() || undefined,
      optionalString(args, 'namespace')?.trim() || undefined,
    );
    const essentials = entityEssentials(record, context);
    return {
      ...backstageEntity(record, context),
      source: { ref: record.ref, ...sourceOf(record, context), origin: essentials.origin, valid: record.valid },
    };
  },
};
