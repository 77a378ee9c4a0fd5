import type * as DocsSearchModule from '../docs/docsSearch';

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand, which an import statement cannot express */

/**
 * TechDocs search, loaded on the first docs question: it brings markdown-it and
 * highlight.js, a sixth of `greenroom mcp`'s start-up before its first answer, which is
 * almost never about docs. The agents import the small docs modules they need directly, not
 * the docs index that re-exports all of them.
 */
export function docsSearchModule(): typeof DocsSearchModule {
  return require('../docs/docsSearch') as typeof DocsSearchModule;
}
