import type { CatalogEntityRecord } from './catalogEntity';

/** The full ref a spec field of the entity points at (`spec.system`, …), as its reference site resolved it. */
export function referenceTargetOf(record: CatalogEntityRecord, field: string): string | undefined {
  return record.references.find((site) => site.field === field)?.targetRef;
}

/** The full ref of the entity's owner (`group:default/team-a`), whether or not that entity exists. */
export function ownerRefOf(record: CatalogEntityRecord): string | undefined {
  return referenceTargetOf(record, 'spec.owner');
}
