import type { CatalogEntityRecord } from '../catalog/catalogEntity';
import type { ScorecardContext } from './scorecardTypes';

/**
 * The value a filter predicate sees for an entity: the descriptor as Backstage serves it, with
 * its relations (`{type, targetRef}`, the reverse ends other entities imply included) when the
 * predicate asks about relations; built only then, as it costs a lookup per entity.
 */
export function predicateView(
  record: CatalogEntityRecord,
  needsRelations: boolean,
  context: ScorecardContext,
): Record<string, unknown> {
  const entity = record.entity as unknown as Record<string, unknown>;
  if (!needsRelations) {
    return entity;
  }
  return {
    ...entity,
    relations: context.relationsOf(record).map((relation) => ({ type: relation.type, targetRef: relation.target })),
  };
}

/** Whether a predicate mentions relations anywhere (only then is the wider view built). */
export function mentionsRelations(predicate: unknown): boolean {
  return predicate !== undefined && JSON.stringify(predicate).toLowerCase().includes('relations');
}
