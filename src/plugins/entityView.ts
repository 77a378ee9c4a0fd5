import type { CatalogEntityRecord } from '../catalog/catalogEntity';
import { originLabel } from '../catalog/catalogEntity';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { entityLabel } from '../catalog/entityDisplay';
import type { EntityView } from './pluginTypes';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) {
      deepFreeze(child);
    }
  }
  return value;
}

/** The read-only picture of an entity that plugins see; plugins never touch index records. */
export function toEntityView(index: CatalogIndex, record: CatalogEntityRecord): EntityView {
  const relations = index.relationsOf(record.ref);
  return {
    ref: record.ref,
    kind: record.entity.kind,
    namespace: record.entity.metadata.namespace ?? 'default',
    name: record.entity.metadata.name,
    title: entityLabel(record),
    entity: deepFreeze(structuredClone(record.entity)),
    relations: {
      outgoing: relations.outgoing.map((relation) => ({ type: relation.type, target: relation.target })),
      incoming: relations.incoming.map((relation) => ({ type: relation.type, source: relation.source })),
    },
    origin: { type: record.origin.type, label: originLabel(record.origin) },
    file: record.origin.type === 'workspace' ? record.file : undefined,
    line: record.origin.type === 'workspace' ? record.range.start.line + 1 : undefined,
    problems: index
      .problemsOf(record.file)
      .filter((problem) => problem.entityRef === record.ref)
      .map((problem) => ({ severity: problem.severity, message: problem.message, line: problem.range.start.line + 1 })),
  };
}
