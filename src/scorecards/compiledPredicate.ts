import type { FilterPredicate } from '@backstage/filter-predicates';
import { filterPredicates } from '../catalog/filterPredicates';

/** A compiled predicate: the library's verdict for one value (it may throw where the library throws). */
export type CompiledPredicate = (value: unknown) => boolean;
type Lookup = (value: unknown) => unknown;

const isOwnEnumerable = (value: object, key: string): boolean => Object.prototype.propertyIsEnumerable.call(value, key);

/**
 * A filter predicate turned, once, into a function with `@backstage/filter-predicates`' verdicts:
 * the same operators, precedence, case-insensitive comparison and dot-path lookup, without
 * walking the predicate's keys and every key of the value per entity. The common shapes
 * (`$all`, `$any`, `$not`, field conditions with string values, `$in` of strings, `$exists`,
 * `$hasPrefix` of a string, `$contains`) are compiled; every other part of a predicate (operators
 * mixed with other keys, unknown operators, non-string values, a path whose keys could match
 * two ways) is handed to the library itself, so its verdicts and errors stay the library's.
 * test/unit/scorecards/compiledPredicate.test.ts compares the two on real and generated entities.
 */
export function compilePredicate(predicate: FilterPredicate): CompiledPredicate {
  return compileNode(predicate);
}

/** evaluateFilterPredicate(predicate, value). */
function compileNode(predicate: unknown): CompiledPredicate {
  const byLibrary: CompiledPredicate = (value) =>
    filterPredicates().evaluateFilterPredicate(predicate as FilterPredicate, value);
  if (typeof predicate === 'string') {
    return equalsText(predicate);
  }
  if (typeof predicate !== 'object' || predicate === null || Array.isArray(predicate)) {
    return byLibrary;
  }
  // The library's precedence, with `in` as it tests.
  const operator = '$all' in predicate ? '$all' : '$any' in predicate ? '$any' : '$not' in predicate ? '$not' : '';
  if (operator) {
    const keys = Object.keys(predicate);
    if (keys.length !== 1 || keys[0] !== operator) {
      return byLibrary; // It throws there: "must be the only key".
    }
    const operand: unknown = (predicate as Record<string, unknown>)[operator];
    if (operator === '$not') {
      const inner = compileNode(operand);
      return (value) => !inner(value);
    }
    if (!Array.isArray(operand)) {
      return byLibrary;
    }
    const parts = operand.map(compileNode);
    return operator === '$all'
      ? (value) => parts.every((part) => part(value))
      : (value) => parts.some((part) => part(value));
  }
  const conditions: CompiledPredicate[] = [];
  for (const key in predicate) {
    if (!Object.hasOwn(predicate, key)) {
      continue;
    }
    const matcher = key.startsWith('$') ? undefined : compileMatcher((predicate as Record<string, unknown>)[key]);
    if (!matcher) {
      return byLibrary;
    }
    const lookup = compilePath(key);
    conditions.push((value) => matcher(lookup(value)));
  }
  if (conditions.length === 1) {
    return conditions[0] as CompiledPredicate;
  }
  return (value) => {
    for (const condition of conditions) {
      if (!condition(value)) {
        return false;
      }
    }
    return true;
  };
}

/** The library's evaluateFilterPredicateValue(filter, value); undefined where the library should decide. */
function compileMatcher(filter: unknown): CompiledPredicate | undefined {
  if (typeof filter === 'string') {
    return equalsText(filter);
  }
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    return undefined;
  }
  const record = filter as Record<string, unknown>;
  if ('$contains' in filter) {
    const inner = compileNode(record['$contains']);
    return (value) => Array.isArray(value) && value.some((item) => inner(item));
  }
  if ('$in' in filter) {
    const list = record['$in'];
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
      return undefined;
    }
    const texts = new Set<string>(list);
    const upper = new Set(list.map((item) => item.toUpperCase()));
    // valuesAreEqual(value, item) for string items: the same text in upper case, or a number written so.
    return (value) =>
      typeof value === 'string'
        ? upper.has(value.toUpperCase())
        : typeof value === 'number' && texts.has(String(value));
  }
  if ('$exists' in filter) {
    return record['$exists'] === true ? (value) => value !== undefined : (value) => value === undefined;
  }
  if ('$hasPrefix' in filter) {
    const prefix = record['$hasPrefix'];
    if (typeof prefix !== 'string') {
      return undefined;
    }
    const upper = prefix.toUpperCase();
    return (value) => typeof value === 'string' && value.toUpperCase().startsWith(upper);
  }
  return () => false;
}

/** valuesAreEqual(value, text): the same string ignoring case, or a number whose text it is. */
function equalsText(text: string): CompiledPredicate {
  const upper = text.toUpperCase();
  return (value) =>
    value === text ||
    (typeof value === 'string' ? value.toUpperCase() === upper : typeof value === 'number' && String(value) === text);
}

/**
 * The library's getJsonValueAtPath(value, path): at each level the key is the whole rest of the
 * path or a part of it up to a dot. Where an object has one such key, that is the answer; where it
 * has two (`spec` and `spec.type`), the library's walk in key order decides.
 */
function compilePath(path: string): Lookup {
  if (!path) {
    return () => undefined;
  }
  const prefixes: string[] = [];
  const rests: Lookup[] = [];
  for (let dot = path.indexOf('.'); dot !== -1; dot = path.indexOf('.', dot + 1)) {
    prefixes.push(path.slice(0, dot));
    rests.push(compilePath(path.slice(dot + 1)));
  }
  return (value) => {
    if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
      return undefined;
    }
    let found = isOwnEnumerable(value, path) ? -1 : -2;
    for (let index = 0; index < prefixes.length; index++) {
      if (isOwnEnumerable(value, prefixes[index] as string)) {
        if (found !== -2) {
          return filterPredicates().getJsonValueAtPath(value, path);
        }
        found = index;
      }
    }
    if (found === -2) {
      return undefined;
    }
    const record = value as Record<string, unknown>;
    return found === -1 ? record[path] : (rests[found] as Lookup)(record[prefixes[found] as string]);
  };
}
