import { ToolInputError } from './toolTypes';

/** Bounds on what a caller may send: arguments come from a model or a remote client. */
export const INPUT_LIMITS = {
  shortText: 256,
  path: 4096,
  query: 512,
  /** A descriptor to validate; bigger than any real catalog-info.yaml. */
  descriptor: 512 * 1024,
  list: 100,
  depth: 10,
  pageSize: 500,
} as const;

/** The arguments as a plain object whose own keys alone are read. */
export function argumentsObject(input: unknown): ReadonlyMap<string, unknown> {
  if (input === undefined || input === null) {
    return new Map();
  }
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new ToolInputError('arguments must be a JSON object');
  }
  return new Map(Object.entries(input));
}

export function optionalString(
  args: ReadonlyMap<string, unknown>,
  key: string,
  maxLength: number = INPUT_LIMITS.shortText,
): string | undefined {
  const value = args.get(key);
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new ToolInputError(`${key} must be a string`);
  }
  if (value.length > maxLength) {
    throw new ToolInputError(`${key} is longer than ${maxLength} characters`);
  }
  return value;
}

export function requiredString(
  args: ReadonlyMap<string, unknown>,
  key: string,
  maxLength: number = INPUT_LIMITS.shortText,
): string {
  const value = optionalString(args, key, maxLength);
  if (value === undefined || value.trim() === '') {
    throw new ToolInputError(`${key} is required`);
  }
  return value;
}

export function optionalInteger(
  args: ReadonlyMap<string, unknown>,
  key: string,
  min: number,
  max: number,
): number | undefined {
  const value = args.get(key);
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ToolInputError(`${key} must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function optionalBoolean(args: ReadonlyMap<string, unknown>, key: string): boolean | undefined {
  const value = args.get(key);
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'boolean') {
    throw new ToolInputError(`${key} must be true or false`);
  }
  return value;
}

export function optionalEnum<T extends string>(
  args: ReadonlyMap<string, unknown>,
  key: string,
  allowed: readonly T[],
): T | undefined {
  const value = optionalString(args, key);
  if (value === undefined) {
    return undefined;
  }
  const match = allowed.find((candidate) => candidate === value);
  if (!match) {
    throw new ToolInputError(`${key} must be one of ${allowed.join(', ')}`);
  }
  return match;
}

export function optionalStringList(
  args: ReadonlyMap<string, unknown>,
  key: string,
  maxItems: number = INPUT_LIMITS.list,
): string[] | undefined {
  const value = args.get(key);
  if (value === undefined || value === null) {
    return undefined;
  }
  if (
    !Array.isArray(value) ||
    value.length > maxItems ||
    !value.every((item): item is string => typeof item === 'string' && item.length <= INPUT_LIMITS.shortText)
  ) {
    throw new ToolInputError(`${key} must be a list of at most ${maxItems} short strings`);
  }
  return value;
}

/** A JSON object argument, bounded in size (serialized), copied so later code sees plain data only. */
export function optionalJsonObject(
  args: ReadonlyMap<string, unknown>,
  key: string,
  maxBytes: number,
): Record<string, unknown> | undefined {
  const value = args.get(key);
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ToolInputError(`${key} must be a JSON object`);
  }
  const text = JSON.stringify(value);
  if (text.length > maxBytes) {
    throw new ToolInputError(`${key} is larger than ${maxBytes} bytes`);
  }
  return JSON.parse(text) as Record<string, unknown>;
}
