import type { JsonSchema, ParameterPage } from './templateDefinition';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export interface NormalizedPages {
  readonly pages: ParameterPage[];
  /** Indexes (in the array form) of entries that are not objects, to report on their range. */
  readonly invalidIndexes: number[];
}

/**
 * `spec.parameters` may be one schema object or an array of them (form pages); both become an
 * array of pages, as Backstage's parameter-schema endpoint returns them.
 */
export function normalizeParameterPages(parameters: unknown): NormalizedPages {
  if (parameters === undefined || parameters === null) {
    return { pages: [], invalidIndexes: [] };
  }
  const raw = Array.isArray(parameters) ? parameters : [parameters];
  const pages: ParameterPage[] = [];
  const invalidIndexes: number[] = [];
  raw.forEach((entry, index) => {
    if (!isPlainObject(entry)) {
      invalidIndexes.push(index);
      return;
    }
    const schema: JsonSchema = entry;
    pages.push({
      index: pages.length,
      title: optionalString(entry['title']),
      description: optionalString(entry['description']),
      schema,
    });
  });
  return { pages, invalidIndexes };
}
