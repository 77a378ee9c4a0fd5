import { isPlainObject } from './parameterPages';
import type { JsonSchema } from './templateDefinition';

/**
 * The subset of JSON Schema template forms use, checked by hand: type, enum, const, pattern,
 * lengths, bounds, items and nested properties. Messages follow ajv's wording (what rjsf shows)
 * without the field name; the caller prefixes the field's title.
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

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}

function typeMatches(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isPlainObject(value);
    case 'null':
      return value === null;
    default:
      return true;
  }
}

function schemaTypes(schema: JsonSchema): string[] {
  const type = schema['type'];
  return typeof type === 'string' ? [type] : Array.isArray(type) ? type.filter((item): item is string => typeof item === 'string') : [];
}

function number(schema: JsonSchema, key: string): number | undefined {
  const value = schema[key];
  return typeof value === 'number' ? value : undefined;
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function checkString(value: string, schema: JsonSchema, report: (message: string) => void): void {
  const length = [...value].length;
  const minLength = number(schema, 'minLength');
  const maxLength = number(schema, 'maxLength');
  if (minLength !== undefined && length < minLength) {
    report(`must NOT have fewer than ${minLength} characters`);
  }
  if (maxLength !== undefined && length > maxLength) {
    report(`must NOT have more than ${maxLength} characters`);
  }
  const pattern = schema['pattern'];
  if (typeof pattern === 'string') {
    let expression: RegExp | undefined;
    try {
      expression = new RegExp(pattern, 'u');
    } catch {
      report(`cannot be checked: its pattern ${JSON.stringify(pattern)} is not a valid regular expression`);
    }
    if (expression && !expression.test(value)) {
      report(`must match pattern "${pattern}"`);
    }
  }
}

function checkNumber(value: number, schema: JsonSchema, report: (message: string) => void): void {
  const minimum = number(schema, 'minimum');
  const maximum = number(schema, 'maximum');
  const exclusiveMinimum = number(schema, 'exclusiveMinimum');
  const exclusiveMaximum = number(schema, 'exclusiveMaximum');
  const multipleOf = number(schema, 'multipleOf');
  if (minimum !== undefined && value < minimum) {
    report(`must be >= ${minimum}`);
  }
  if (maximum !== undefined && value > maximum) {
    report(`must be <= ${maximum}`);
  }
  if (exclusiveMinimum !== undefined && value <= exclusiveMinimum) {
    report(`must be > ${exclusiveMinimum}`);
  }
  if (exclusiveMaximum !== undefined && value >= exclusiveMaximum) {
    report(`must be < ${exclusiveMaximum}`);
  }
  if (multipleOf !== undefined && multipleOf > 0 && Math.abs(value / multipleOf - Math.round(value / multipleOf)) > 1e-9) {
    report(`must be multiple of ${multipleOf}`);
  }
}

function checkArray(value: unknown[], schema: JsonSchema, path: readonly (string | number)[], violations: SchemaViolation[]): void {
  const report = (message: string): void => {
    violations.push({ path, message });
  };
  const minItems = number(schema, 'minItems');
  const maxItems = number(schema, 'maxItems');
  if (minItems !== undefined && value.length < minItems) {
    report(`must NOT have fewer than ${minItems} items`);
  }
  if (maxItems !== undefined && value.length > maxItems) {
    report(`must NOT have more than ${maxItems} items`);
  }
  if (schema['uniqueItems'] === true && value.some((item, index) => value.findIndex((other) => deepEqual(other, item)) !== index)) {
    report('must NOT have duplicate items');
  }
  const items = schema['items'];
  value.forEach((item, index) => {
    const itemSchema = Array.isArray(items) ? asSchema(items[index]) : asSchema(items);
    if (itemSchema) {
      violations.push(...validateAgainstSchema(item, itemSchema, [...path, index]));
    }
  });
}

/** Checks `value` against `schema`; an empty result means valid. */
export function validateAgainstSchema(value: unknown, schema: JsonSchema, path: readonly (string | number)[] = []): SchemaViolation[] {
  const violations: SchemaViolation[] = [];
  const report = (message: string): void => {
    violations.push({ path, message });
  };
  const types = schemaTypes(schema);
  if (types.length > 0 && !types.some((type) => typeMatches(value, type))) {
    report(`must be ${types.join(',')}`);
    return violations;
  }
  const allowed = schema['enum'];
  if (Array.isArray(allowed) && !allowed.some((candidate) => deepEqual(candidate, value))) {
    report(`must be equal to one of the allowed values: ${allowed.map(describeValue).join(', ')}`);
  }
  if (Object.hasOwn(schema, 'const') && !deepEqual(schema['const'], value)) {
    report(`must be equal to constant ${describeValue(schema['const'])}`);
  }
  if (typeof value === 'string') {
    checkString(value, schema, report);
  } else if (typeof value === 'number') {
    checkNumber(value, schema, report);
  } else if (Array.isArray(value)) {
    checkArray(value, schema, path, violations);
  } else if (isPlainObject(value)) {
    for (const name of schemaRequired(schema)) {
      if (value[name] === undefined) {
        violations.push({ path: [...path, name], message: 'is required' });
      }
    }
    for (const [name, propertySchema] of Object.entries(schemaProperties(schema))) {
      if (value[name] !== undefined) {
        violations.push(...validateAgainstSchema(value[name], propertySchema, [...path, name]));
      }
    }
  }
  return violations;
}
