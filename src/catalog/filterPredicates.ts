import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type * as FilterPredicates from '@backstage/filter-predicates';

let loaded: typeof FilterPredicates | undefined;

/**
 * `@backstage/filter-predicates`, loaded on the first query. It brings zod (two versions, ~430 KB
 * minified), so dist/ ships it as a bundle of its own (`dist/backstageFilterPredicates.js`, esbuild.mjs)
 * that the extension and the CLI load beside them; the extension's bundle and activation stay
 * small. Compiled tests run from out/, where node_modules has the library.
 */
export function filterPredicates(): typeof FilterPredicates {
  if (!loaded) {
    const bundled = path.join(__dirname, 'backstageFilterPredicates.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a choice between two files at run time, which an import cannot express
    const exported: unknown = existsSync(bundled) ? require(bundled) : require('@backstage/filter-predicates');
    loaded = exported as typeof FilterPredicates;
  }
  return loaded;
}
