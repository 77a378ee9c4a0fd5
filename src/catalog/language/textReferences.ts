import { resolveEntityRef } from '../entityRefs';

/** A user-configured way to spot refs in any file, e.g. CODEOWNERS' `@larkspur/team-a`. */
export interface ReferencePattern {
  /** A regular expression; its first capture group (or the whole match) is the ref text. */
  readonly pattern: string;
  /** Kind assumed when the captured text has none. */
  readonly kind?: string;
}

export interface TextReference {
  readonly text: string;
  readonly ref: string;
  readonly startColumn: number;
  readonly endColumn: number;
}

/** Full refs written as `kind:name` or `kind:namespace/name`, with a kind Backstage knows. */
const FULL_REF = /(?<![\w:/.-])(component|api|resource|system|domain|group|user|template|location):(?:([a-z0-9]+(?:-[a-z0-9]+)*)\/)?([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(?![\w/-])/gi;

function compile(pattern: ReferencePattern): RegExp | undefined {
  try {
    return new RegExp(pattern.pattern, 'g');
  } catch {
    return undefined; // an invalid user pattern is skipped; settings validation reports it
  }
}

/**
 * Finds entity refs in one line of any file: full refs (`component:payments`,
 * `group:default/team-a`) and matches of configured patterns. Columns are zero-based.
 */
export function findReferencesInLine(line: string, patterns: readonly ReferencePattern[] = []): TextReference[] {
  const found: TextReference[] = [];
  for (const match of line.matchAll(FULL_REF)) {
    const resolved = resolveEntityRef(match[0], {});
    if (resolved.ok && match.index !== undefined) {
      found.push({ text: match[0], ref: resolved.ref, startColumn: match.index, endColumn: match.index + match[0].length });
    }
  }
  for (const pattern of patterns) {
    const expression = compile(pattern);
    if (!expression) {
      continue;
    }
    for (const match of line.matchAll(expression)) {
      const text = match[1] ?? match[0];
      if (match.index === undefined || text.length === 0) {
        continue;
      }
      const offset = match[1] !== undefined ? match[0].indexOf(match[1]) : 0;
      const resolved = resolveEntityRef(text, pattern.kind ? { defaultKind: pattern.kind } : {});
      const startColumn = match.index + Math.max(0, offset);
      const endColumn = startColumn + text.length;
      // Text already found (a full ref, or another pattern's match) is reported once.
      const overlaps = found.some((reference) => startColumn < reference.endColumn && reference.startColumn < endColumn);
      if (resolved.ok && !overlaps) {
        found.push({ text, ref: resolved.ref, startColumn, endColumn });
      }
    }
  }
  return found.sort((a, b) => a.startColumn - b.startColumn);
}

export function referenceAtColumn(line: string, column: number, patterns: readonly ReferencePattern[] = []): TextReference | undefined {
  return findReferencesInLine(line, patterns).find((reference) => reference.startColumn <= column && column <= reference.endColumn);
}
