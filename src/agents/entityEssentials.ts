import type { Entity } from '@backstage/catalog-model';
import { ownerRefOf, type CatalogEntityRecord } from '../catalog';
import type { AgentContext } from './agentContext';
import type { JsonSchema } from './toolTypes';

/** What a model needs to name, place and judge an entity, in a few hundred bytes. */
export interface EntityEssentials {
  readonly ref: string;
  readonly kind: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: string;
  readonly lifecycle?: string;
  readonly owner?: string;
  readonly system?: string;
  readonly tags?: readonly string[];
  /** Workspace-relative descriptor file and one-based line; absent for registry entities. */
  readonly file?: string;
  readonly line?: number;
  readonly origin: string;
  readonly valid: boolean;
}

export const ENTITY_ESSENTIALS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    ref: { type: 'string', description: 'kind:namespace/name' },
    kind: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    type: { type: 'string' },
    lifecycle: { type: 'string' },
    owner: { type: 'string' },
    system: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    file: { type: 'string' },
    line: { type: 'integer' },
    origin: { type: 'string' },
    valid: { type: 'boolean' },
  },
  required: ['ref', 'kind', 'origin', 'valid'],
};

function specString(entity: Entity, key: string): string | undefined {
  const spec = entity.spec;
  const value = spec && Object.hasOwn(spec, key) ? spec[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Where a record came from, as a short label: `workspace`, `registry:<name>`, `url:<url>`. */
export function originOf(record: CatalogEntityRecord): string {
  switch (record.origin.type) {
    case 'workspace':
      return 'workspace';
    case 'registry':
      return `registry:${record.origin.registry}`;
    case 'url':
      return `url:${record.origin.url}`;
  }
}

/** Workspace-relative file and one-based line of a record, when it has a file in the workspace. */
export function sourceOf(record: CatalogEntityRecord, context: AgentContext): { file?: string; line?: number } {
  return record.origin.type === 'workspace'
    ? { file: context.displayPath(record.file), line: record.range.start.line + 1 }
    : {};
}

export function entityEssentials(record: CatalogEntityRecord, context: AgentContext): EntityEssentials {
  const { entity } = record;
  const owner = ownerRefOf(record);
  const system = record.references.find((site) => site.field === 'spec.system')?.targetRef;
  const tags = Array.isArray(entity.metadata.tags)
    ? entity.metadata.tags.filter((tag): tag is string => typeof tag === 'string')
    : [];
  const optional = {
    title: typeof entity.metadata.title === 'string' ? entity.metadata.title : undefined,
    description: typeof entity.metadata.description === 'string' ? entity.metadata.description : undefined,
    type: specString(entity, 'type'),
    lifecycle: specString(entity, 'lifecycle'),
    owner,
    system,
    tags: tags.length > 0 ? tags : undefined,
  };
  const defined = Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined));
  return {
    ref: record.ref,
    kind: entity.kind,
    ...defined,
    ...sourceOf(record, context),
    origin: originOf(record),
    valid: record.valid,
  };
}

/** Backstage's `relations` field: outgoing relations of the entity, as the catalog API serves them. */
export function backstageRelations(
  record: CatalogEntityRecord,
  context: AgentContext,
): { type: string; targetRef: string }[] {
  return context
    .relationsOf(record.ref)
    .outgoing.map((relation) => ({ type: relation.type, targetRef: relation.target }));
}

/** The descriptor as Backstage's catalog API returns it: the entity plus its relations. */
export function backstageEntity(record: CatalogEntityRecord, context: AgentContext): Record<string, unknown> {
  return { ...record.entity, relations: backstageRelations(record, context) };
}
