import * as assert from 'node:assert/strict';
import type { CatalogProblem, ParsedCatalogFile, ProblemCode, SourceRange } from '../../../../src/catalog';

export const PROBLEM_CODES: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'yaml-syntax',
  'yaml-warning',
  'yaml-alias-limit',
  'not-an-object',
  'invalid-entity',
  'unknown-kind',
  'invalid-ref',
  'dangling-ref',
  'duplicate-entity',
  'location-escape',
  'location-cycle',
  'location-missing',
  'location-invalid',
  'file-unreadable',
  'file-too-large',
]);

/** Lines of the text as an editor shows them: a leading BOM is not part of line 0. */
export function editorLines(text: string): string[] {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
}

function isPosition(value: { line: number; column: number }): boolean {
  return Number.isSafeInteger(value.line) && Number.isSafeInteger(value.column) && value.line >= 0 && value.column >= 0;
}

/** The range is ordered and lies inside the text (a position may sit just past a line's last character). */
export function assertRangeInside(range: SourceRange, lines: readonly string[], what: string): void {
  assert.ok(isPosition(range.start) && isPosition(range.end), `${what}: not a position ${JSON.stringify(range)}`);
  const ordered =
    range.start.line < range.end.line ||
    (range.start.line === range.end.line && range.start.column <= range.end.column);
  assert.ok(ordered, `${what}: range ends before it starts ${JSON.stringify(range)}`);
  for (const position of [range.start, range.end]) {
    const line = lines[position.line];
    assert.ok(line !== undefined, `${what}: line ${position.line} is past the end of the file (${lines.length} lines)`);
    assert.ok(
      position.column <= line.length,
      `${what}: column ${position.column} is past the end of line ${position.line} (${line.length} characters)`,
    );
  }
}

export function assertProblemWellFormed(
  problem: CatalogProblem,
  file: string,
  lines: readonly string[] | undefined,
): void {
  assert.equal(problem.file, file, 'a problem names another file');
  assert.ok(PROBLEM_CODES.has(problem.code), `unknown problem code ${problem.code}`);
  assert.ok(
    problem.severity === 'error' || problem.severity === 'warning' || problem.severity === 'info',
    `bad severity ${problem.severity}`,
  );
  assert.equal(typeof problem.message, 'string');
  assert.ok(problem.message.trim().length > 0, `${problem.code}: empty message`);
  assert.ok(
    problem.message.length < 20_000,
    `${problem.code}: a ${problem.message.length}-character message is not a clear one`,
  );
  if (lines) {
    assertRangeInside(problem.range, lines, `${problem.code} "${problem.message.slice(0, 120)}"`);
  } else {
    assert.ok(isPosition(problem.range.start) && isPosition(problem.range.end));
  }
}

/** What `parseCatalogFile` promises for any text: its own file, known codes, ranges inside the text. */
export function assertParsedWellFormed(parsed: ParsedCatalogFile, file: string, text: string): void {
  const lines = editorLines(text);
  assert.equal(parsed.file, file);
  for (const problem of parsed.problems) {
    assertProblemWellFormed(problem, file, lines);
  }
  for (const record of parsed.entities) {
    assert.equal(record.file, file);
    // kind:namespace/name, lower case; an invalid kind (`:x`, `a/b`) is kept as written, the entity shown but marked.
    const { kind, metadata } = record.entity;
    assert.equal(
      record.ref,
      `${kind}:${metadata.namespace ?? 'default'}/${metadata.name}`.toLowerCase(),
      "the ref is not the entity's",
    );
    assert.ok(record.ref.length > 4);
    assert.equal(typeof record.entity.kind, 'string');
    assertRangeInside(record.range, lines, `entity ${record.ref}`);
    for (const site of record.references) {
      assertRangeInside(site.range, lines, `reference ${site.field} of ${record.ref}`);
    }
  }
  for (const target of parsed.locationTargets) {
    assert.equal(target.file, file);
    assertRangeInside(target.range, lines, `location target ${target.target}`);
  }
}
