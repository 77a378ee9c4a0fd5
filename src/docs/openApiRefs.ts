import { isList } from '../shared/isList';

export type JsonObject = Readonly<Record<string, unknown>>;

export function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** A property the document itself defines: `schemas.constructor` must not find Object.prototype's. */
export function own(object: JsonObject | undefined, key: string): unknown {
  return object !== undefined && Object.hasOwn(object, key) ? object[key] : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : undefined;
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

const MAX_REF_HOPS = 32;
const MAX_DESCRIBE_DEPTH = 6;
const MAX_ENUM_VALUES = 6;

/** Resolves local JSON pointers (`#/components/schemas/X`, `#/definitions/X`) of one document, cycle-safe. */
export class RefResolver {
  private readonly reported = new Set<string>();

  constructor(
    private readonly root: JsonObject,
    private readonly problems: string[],
  ) {}

  /** The last pointer segment: what a reader knows the schema by. */
  static refName(ref: string): string {
    const segments = ref.split('/');
    return decodePointerSegment(segments[segments.length - 1] ?? ref) || ref;
  }

  /** Follows `$ref` chains to the object they end at; undefined (with a problem) when they end nowhere. */
  resolve(value: unknown): JsonObject | undefined {
    let current = asObject(value);
    const seen = new Set<string>();
    for (let hops = 0; current !== undefined && hops < MAX_REF_HOPS; hops++) {
      const ref = own(current, '$ref');
      if (typeof ref !== 'string') {
        return current;
      }
      if (seen.has(ref)) {
        this.report(ref, `$ref ${ref} refers to itself in a cycle`);
        return undefined;
      }
      seen.add(ref);
      current = this.lookup(ref);
    }
    return current;
  }

  private lookup(ref: string): JsonObject | undefined {
    if (!ref.startsWith('#')) {
      this.report(ref, `$ref ${ref} points into another file, which is not read`);
      return undefined;
    }
    let current: unknown = this.root;
    for (const segment of ref
      .slice(1)
      .split('/')
      .filter((part) => part.length > 0)) {
      current = own(asObject(current), decodePointerSegment(segment));
    }
    const found = asObject(current);
    if (!found) {
      this.report(ref, `$ref ${ref} points to nothing in this document`);
    }
    return found;
  }

  private report(ref: string, message: string): void {
    if (!this.reported.has(ref)) {
      this.reported.add(ref);
      this.problems.push(message);
    }
  }
}

function decodePointerSegment(segment: string): string {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // Keep the raw segment.
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parenthesize(type: string): string {
  return /[ |&]/.test(type) ? `(${type})` : type;
}

/**
 * A one-line type for a schema, as a reader wants it: referenced schemas by name (so cycles
 * never recurse), `Item[]`, `A | B`, `integer (int64)`, `"a" | "b"`, `… | null`.
 */
export function describeSchema(value: unknown, depth = 0): string {
  const schema = asObject(value);
  if (!schema) {
    return 'any';
  }
  if (depth > MAX_DESCRIBE_DEPTH) {
    return '…';
  }
  const ref = own(schema, '$ref');
  if (typeof ref === 'string') {
    return RefResolver.refName(ref);
  }
  const nullable = own(schema, 'nullable') === true ? ' | null' : '';
  for (const [key, separator] of [
    ['oneOf', ' | '],
    ['anyOf', ' | '],
    ['allOf', ' & '],
  ] as const) {
    const members = asArray(own(schema, key));
    if (members.length > 0) {
      return members.map((member) => describeSchema(member, depth + 1)).join(separator) + nullable;
    }
  }
  const values = asArray(own(schema, 'enum'));
  if (values.length > 0) {
    const shown = values.slice(0, MAX_ENUM_VALUES).map((item) => JSON.stringify(item) ?? 'null');
    return shown.join(' | ') + (values.length > MAX_ENUM_VALUES ? ' | …' : '') + nullable;
  }
  const type = own(schema, 'type');
  if (isList(type)) {
    // OpenAPI 3.1: `type: [string, "null"]`.
    return type.map((member) => describeSchema({ ...schema, type: member }, depth + 1)).join(' | ');
  }
  const format = asString(own(schema, 'format'));
  if (type === 'array') {
    return `${parenthesize(describeSchema(own(schema, 'items'), depth + 1))}[]${nullable}`;
  }
  if (
    type === 'object' ||
    (type === undefined &&
      (own(schema, 'properties') !== undefined || own(schema, 'additionalProperties') !== undefined))
  ) {
    const additional = asObject(own(schema, 'additionalProperties'));
    const base =
      additional && own(schema, 'properties') === undefined
        ? `map<string, ${describeSchema(additional, depth + 1)}>`
        : 'object';
    return base + nullable;
  }
  if (typeof type === 'string') {
    return (format ? `${type} (${format})` : type) + nullable;
  }
  return 'any';
}
