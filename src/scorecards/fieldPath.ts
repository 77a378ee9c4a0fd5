/**
 * The field a Backstage dot path names in an entity, as a list of keys. Keys may hold dots
 * themselves (`metadata.annotations.pagerduty.com/service-id`): like `getJsonValueAtPath`, the
 * walk tries the keys the object really has; past the last existing object the rest is one key
 * under `annotations`/`labels` (where keys are domain-like) and split on dots elsewhere.
 */
export function fieldPathOf(entity: unknown, dotPath: string): string[] {
  const result: string[] = [];
  let current: unknown = entity;
  let rest = dotPath;
  while (rest) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) {
      break;
    }
    // The longest key first: `a.b` before `a` when both exist, as the value there is the more specific one.
    let key: string | undefined;
    for (const candidate of Object.keys(current)) {
      if (
        (key === undefined || candidate.length > key.length) &&
        (rest === candidate || (rest.startsWith(candidate) && rest.charCodeAt(candidate.length) === 46)) /* . */
      ) {
        key = candidate;
      }
    }
    if (key === undefined) {
      break;
    }
    result.push(key);
    current = (current as Record<string, unknown>)[key];
    rest = rest === key ? '' : rest.slice(key.length + 1);
  }
  return tailOf(result, rest);
}

/** The keys so far, then the rest past what exists: split on dots, except that everything under annotations/labels is one key. */
function tailOf(keys: readonly string[], rest: string): string[] {
  const result = [...keys];
  const parts = rest ? rest.split('.') : [];
  while (parts.length > 0) {
    const parent = result[result.length - 1];
    if (parent === 'annotations' || parent === 'labels') {
      result.push(parts.join('.'));
      break;
    }
    result.push(parts.shift() as string);
  }
  return result;
}

/** Own and enumerable: a key Object.keys lists. */
const isOwnEnumerable = (value: object, key: string): boolean => Object.prototype.propertyIsEnumerable.call(value, key);

/** One level of a compiled field path: the keys so far and the rest of the dot path to walk. */
interface FieldPathStep {
  readonly keys: readonly string[];
  readonly rest: string;
  /** The keys the rest can start with (itself, then its parts up to a dot, longest first) and where each leads. */
  readonly candidates: readonly string[];
  readonly next: (FieldPathStep | undefined)[];
  /** The answer when the walk stops here (fieldPathOf's tail: split on dots, one key under annotations/labels). */
  stop?: readonly string[];
}

/**
 * fieldPathOf for one dot path, worked out once: the keys it can meet are known in advance, so
 * each entity costs a few property tests, and entities whose fields have the same shape get the
 * same frozen array (a check's outcome can then be shared by the path itself).
 */
export function compileFieldPath(dotPath: string): (entity: unknown) => readonly string[] {
  const root = fieldPathStep([], dotPath);
  return (entity) => {
    let step = root;
    let current: unknown = entity;
    while (step.rest && current !== null && typeof current === 'object' && !Array.isArray(current)) {
      let index = 0;
      while (index < step.candidates.length && !isOwnEnumerable(current, step.candidates[index] as string)) {
        index++;
      }
      if (index === step.candidates.length) {
        break;
      }
      const key = step.candidates[index] as string;
      current = (current as Record<string, unknown>)[key];
      step = step.next[index] ??= fieldPathStep(
        [...step.keys, key],
        step.rest === key ? '' : step.rest.slice(key.length + 1),
      );
    }
    return (step.stop ??= Object.freeze(tailOf(step.keys, step.rest)));
  };
}

function fieldPathStep(keys: readonly string[], rest: string): FieldPathStep {
  const candidates = rest ? [rest] : [];
  for (let dot = rest.lastIndexOf('.'); dot >= 0; dot = dot === 0 ? -1 : rest.lastIndexOf('.', dot - 1)) {
    candidates.push(rest.slice(0, dot));
  }
  return { keys, rest, candidates, next: candidates.map(() => undefined) };
}
