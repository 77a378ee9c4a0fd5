import type { FieldPath } from './fieldRanges';

export type PlaceholderKind = '$text' | '$json' | '$yaml';

export interface Placeholder {
  readonly path: FieldPath;
  readonly kind: PlaceholderKind;
  readonly target: string;
}

const KINDS: ReadonlySet<string> = new Set(['$text', '$json', '$yaml']);

/** Backstage's rule: an object with exactly one key, a known `$` resolver, and a string value. */
function asPlaceholder(value: unknown): { kind: PlaceholderKind; target: string } | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const keys = Object.keys(value);
  const key = keys[0];
  if (keys.length !== 1 || key === undefined || !KINDS.has(key)) {
    return undefined;
  }
  const target = (value as Record<string, unknown>)[key];
  return typeof target === 'string' ? { kind: key as PlaceholderKind, target } : undefined;
}

/**
 * Finds `$text`/`$json`/`$yaml` substitutions and returns a copy of the value where each is
 * replaced by a stand-in string, so schema validation sees what Backstage validates after
 * its PlaceholderProcessor ran. The substitutions themselves are resolved on demand.
 */
export function extractPlaceholders(value: unknown): { readonly value: unknown; readonly placeholders: Placeholder[] } {
  const placeholders: Placeholder[] = [];
  const walk = (node: unknown, path: (string | number)[]): unknown => {
    const placeholder = asPlaceholder(node);
    if (placeholder) {
      placeholders.push({ path, ...placeholder });
      return `${placeholder.kind}: ${placeholder.target}`;
    }
    if (Array.isArray(node)) {
      return node.map((item, index) => walk(item, [...path, index]));
    }
    if (node && typeof node === 'object') {
      // fromEntries defines own properties: a `__proto__` key stays a key instead of setting the prototype.
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child, [...path, key])]));
    }
    return node;
  };
  const replaced = walk(value, []);
  return { value: placeholders.length > 0 ? replaced : value, placeholders };
}
