import type { RealmError } from './sandbox/realm/realmProtocol';
import { ScaffolderError, type ErrorLocation } from './scaffolderErrors';

/** Where a piece of template text comes from; its line 1 is `line` of `file` (one-based). */
export interface TextSource {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /**
   * Said before the error when the text is not the file's contents (`the name of "…"`); lines
   * of such text are not lines of the file, so none is reported.
   */
  readonly what?: string;
}

/** Nunjucks prefixes `(path) [Line l, Column c]` and `Error: `; the reader wants the sentence. */
function cleanDetail(message: string): string {
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !/^\(.*\)( \[Line \d+, Column \d+\])?$/.test(line));
  return (lines[lines.length - 1] ?? message)
    .replace(/^((Template render error|[A-Za-z]*Error): )+/, '')
    .replace(/^\(.*?\)( \[Line \d+, Column \d+\])?\s*/, '');
}

/** Filters do not update nunjucks' line counter; find the first line that applies the failing one. */
function lineOfFilter(text: string, detail: string): number | undefined {
  const name =
    /filter not found: ([\w$]+)/.exec(detail)?.[1] ??
    /^(parseRepoUrl|parseEntityRef|projectSlug|pick):/.exec(detail)?.[1];
  if (!name) {
    return undefined;
  }
  const index = text.split('\n').findIndex((line) => new RegExp(`\\|\\s*${name}\\b`).test(line));
  return index >= 0 ? index + 1 : undefined;
}

const BLOCK_TAG = /\{%-?\s*(\w+)([^%]*)%\}/g;
const OPENING_TAGS = new Set([
  'if',
  'for',
  'asyncEach',
  'asyncAll',
  'macro',
  'call',
  'filter',
  'raw',
  'verbatim',
  'block',
]);

/** "expected endif, got end of file" has no line; the unclosed block's opening tag is the useful one. */
function lineOfUnclosedBlock(text: string, detail: string): number | undefined {
  if (!/end of file/.test(detail)) {
    return undefined;
  }
  const open: number[] = [];
  for (const match of text.matchAll(BLOCK_TAG)) {
    const tag = match[1] ?? '';
    const line = text.slice(0, match.index).split('\n').length;
    if (OPENING_TAGS.has(tag) || (tag === 'set' && !(match[2] ?? '').includes('='))) {
      open.push(line);
    } else if (tag.startsWith('end')) {
      open.pop();
    }
  }
  return open[open.length - 1];
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}

/** Turns a nunjucks error (as the template realm describes it) into a rendering error at the right line of the right file. */
export function renderingError(shape: RealmError, text: string, source: TextSource): ScaffolderError {
  const runtimeCause = shape.causeMessage !== undefined;
  const detail = cleanDetail(runtimeCause ? (shape.causeMessage ?? '') : shape.message);
  // Parse errors count lines from 1; runtime errors from 0, and 0/0 means "unknown".
  const runtimeKnown = runtimeCause && (positive(shape.lineno) !== undefined || positive(shape.colno) !== undefined);
  let line = runtimeCause ? (runtimeKnown ? Number(shape.lineno) + 1 : undefined) : positive(shape.lineno);
  let column = runtimeCause ? (runtimeKnown ? Number(shape.colno) + 1 : undefined) : positive(shape.colno);
  if (line === undefined) {
    line = lineOfFilter(text, detail) ?? lineOfUnclosedBlock(text, detail);
    column = undefined;
  }
  if (source.what !== undefined) {
    return new ScaffolderError('rendering', `${source.what}: ${detail}`, { location: { file: source.file } });
  }
  const fileLine = line === undefined ? source.line : (source.line ?? 1) + line - 1;
  const fileColumn =
    line === 1 && column !== undefined && source.column !== undefined ? source.column + column - 1 : column;
  const location: ErrorLocation = {
    file: source.file,
    ...(fileLine !== undefined ? { line: fileLine } : {}),
    ...(fileLine !== undefined && fileColumn !== undefined ? { column: fileColumn } : {}),
  };
  return new ScaffolderError('rendering', detail, { location });
}
