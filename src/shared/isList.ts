/**
 * `Array.isArray` as a type guard that keeps what is known: it narrows `unknown` to
 * `readonly unknown[]` and leaves an already typed list (`readonly T[]`) as it is, where
 * `Array.isArray` turns a readonly list into `any[]` and lets unchecked values through.
 */
export function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}
