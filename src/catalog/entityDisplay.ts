import type { CatalogEntityRecord } from './catalogEntity';

/** The label people recognise: the title when set, else the name. */
export function entityLabel(record: CatalogEntityRecord): string {
  const title = record.entity.metadata.title;
  return typeof title === 'string' && title.trim().length > 0 ? title : record.entity.metadata.name;
}

function specString(record: CatalogEntityRecord, field: string): string | undefined {
  const value = (record.entity.spec as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function entityType(record: CatalogEntityRecord): string | undefined {
  return specString(record, 'type');
}

export function entityLifecycle(record: CatalogEntityRecord): string | undefined {
  return specString(record, 'lifecycle');
}

/** `type · lifecycle`, the one-line summary under an entity in lists. */
export function entitySummary(record: CatalogEntityRecord): string {
  return [entityType(record), entityLifecycle(record)].filter((part): part is string => part !== undefined).join(' · ');
}

/** Sorts entities by their label, case-insensitively, then by ref for stability. */
export function compareEntities(a: CatalogEntityRecord, b: CatalogEntityRecord): number {
  return entityLabel(a).localeCompare(entityLabel(b), undefined, { sensitivity: 'base' }) || a.ref.localeCompare(b.ref);
}
