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
  // Past what exists: split on dots, except that everything under annotations/labels is one key.
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
