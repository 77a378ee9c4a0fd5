import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isPlainObject } from './parameterPages';
import type { JsonSchema } from './templateDefinition';

/**
 * Template parameters checked with ajv, the validator rjsf (Backstage's form) uses. Messages are
 * ajv's wording without the field name; the caller prefixes the field's title.
 */
export interface SchemaViolation {
  /** Path below the validated value ([] for the value itself). */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export function asSchema(value: unknown): JsonSchema | undefined {
  return isPlainObject(value) ? value : undefined;
}

export function schemaProperties(schema: JsonSchema): Record<string, JsonSchema> {
  const properties = asSchema(schema['properties']);
  if (!properties) {
    return {};
  }
  const result: Record<string, JsonSchema> = {};
  for (const [name, property] of Object.entries(properties)) {
    const propertySchema = asSchema(property);
    if (propertySchema) {
      result[name] = propertySchema;
    }
  }
  return result;
}

export function schemaRequired(schema: JsonSchema): string[] {
  const required = schema['required'];
  return Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string') : [];
}

/** Keeps messages in the order a reader checks a value: its type, then its content, then its parts. */
const KEYWORD_ORDER = [
  'type',
  'enum',
  'const',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'required',
];

/**
 * Template schemas are someone else's input: strict mode off (they carry `ui:*` keys), formats
 * not checked (as before: the form has no format widgets), nothing fetched or registered by `$id`,
 * so two templates using the same `$id` cannot collide, and only own properties count (a property
 * named `constructor` is not the one every object inherits).
 */
const ajv = new Ajv({
  allErrors: true,
  strict: false,
  validateFormats: false,
  addUsedSchema: false,
  unicodeRegExp: true,
  ownProperties: true,
});

/** The failures inside alternatives: the alternative's own message ("must match a schema in anyOf") says it. */
const INSIDE_ALTERNATIVE = /\/(anyOf|oneOf|not)\//;
const compiled = new WeakMap<JsonSchema, ValidateFunction | SchemaViolation>();

function describeValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A schema ajv cannot compile: name a broken pattern as users saw it before, else ajv's reason. */
function uncompilable(schema: JsonSchema, error: unknown): SchemaViolation {
  const pattern = schema['pattern'];
  if (typeof pattern === 'string') {
    try {
      new RegExp(pattern, 'u');
    } catch {
      return {
        path: [],
        message: `cannot be checked: its pattern ${JSON.stringify(pattern)} is not a valid regular expression`,
      };
    }
  }
  return { path: [], message: `cannot be checked: ${error instanceof Error ? error.message : String(error)}` };
}

function validatorFor(schema: JsonSchema): ValidateFunction | SchemaViolation {
  let validator = compiled.get(schema);
  if (!validator) {
    try {
      validator = ajv.compile(schema);
    } catch (error) {
      validator = uncompilable(schema, error);
    }
    // ajv keeps every compiled schema in its own cache; ours is weak, so forms do not leak.
    ajv.removeSchema(schema);
    compiled.set(schema, validator);
  }
  return validator;
}

function pathOf(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment));
}

/** ajv's wording, with the allowed values spelled out and without ajv's internal item numbers. */
function toViolation(error: ErrorObject): SchemaViolation {
  const path = pathOf(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: [...path, String(params['missingProperty'])], message: 'is required' };
    case 'enum':
      return {
        path,
        message: `must be equal to one of the allowed values: ${(Array.isArray(params['allowedValues']) ? params['allowedValues'] : []).map(describeValue).join(', ')}`,
      };
    case 'const':
      return { path, message: `must be equal to constant ${describeValue(params['allowedValue'])}` };
    case 'uniqueItems':
      return { path, message: 'must NOT have duplicate items' };
    default:
      return { path, message: error.message ?? `must satisfy ${error.keyword}` };
  }
}

function comparePaths(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const left = a[index];
    const right = b[index];
    if (left !== right) {
      return typeof left === 'number' && typeof right === 'number'
        ? left - right
        : String(left).localeCompare(String(right));
    }
  }
  return a.length - b.length;
}

function rank(keyword: string): number {
  const position = KEYWORD_ORDER.indexOf(keyword);
  return position === -1 ? KEYWORD_ORDER.length : position;
}

/** Checks `value` against `schema` with ajv; an empty result means valid. */
export function validateAgainstSchema(value: unknown, schema: JsonSchema): SchemaViolation[] {
  const validator = validatorFor(schema);
  if (typeof validator !== 'function') {
    return [validator];
  }
  if (validator(value)) {
    return [];
  }
  const errors = [...(validator.errors ?? [])]
    .filter((error) => !INSIDE_ALTERNATIVE.test(error.schemaPath))
    .sort((a, b) => comparePaths(pathOf(a.instancePath), pathOf(b.instancePath)) || rank(a.keyword) - rank(b.keyword));
  // A value of the wrong type gets that one message: "must be equal to constant true" says
  // nothing more about "yes" than "must be boolean" does.
  const wrongType = new Set(errors.filter((error) => error.keyword === 'type').map((error) => error.instancePath));
  return errors.filter((error) => error.keyword === 'type' || !wrongType.has(error.instancePath)).map(toViolation);
}

/** Whether `value` satisfies `schema` (for `if` and `dependencies` branches). */
export function satisfiesSchema(value: unknown, schema: JsonSchema): boolean {
  const validator = validatorFor(schema);
  return typeof validator === 'function' && validator(value);
}
