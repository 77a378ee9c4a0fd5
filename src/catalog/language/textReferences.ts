import { resolveEntityRef } from '../entityRefs';
import { compileReferencePattern, type ReferencePattern } from './referencePatterns';

export interface TextReference {
  readonly text: string;
  readonly ref: string;
  readonly startColumn: number;
  readonly endColumn: number;
}

/** Full refs written as `kind:name` or `kind:namespace/name`, with a kind Backstage knows. */
const FULL_REF =
  /(?<![\w:/.-])(component|api|resource|system|domain|group|user|template|location):(?:([a-z0-9]+(?:-[a-z0-9]+)*)\/)?([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(?![\w/-])/gi;

/**
 * Lines are scanned up to this length (a hover scans the part around the cursor): with the
 * linear matcher, the worst pattern on a line this long stays in the low milliseconds.
 */
export const MAX_SCANNED_LINE = 1_000;

/**
 * Finds entity refs in one line of any file: full refs (`component:payments`,
 * `group:default/team-a`) and matches of configured patterns. Columns are zero-based.
 */
export function findReferencesInLine(fullLine: string, patterns: readonly ReferencePattern[] = []): TextReference[] {
  const line = fullLine.slice(0, MAX_SCANNED_LINE);
  const found: TextReference[] = [];
  for (const match of line.matchAll(FULL_REF)) {
    const resolved = resolveEntityRef(match[0], {});
    if (resolved.ok && match.index !== undefined) {
      found.push({
        text: match[0],
        ref: resolved.ref,
        startColumn: match.index,
        endColumn: match.index + match[0].length,
      });
    }
  }
  for (const pattern of patterns) {
    const compiled = compileReferencePattern(pattern.pattern);
    if (!compiled.ok) {
      continue; // the editor warns about rejected patterns once, when settings are read
    }
    for (const match of compiled.matcher.matchAll(line).matches) {
      const { index: startColumn, end: endColumn } = match.group1 ?? match;
      const text = line.slice(startColumn, endColumn);
      if (text.length === 0) {
        continue;
      }
      const resolved = resolveEntityRef(text, pattern.kind ? { defaultKind: pattern.kind } : {});
      // Text already found (a full ref, or another pattern's match) is reported once.
      const overlaps = found.some(
        (reference) => startColumn < reference.endColumn && reference.startColumn < endColumn,
      );
      if (resolved.ok && !overlaps) {
        found.push({ text, ref: resolved.ref, startColumn, endColumn });
      }
    }
  }
  return found.sort((a, b) => a.startColumn - b.startColumn);
}

/** The ref at `column`, found in a window of MAX_SCANNED_LINE characters around it. */
export function referenceAtColumn(
  line: string,
  column: number,
  patterns: readonly ReferencePattern[] = [],
): TextReference | undefined {
  const windowStart = Math.max(0, Math.min(column - MAX_SCANNED_LINE / 2, line.length - MAX_SCANNED_LINE));
  const inWindow = (reference: TextReference): TextReference => ({
    ...reference,
    startColumn: reference.startColumn + windowStart,
    endColumn: reference.endColumn + windowStart,
  });
  return findReferencesInLine(line.slice(windowStart), patterns)
    .map(inWindow)
    .find((reference) => reference.startColumn <= column && column <= reference.endColumn);
}
