import type { FilterPredicate } from '@backstage/filter-predicates';

type PredicateObject = Record<string, unknown>;

const RELATION_KEY = /^relations\.(.+)$/i;

const isObject = (value: unknown): value is PredicateObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{relations: {$contains: {type, targetRef?}}}`: the form filter-predicates evaluates on the relations array. */
function containsRelation(type: string, targetRef?: unknown): PredicateObject {
  return { relations: { $contains: targetRef === undefined ? { type } : { type, targetRef } } };
}

/** One `relations.<type>: value` condition in the array form, or undefined for a form Backstage refuses too. */
function relationCondition(type: string, value: unknown): PredicateObject | undefined {
  if (!isObject(value)) {
    return containsRelation(type, value);
  }
  if (Object.hasOwn(value, '$exists')) {
    return value['$exists'] === false ? { $not: containsRelation(type) } : containsRelation(type);
  }
  if (Object.hasOwn(value, '$contains') && !isObject(value['$contains'])) {
    return containsRelation(type, value['$contains']);
  }
  if (Object.hasOwn(value, '$in') || Object.hasOwn(value, '$hasPrefix')) {
    return containsRelation(type, value);
  }
  return undefined;
}

/**
 * Backstage's catalog also matches relations by `relations.<type>` keys
 * (`{"relations.ownedby": "group:default/team-a"}`, as its MCP action documents): its search
 * table flattens them. The entity's `relations` is an array, so such keys are rewritten into the
 * equivalent `$contains` form before `@backstage/filter-predicates` evaluates them. Anything else
 * is returned as it is.
 */
export function withRelationKeysExpanded(predicate: FilterPredicate): FilterPredicate {
  return expand(predicate) as FilterPredicate;
}

function expand(predicate: unknown): unknown {
  if (!isObject(predicate)) {
    return predicate;
  }
  if (Object.hasOwn(predicate, '$all') && Array.isArray(predicate['$all'])) {
    return { $all: (predicate['$all'] as unknown[]).map(expand) };
  }
  if (Object.hasOwn(predicate, '$any') && Array.isArray(predicate['$any'])) {
    return { $any: (predicate['$any'] as unknown[]).map(expand) };
  }
  if (Object.hasOwn(predicate, '$not')) {
    return { $not: expand(predicate['$not']) };
  }
  const kept: PredicateObject = {};
  const relations: PredicateObject[] = [];
  for (const [key, value] of Object.entries(predicate)) {
    const type = RELATION_KEY.exec(key)?.[1];
    const rewritten = type === undefined ? undefined : relationCondition(type, value);
    if (rewritten) {
      relations.push(rewritten);
    } else {
      kept[key] = value;
    }
  }
  if (relations.length === 0) {
    return predicate;
  }
  const parts = Object.keys(kept).length > 0 ? [kept, ...relations] : relations;
  return parts.length === 1 ? parts[0] : { $all: parts };
}

/** Whether a predicate reads the relations (then each candidate needs its relations attached). */
export function readsRelations(predicate: FilterPredicate | undefined): boolean {
  return reads(predicate);
}

function reads(predicate: unknown): boolean {
  if (Array.isArray(predicate)) {
    return predicate.some(reads);
  }
  if (!isObject(predicate)) {
    return false;
  }
  return Object.entries(predicate).some(
    ([key, value]) =>
      /^relations(\.|$)/i.test(key) || ((key === '$all' || key === '$any' || key === '$not') && reads(value)),
  );
}
