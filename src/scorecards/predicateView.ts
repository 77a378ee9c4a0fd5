import type { CatalogEntityRecord } from '../catalog/catalogEntity';

const withRelations = new WeakMap<CatalogEntityRecord, Record<string, unknown>>();

/**
 * The value a filter predicate sees for an entity: the descriptor as Backstage serves it, with
 * its outgoing relations (`{type, targetRef}`) when the predicate asks about relations. Views
 * are kept per record: records are immutable and replaced on every edit.
 */
export function predicateView(record: CatalogEntityRecord, needsRelations: boolean): Record<string, unknown> {
  const entity = record.entity as unknown as Record<string, unknown>;
  if (!needsRelations) {
    return entity;
  }
  let view = withRelations.get(record);
  if (!view) {
    const relations = record.relations.filter((relation) => relation.source === record.ref).map((relation) => ({ type: relation.type, targetRef: relation.target }));
    view = { ...entity, relations };
    withRelations.set(record, view);
  }
  return view;
}

/** Whether a predicate mentions relations anywhere (only then is the wider view built). */
export function mentionsRelations(predicate: unknown): boolean {
  return predicate !== undefined && JSON.stringify(predicate).toLowerCase().includes('relations');
}
