import { stringify } from 'yaml';
import type { FieldRanges } from '../catalog/fieldRanges';
import type { SourcePosition, SourceRange } from '../catalog/sourceRange';
import type { CheckFix } from './scorecardTypes';

/** One text edit: replace `range` (empty: insert at its start) with `newText`. */
export interface FixEdit {
  readonly range: SourceRange;
  readonly newText: string;
}

/** A scalar as YAML writes it: plain where that reads back the same, quoted otherwise. */
function yamlScalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

const at = (position: SourcePosition): SourceRange => ({ start: position, end: position });

function lineOf(text: string, line: number): string {
  let start = 0;
  for (let current = 0; current < line; current++) {
    const next = text.indexOf('\n', start);
    if (next < 0) {
      return '';
    }
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

/**
 * Lines appended to a block mapping whose value spans `range`, at its children's indentation.
 * A block mapping's range ends either at the start of the next line or at the end of its last value.
 */
function appendToBlock(range: SourceRange, indent: number, lines: readonly string[]): FixEdit {
  const body = lines.map((line) => `${' '.repeat(indent)}${line}`);
  return range.end.column === 0
    ? { range: at(range.end), newText: `${body.join('\n')}\n` }
    : { range: at(range.end), newText: `\n${body.join('\n')}` };
}

/** A key/value added to the mapping at `path`: block or flow, as it is written. */
function addToMapping(
  text: string,
  fields: FieldRanges,
  path: readonly string[],
  key: string,
  value: string,
): FixEdit | undefined {
  const parent = fields.get(path);
  if (!parent) {
    return undefined;
  }
  const range = parent.valueRange;
  const first = lineOf(text, range.start.line).slice(range.start.column);
  if (first.startsWith('{')) {
    const empty = /^\{\s*\}/.test(first);
    const closing = { line: range.end.line, column: Math.max(range.start.column, range.end.column - 1) };
    return empty ? { range, newText: `{ ${key}: ${value} }` } : { range: at(closing), newText: `, ${key}: ${value} ` };
  }
  if (range.start.line === range.end.line && range.start.column === range.end.column) {
    return undefined; // `metadata:` with nothing under it: no indentation to follow.
  }
  return appendToBlock(range, range.start.column, [`${key}: ${value}`]);
}

/**
 * The edit that applies a check's fix to the descriptor text of one entity (its fields located
 * in that text), or undefined when the descriptor is written in a way no safe edit fits.
 */
export function fixEdit(text: string, fields: FieldRanges, fix: CheckFix): FixEdit | undefined {
  if (fix.type === 'annotation') {
    const key = yamlScalar(fix.key);
    const value = yamlScalar(fix.value);
    if (fields.get(['metadata', 'annotations'])) {
      return addToMapping(text, fields, ['metadata', 'annotations'], key, value);
    }
    const metadata = fields.get(['metadata']);
    if (
      !metadata ||
      lineOf(text, metadata.valueRange.start.line).slice(metadata.valueRange.start.column).startsWith('{')
    ) {
      return undefined;
    }
    const indent = metadata.valueRange.start.column;
    return appendToBlock(metadata.valueRange, indent, ['annotations:', `${' '.repeat(indent || 2)}${key}: ${value}`]);
  }
  const value = yamlScalar(fix.value);
  const existing = fields.get(fix.path);
  if (existing) {
    const empty =
      existing.valueRange.start.line === existing.valueRange.end.line &&
      existing.valueRange.start.column === existing.valueRange.end.column;
    return empty && existing.keyRange
      ? { range: { start: existing.keyRange.end, end: existing.valueRange.end }, newText: `: ${value}` }
      : { range: existing.valueRange, newText: value };
  }
  const key = fix.path[fix.path.length - 1];
  return key === undefined ? undefined : addToMapping(text, fields, fix.path.slice(0, -1), yamlScalar(key), value);
}
