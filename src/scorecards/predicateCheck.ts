import type { FilterPredicate } from '@backstage/filter-predicates';
import { compilePredicate } from './compiledPredicate';
import { compileFieldPath } from './fieldPath';
import { mentionsRelations, predicateView } from './predicateView';
import { SharedOutcomes } from './sharedOutcomes';
import type { CheckFix, CheckOrigin, CheckSeverity, ScorecardCheck } from './scorecardTypes';

export interface PredicateCheckDefinition {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly severity: CheckSeverity;
  /** Which entities the check is about; all when absent. */
  readonly filter: FilterPredicate | undefined;
  /** What must hold for them. */
  readonly rule: FilterPredicate;
  readonly fix?: CheckFix;
  readonly origin: CheckOrigin;
}

/** The first plain dot path a predicate tests, e.g. the annotation a rule asks for: where a finding points. */
export function firstPath(predicate: unknown): string | undefined {
  if (predicate === null || typeof predicate !== 'object' || Array.isArray(predicate)) {
    return undefined;
  }
  for (const [key, value] of Object.entries(predicate)) {
    if (!key.startsWith('$')) {
      return key;
    }
    const nested = Array.isArray(value) ? value.map(firstPath).find((found) => found !== undefined) : firstPath(value);
    if (nested) {
      return nested;
    }
  }
  return undefined;
}

/** A rule in words where it is a plain field condition (`spec.owner must exist`), else as JSON. */
export function describeRule(rule: unknown): string {
  if (
    rule === null ||
    typeof rule !== 'object' ||
    Array.isArray(rule) ||
    Object.keys(rule).some((key) => key.startsWith('$'))
  ) {
    return JSON.stringify(rule);
  }
  const parts = Object.entries(rule as Record<string, unknown>).map(([path, condition]) => {
    if (condition === null || typeof condition !== 'object') {
      return `${path} must be ${String(condition)}`;
    }
    const [operator, operand] = Object.entries(condition)[0] ?? [];
    switch (Object.keys(condition).length === 1 ? operator : undefined) {
      case '$exists':
        return `${path} must ${operand === false ? 'not ' : ''}be set`;
      case '$in':
        return `${path} must be one of ${Array.isArray(operand) ? operand.map(String).join(', ') : JSON.stringify(operand)}`;
      case '$hasPrefix':
        return `${path} must start with ${String(operand)}`;
      case '$contains':
        return `${path} must contain ${typeof operand === 'object' ? JSON.stringify(operand) : String(operand)}`;
      default:
        return `${path} must match ${JSON.stringify(condition)}`;
    }
  });
  return parts.join('; ');
}

/**
 * The kinds a predicate can match at all, when it says so plainly (`kind: X`, `kind: { $in: [...] }`,
 * directly or under a top-level `$all`), upper-cased as the library compares; undefined otherwise.
 * A shortcut only: entities of other kinds would fail the library's evaluation anyway.
 */
export function requiredKinds(predicate: unknown): ReadonlySet<string> | undefined {
  if (predicate === null || typeof predicate !== 'object' || Array.isArray(predicate)) {
    return undefined;
  }
  const record = predicate as Record<string, unknown>;
  if (Object.hasOwn(record, '$all') && Array.isArray(record['$all'])) {
    return (record['$all'] as unknown[]).map(requiredKinds).find((kinds) => kinds !== undefined);
  }
  const kind = Object.hasOwn(record, 'kind') ? record['kind'] : undefined;
  if (typeof kind === 'string') {
    return new Set([kind.toUpperCase()]);
  }
  const list =
    kind && typeof kind === 'object' && !Array.isArray(kind) && Object.keys(kind).length === 1
      ? (kind as Record<string, unknown>)['$in']
      : undefined;
  return Array.isArray(list) && list.every((item) => typeof item === 'string')
    ? new Set(list.map((item: string) => item.toUpperCase()))
    : undefined;
}

/**
 * When a filter tests nothing but the kind (`kind: X`, `kind: { $in: [...] }` with strings, or
 * `$not` of one of those), its answer for a kind, compared upper-cased as the library compares
 * strings; undefined for any other filter, which the library evaluates.
 */
export function kindOnlyFilter(predicate: unknown): ((kindUpper: string) => boolean) | undefined {
  if (predicate === null || typeof predicate !== 'object' || Array.isArray(predicate)) {
    return undefined;
  }
  const keys = Object.keys(predicate);
  if (keys.length !== 1) {
    return undefined;
  }
  const record = predicate as Record<string, unknown>;
  if (keys[0] === '$not') {
    const inner = kindOnlyFilter(record['$not']);
    return inner && ((kind) => !inner(kind));
  }
  if (keys[0] !== 'kind') {
    return undefined;
  }
  const kind = record['kind'];
  if (typeof kind === 'string') {
    const wanted = kind.toUpperCase();
    return (actual) => actual === wanted;
  }
  const list =
    kind && typeof kind === 'object' && !Array.isArray(kind) && Object.keys(kind).length === 1
      ? (kind as Record<string, unknown>)['$in']
      : undefined;
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
    return undefined;
  }
  const wanted = new Set(list.map((item: string) => item.toUpperCase()));
  return (actual) => wanted.has(actual);
}

/** The key of outcomes without a field path. */
const NO_FIELD: readonly string[] = Object.freeze([]);

/** Lower-case kinds for the engine's index, when they are plain ASCII (so lower and upper case agree). */
function lowerKinds(kinds: ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
  return kinds && [...kinds].every((kind) => /^[\x20-\x7e]*$/.test(kind))
    ? new Set([...kinds].map((kind) => kind.toLowerCase()))
    : undefined;
}

/**
 * A check written as Backstage filter predicates, with `@backstage/filter-predicates`' verdicts
 * (compiled once, compiledPredicate.ts; the library evaluates what is not compiled): `filter`
 * picks the entities, `rule` must hold for each of them. A predicate the library
 * refuses at evaluation (an operator mixed with other keys) counts as a failure, with its reason.
 */
export function predicateCheck(definition: PredicateCheckDefinition): ScorecardCheck {
  const filterNeedsRelations = mentionsRelations(definition.filter);
  const ruleNeedsRelations = mentionsRelations(definition.rule);
  const rulePath = firstPath(definition.rule);
  const kinds = requiredKinds(definition.filter);
  const byKindOnly = filterNeedsRelations ? undefined : kindOnlyFilter(definition.filter);
  // Worked out once per check, not once per entity.
  const notMet = `Not met: ${describeRule(definition.rule)}`;
  const engineKinds = lowerKinds(kinds);
  const fieldPathIn = rulePath ? compileFieldPath(rulePath) : undefined;
  const passes = new SharedOutcomes<readonly string[]>();
  const failures = new SharedOutcomes<readonly string[]>();
  // Compiled once per check, with the library's verdicts (it loads where a part is left to it).
  const filter = definition.filter && compilePredicate(definition.filter);
  const rule = compilePredicate(definition.rule);
  return {
    id: definition.id,
    title: definition.title,
    description: definition.description,
    severity: definition.severity,
    origin: definition.origin,
    ...(filterNeedsRelations || ruleNeedsRelations ? { dependencies: { relations: true } } : {}),
    ...(engineKinds ? { kinds: engineKinds } : {}),
    appliesTo(record, context) {
      if (!filter) {
        return true;
      }
      if (kinds && !kinds.has(record.entity.kind.toUpperCase())) {
        return false;
      }
      if (byKindOnly && typeof record.entity.kind === 'string') {
        return byKindOnly(record.entity.kind.toUpperCase());
      }
      try {
        return filter(predicateView(record, filterNeedsRelations, context));
      } catch {
        return false;
      }
    },
    evaluate(record, context) {
      let passed: boolean;
      let reason: string | undefined;
      try {
        passed = rule(predicateView(record, ruleNeedsRelations, context));
      } catch (error) {
        passed = false;
        reason = error instanceof Error ? error.message : String(error);
      }
      const field = fieldPathIn?.(record.entity);
      // Verdict and field path decide the outcome, unless an error gave a reason: shared by entities.
      const outcomes = passed ? passes : failures;
      const known = passed || !reason ? outcomes.get(field ?? NO_FIELD) : undefined;
      if (known) {
        return known;
      }
      const message = passed ? definition.title : reason ? `The rule could not be evaluated: ${reason}` : notMet;
      const outcome: { passed: boolean; message: string; field?: readonly string[]; fix?: CheckFix } = {
        passed,
        message,
      };
      if (field) {
        outcome.field = field;
      }
      if (!passed && definition.fix) {
        outcome.fix = definition.fix;
      }
      return passed || !reason ? outcomes.add(field ?? NO_FIELD, outcome) : outcome;
    },
  };
}
