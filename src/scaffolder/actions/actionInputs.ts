import { inputError } from '../scaffolderErrors';

/** Readers for a rendered step input; wrong types are InputErrors, as Backstage's schema check makes them. */
export function optionalString(input: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw inputError(`input "${name}" must be a string, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function requiredString(input: Readonly<Record<string, unknown>>, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined || value.length === 0) {
    throw inputError(`input "${name}" is required`);
  }
  return value;
}

export function optionalBoolean(input: Readonly<Record<string, unknown>>, name: string): boolean {
  const value = input[name];
  return value === true || value === 'true';
}

export function requiredArray(input: Readonly<Record<string, unknown>>, name: string): unknown[] {
  const value = input[name];
  if (!Array.isArray(value)) {
    throw inputError(`${name} must be an Array`);
  }
  return value;
}
