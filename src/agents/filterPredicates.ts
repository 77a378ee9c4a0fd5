import type * as FilterPredicates from '@backstage/filter-predicates';

let loaded: typeof FilterPredicates | undefined;

/**
 * `@backstage/filter-predicates`, loaded on the first query: it brings zod (two versions), which
 * the extension's activation and the MCP handshake need not evaluate.
 */
export function filterPredicates(): typeof FilterPredicates {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('@backstage/filter-predicates') as typeof FilterPredicates;
  return loaded;
}
