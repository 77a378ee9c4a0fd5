import { isPlainObject } from './parameterPages';
import { asSchema, satisfiesSchema, schemaProperties, schemaRequired } from './schemaValidation';
import type { JsonSchema } from './templateDefinition';

export interface ActiveProperty {
  readonly name: string;
  readonly schema: JsonSchema;
  /** Shown only because of a `dependencies` / `if`-`then` branch the current values select. */
  readonly conditional: boolean;
}

/** The fields of a page as the form shows them for the current values. */
export interface ActiveSchema {
  readonly properties: Map<string, ActiveProperty>;
  readonly required: Set<string>;
}

/** Conditionals nest rarely; the limit only stops self-referencing input. */
const MAX_DEPTH = 8;
/** Backstage hides these unless a feature flag is on, and there are no feature flags outside Backstage. */
export const FEATURE_FLAG_KEY = 'backstage:featureFlag';

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== '';
}

function withoutProperty(schema: JsonSchema, name: string): JsonSchema {
  const properties = { ...schemaProperties(schema) };
  delete properties[name];
  return { ...schema, properties };
}

function collect(
  schema: JsonSchema,
  values: Readonly<Record<string, unknown>>,
  conditional: boolean,
  into: ActiveSchema,
  depth: number,
): void {
  if (depth > MAX_DEPTH) {
    return;
  }
  for (const [name, property] of Object.entries(schemaProperties(schema))) {
    if (property[FEATURE_FLAG_KEY] !== undefined) {
      continue;
    }
    const existing = into.properties.get(name);
    into.properties.set(name, {
      name,
      schema: existing ? { ...existing.schema, ...property } : property,
      conditional: existing ? existing.conditional && conditional : conditional,
    });
  }
  for (const name of schemaRequired(schema)) {
    into.required.add(name);
  }
  const dependencies = asSchema(schema['dependencies']);
  for (const [key, dependency] of Object.entries(dependencies ?? {})) {
    if (!isPresent(values[key])) {
      continue;
    }
    if (Array.isArray(dependency)) {
      dependency.filter((name): name is string => typeof name === 'string').forEach((name) => into.required.add(name));
      continue;
    }
    const dependencySchema = asSchema(dependency);
    if (!dependencySchema) {
      continue;
    }
    collect({ ...dependencySchema, oneOf: undefined }, values, true, into, depth + 1);
    // rjsf picks the oneOf branch whose copy of the key's schema accepts the key's value, and
    // merges it without that copy (it only selects the branch).
    const branches = Array.isArray(dependencySchema['oneOf']) ? dependencySchema['oneOf'].map(asSchema) : [];
    const chosen = branches.find((branch) => {
      const keySchema = branch ? schemaProperties(branch)[key] : undefined;
      return keySchema !== undefined && satisfiesSchema(values[key], keySchema);
    });
    if (chosen) {
      collect(withoutProperty(chosen, key), values, true, into, depth + 1);
    }
  }
  const condition = asSchema(schema['if']);
  if (condition) {
    const branch = asSchema(satisfiesSchema(values, condition) ? schema['then'] : schema['else']);
    if (branch) {
      collect(branch, values, true, into, depth + 1);
    }
  }
  if (Array.isArray(schema['allOf'])) {
    for (const part of schema['allOf']) {
      const partSchema = asSchema(part);
      if (partSchema) {
        collect(partSchema, values, conditional, into, depth + 1);
      }
    }
  }
}

/** Resolves a page's `dependencies`, `if`/`then`/`else` and `allOf` against the current values. */
export function activeSchema(page: JsonSchema, values: unknown): ActiveSchema {
  const into: ActiveSchema = { properties: new Map(), required: new Set() };
  collect(page, isPlainObject(values) ? values : {}, false, into, 0);
  return into;
}
