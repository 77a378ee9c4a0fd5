import * as path from 'node:path';
import type { ParsedCatalogFile } from './parseCatalogFile';
import type { CatalogProblem } from './problems';

/**
 * What a problem message may quote of the file it is about. Messages end up in the Problems
 * panel, in CLI output and in CI logs, so they must not become a way to print a file a
 * Location was pointed at (a `.env`, a key, `.git/config`):
 *
 * - only files named `*.yaml` / `*.yml` are quoted at all: catalog files are YAML, and any
 *   other file (reached only because a Location names it) gets messages that keep the code,
 *   the position and the kind of problem, and no content;
 * - from those, no quoted value longer than `MAX_EXCERPT_CHARS` characters is kept whole.
 *
 * Applied to every parse of a file on disk (`readCatalogFile`) and of unsaved text, before
 * the result is cached, indexed or printed. SECURITY.md ("workspace files: paths") says why.
 */
export const MAX_EXCERPT_CHARS = 80;

export function mayQuoteContent(file: string): boolean {
  return /\.ya?ml$/i.test(path.basename(file));
}

const WHAT: Readonly<Partial<Record<CatalogProblem['code'], string>>> = {
  'yaml-syntax': 'YAML syntax error',
  'yaml-warning': 'YAML warning',
  'yaml-alias-limit': 'YAML alias limit exceeded',
  'not-an-object': 'not a YAML object',
  'invalid-entity': 'invalid entity',
  'unknown-kind': 'unknown kind',
  'invalid-ref': 'invalid entity reference',
  'dangling-ref': 'reference to an entity that does not exist',
  'duplicate-entity': 'duplicate entity',
};

/** Quoted values, paired left to right (a long run between two quoted values is not a value). */
const QUOTED = [/"([^"\n]*)"/g, /`([^`\n]*)`/g];
/** Anything else that may be a value: an unbroken run of characters. */
const LONG_RUN = new RegExp(`[^\\s"\`]{${MAX_EXCERPT_CHARS + 1},}`, 'gu');
/** What no message needs to exceed; the cut shows where. */
const MAX_MESSAGE_CHARS = 500;

const cut = (text: string, limit: number): string => (text.length > limit ? `${text.slice(0, limit)}…` : text);

export function shortenExcerpts(message: string): string {
  let shortened = message;
  for (const pattern of QUOTED) {
    shortened = shortened.replace(pattern, (whole, inner: string) =>
      inner.length > MAX_EXCERPT_CHARS ? `${whole[0]}${cut(inner, MAX_EXCERPT_CHARS)}${whole[0]}` : whole,
    );
  }
  shortened = shortened.replace(LONG_RUN, (run) => cut(run, MAX_EXCERPT_CHARS));
  return cut(shortened, MAX_MESSAGE_CHARS);
}

function contentFree(problem: CatalogProblem): string {
  const what = WHAT[problem.code];
  if (what === undefined) {
    return shortenExcerpts(problem.message);
  }
  return `${what} at line ${problem.range.start.line + 1}; ${path.basename(problem.file)} is not a .yaml/.yml file, so its content is not quoted`;
}

/** The parse with every problem message held to the rule above. */
export function withBoundedExcerpts(parsed: ParsedCatalogFile): ParsedCatalogFile {
  const quote = mayQuoteContent(parsed.file);
  let changed = false;
  const problems = parsed.problems.map((problem) => {
    const message = quote ? shortenExcerpts(problem.message) : contentFree(problem);
    if (message === problem.message) {
      return problem;
    }
    changed = true;
    return { ...problem, message };
  });
  return changed ? { ...parsed, problems } : parsed;
}
