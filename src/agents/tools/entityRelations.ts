import { canonicalEntityRefOrError } from '../refInput';
import type { AgentContext } from '../agentContext';
import { entityEssentials, type EntityEssentials } from '../entityEssentials';
import { argumentsObject, INPUT_LIMITS, optionalEnum, optionalInteger, requiredString } from '../toolInput';
import { READ_ONLY, ToolInputError, type AgentTool } from '../toolTypes';

type Direction = 'dependencies' | 'dependents' | 'both';

/**
 * Relation types followed from an entity, per direction. Dependents are what a change to the
 * entity can break: what depends on it, what consumes an API it is, and (for a component) the
 * consumers of the APIs it provides — so the API itself is a step on that path.
 */
const EDGES: Readonly<Record<Exclude<Direction, 'both'>, ReadonlySet<string>>> = {
  dependencies: new Set(['dependsOn', 'consumesApi', 'apiProvidedBy']),
  dependents: new Set(['dependencyOf', 'apiConsumedBy', 'providesApi']),
};

const MAX_NODES = 500;

interface ReachedEntity {
  readonly ref: string;
  readonly distance: number;
  /** The relation that reached it: `<from> <type> <ref>`. */
  readonly via: { readonly from: string; readonly type: string };
  readonly entity?: EntityEssentials;
}

function walk(
  context: AgentContext,
  start: string,
  edges: ReadonlySet<string>,
  depth: number,
): { reached: ReachedEntity[]; truncated: boolean } {
  const seen = new Set([start]);
  const reached: ReachedEntity[] = [];
  let frontier = [start];
  for (let distance = 1; distance <= depth && frontier.length > 0; distance++) {
    const next: string[] = [];
    for (const ref of frontier) {
      for (const relation of context.relationsOf(ref).outgoing) {
        if (!edges.has(relation.type) || seen.has(relation.target)) {
          continue;
        }
        if (reached.length >= MAX_NODES) {
          return { reached, truncated: true };
        }
        seen.add(relation.target);
        next.push(relation.target);
        const record = context.index.get(relation.target);
        reached.push({
          ref: relation.target,
          distance,
          via: { from: ref, type: relation.type },
          ...(record ? { entity: entityEssentials(record, context) } : {}),
        });
      }
    }
    frontier = next;
  }
  return { reached, truncated: false };
}

const REACHED_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      ref: { type: 'string' },
      distance: { type: 'integer' },
      via: {
        type: 'object',
        properties: { from: { type: 'string' }, type: { type: 'string' } },
        required: ['from', 'type'],
      },
      entity: { type: 'object', description: 'Absent when the ref is not in the catalog (a dangling reference).' },
    },
    required: ['ref', 'distance', 'via'],
  },
};

/** Transitive dependencies and dependents of an entity: "what breaks if I change this". */
export const entityRelationsTool: AgentTool = {
  name: 'entity-relations',
  title: 'Entity Dependencies and Dependents',
  description:
    'Impact analysis for an entity ref (e.g. component:default/payments-service or api:payments-api): its direct relations, and transitively the entities it depends on ' +
    '(dependsOn, consumed APIs, the component behind an API) and the entities that depend on it (dependents: dependencyOf, API consumers, consumers of the APIs it provides), ' +
    'each with its distance, the relation that reached it, owner and descriptor file.',
  inputSchema: {
    type: 'object',
    properties: {
      ref: {
        type: 'string',
        description: 'Entity ref, kind:namespace/name (kind defaults to component, namespace to default).',
        maxLength: 512,
      },
      direction: { type: 'string', enum: ['dependencies', 'dependents', 'both'], description: 'Default: both.' },
      depth: {
        type: 'integer',
        minimum: 1,
        maximum: INPUT_LIMITS.depth,
        description: 'How many hops to follow; default 3.',
      },
    },
    required: ['ref'],
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: {
      ref: { type: 'string' },
      entity: { type: 'object' },
      relations: {
        type: 'array',
        items: {
          type: 'object',
          properties: { type: { type: 'string' }, targetRef: { type: 'string' } },
          required: ['type', 'targetRef'],
        },
      },
      dependencies: REACHED_SCHEMA,
      dependents: REACHED_SCHEMA,
      truncated: { type: 'boolean' },
    },
    required: ['ref', 'entity', 'relations', 'truncated'],
  },
  annotations: { title: 'Entity Dependencies and Dependents', ...READ_ONLY },
  run(input, context) {
    const args = argumentsObject(input);
    const ref = canonicalEntityRefOrError(requiredString(args, 'ref', 512), 'component');
    const direction = optionalEnum<Direction>(args, 'direction', ['dependencies', 'dependents', 'both']) ?? 'both';
    const depth = optionalInteger(args, 'depth', 1, INPUT_LIMITS.depth) ?? 3;
    const record = context.index.get(ref);
    if (!record) {
      throw new ToolInputError(`${ref} is not in the catalog`);
    }
    const result: Record<string, unknown> = {
      ref: record.ref,
      entity: entityEssentials(record, context),
      relations: context
        .relationsOf(record.ref)
        .outgoing.map((relation) => ({ type: relation.type, targetRef: relation.target })),
    };
    let truncated = false;
    for (const side of ['dependencies', 'dependents'] as const) {
      if (direction === side || direction === 'both') {
        const walked = walk(context, record.ref, EDGES[side], depth);
        result[side] = walked.reached;
        truncated ||= walked.truncated;
      }
    }
    return { ...result, truncated };
  },
};
