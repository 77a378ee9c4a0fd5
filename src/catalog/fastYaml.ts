import { Document, type ScalarTag } from 'yaml';
import { intern, type PackedFieldRanges } from './fieldRanges';
import { PackedFieldWriter } from './packedFieldWriter';

/**
 * A fast path for the YAML that catalog files are made of: block mappings and sequences,
 * single-line plain and quoted scalars, `[a, b]` lists, `|`/`>` block scalars, comments and
 * `---` separators. For such text it returns exactly what `yaml.parseAllDocuments` +
 * `toJS()` + the field ranges give (values, document and node offsets), several times
 * faster; for anything else — anchors, tags, flow mappings, multi-line plain or quoted
 * scalars, escapes, tabs, CR line ends, odd indentation, comments whose place would shift
 * a range, anything that would be a YAML error or warning — it returns undefined and the
 * caller uses `yaml`. Differential tests against `yaml` keep the two in step.
 */

export interface FastYamlDocument {
  readonly documentIndex: number;
  readonly value: Record<string, unknown>;
  /** Offsets of the document as the catalog ranges it: from its content to its end. */
  readonly start: number;
  readonly end: number;
  readonly fields: PackedFieldRanges;
}

/** Thrown inside the fast parser to give up on a text; never escapes this module. */
class GiveUp extends Error {}
const GIVE_UP = new GiveUp('fast path not applicable');

const LINE_BLANK = 0;
const LINE_COMMENT = 1;
const LINE_CONTENT = 2;
const LINE_DOCUMENT_START = 3;

const MAX_DEPTH = 48;

/** Core-schema scalar tags in yaml's order, to resolve plain scalars exactly as it does. */
const schemaDocument = new Document();
const scalarTags: readonly ScalarTag[] = (schemaDocument.schema.tags as ScalarTag[]).filter(
  (tag) => tag.default === true && tag.test instanceof RegExp,
);
const resolveOptions = schemaDocument.options;

/** A plain scalar's value under the core schema: null, boolean, number or the string itself. */
function resolvePlain(source: string): unknown {
  const first = source.charCodeAt(0);
  // Only text starting with a digit, sign, dot, ~ or a letter of null/true/false can be anything but a string.
  if (!(
    (first >= 48 && first <= 57) ||
    first === 43 ||
    first === 45 ||
    first === 46 ||
    first === 126 ||
    first === 110 ||
    first === 78 ||
    first === 116 ||
    first === 84 ||
    first === 102 ||
    first === 70
  )) {
    return source;
  }
  for (const tag of scalarTags) {
    if ((tag.test as RegExp).test(source)) {
      let failed = false;
      const resolved = tag.resolve(source, () => (failed = true), resolveOptions);
      if (failed) {
        throw GIVE_UP;
      }
      return resolved !== null && typeof resolved === 'object' && 'value' in resolved ? resolved.value : resolved;
    }
  }
  return source;
}

interface Node {
  readonly value: unknown;
  /** node.range[0] and [1] */
  readonly start: number;
  readonly end: number;
  /** node.range[2]: where the next token starts (after a trailing comment and line end) */
  readonly after: number;
}

/** Plain keys the fast path accepts: they are strings under the core schema in any case. */
const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$./@-]*$/;
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'null',
  'Null',
  'NULL',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
]);

/** Characters a plain scalar may not start with in block context (YAML indicators). */
function isIndicatorStart(code: number): boolean {
  // - ? : , [ ] { } # & * ! | > ' " % @ `
  return (
    code === 45 ||
    code === 63 ||
    code === 58 ||
    code === 44 ||
    code === 91 ||
    code === 93 ||
    code === 123 ||
    code === 125 ||
    code === 35 ||
    code === 38 ||
    code === 42 ||
    code === 33 ||
    code === 124 ||
    code === 62 ||
    code === 39 ||
    code === 34 ||
    code === 37 ||
    code === 64 ||
    code === 96
  );
}

class FastParser {
  private readonly lineStart: number[] = [];
  private readonly lineEnd: number[] = [];
  /** Start of the next line (after the newline), or the text length. */
  private readonly lineNext: number[] = [];
  private readonly lineIndent: number[] = [];
  private readonly lineKind: number[] = [];
  private fields = new PackedFieldWriter();
  /** Lines of the document being parsed: [docFrom, docTo). */
  private docTo = 0;

  constructor(private readonly text: string) {}

  parse(): FastYamlDocument[] {
    this.scanLines();
    const documents: FastYamlDocument[] = [];
    const count = this.lineKind.length;
    let documentIndex = -1;
    let open = false;
    let hasMarker = false;
    let firstContent = -1;
    const close = (to: number): void => {
      if (firstContent >= 0) {
        documents.push(this.parseDocument(documentIndex, firstContent, to));
      }
      firstContent = -1;
    };
    for (let line = 0; line < count; line++) {
      const kind = this.lineKind[line];
      if (kind === LINE_DOCUMENT_START) {
        if (!open) {
          open = true;
          documentIndex++;
        } else if (hasMarker || firstContent >= 0) {
          close(line);
          documentIndex++;
        }
        hasMarker = true;
      } else if (kind === LINE_CONTENT && firstContent < 0) {
        if (!open) {
          open = true;
          documentIndex++;
        }
        if (this.lineIndent[line] !== 0) {
          throw GIVE_UP;
        }
        firstContent = line;
      }
    }
    close(count);
    return documents;
  }

  private scanLines(): void {
    const text = this.text;
    const length = text.length;
    let start = 0;
    while (start < length) {
      let end = text.indexOf('\n', start);
      const next = end < 0 ? length : end + 1;
      if (end < 0) {
        end = length;
      }
      let indent = 0;
      while (start + indent < end && text.charCodeAt(start + indent) === 32) {
        indent++;
      }
      let kind = LINE_CONTENT;
      if (start + indent === end) {
        kind = LINE_BLANK;
      } else {
        const first = text.charCodeAt(start + indent);
        if (first === 35 /* # */) {
          kind = LINE_COMMENT;
        } else if (
          indent === 0 &&
          (first === 45 || first === 46) &&
          text.startsWith(first === 45 ? '---' : '...', start)
        ) {
          if (first === 46 || !/^---[ ]*$/.test(text.slice(start, end))) {
            throw GIVE_UP; // document end markers, or content on the marker line
          }
          kind = LINE_DOCUMENT_START;
        } else if (indent === 0 && first === 37 /* % */) {
          throw GIVE_UP; // directives
        }
      }
      this.lineStart.push(start);
      this.lineEnd.push(end);
      this.lineNext.push(next);
      this.lineIndent.push(indent);
      this.lineKind.push(kind);
      start = next;
    }
  }

  private parseDocument(documentIndex: number, first: number, to: number): FastYamlDocument {
    this.fields = new PackedFieldWriter();
    this.docTo = to;
    const root = this.parseMap(first, 0, -1, 0);
    if (root.nextLine < to) {
      throw GIVE_UP;
    }
    const fields: PackedFieldRanges = this.fields.finish([root.node.start, Math.max(root.node.start, root.node.end)]);
    return {
      documentIndex,
      value: root.node.value as Record<string, unknown>,
      start: root.node.start,
      end: root.node.after,
      fields,
    };
  }

  /**
   * The next content line at or after `line` in the document, or `docTo`. A comment line on
   * the way must not be deeper than that content line, and after the last content line it
   * must be at column 0: yaml attaches deeper comments to the node before them, which moves
   * that node's end (and its parents').
   */
  private nextContent(line: number): number {
    let maxCommentIndent = -1;
    let current = line;
    while (current < this.docTo) {
      const kind = this.lineKind[current];
      if (kind === LINE_CONTENT) {
        if (maxCommentIndent > (this.lineIndent[current] as number)) {
          throw GIVE_UP;
        }
        return current;
      }
      if (kind === LINE_COMMENT) {
        maxCommentIndent = Math.max(maxCommentIndent, this.lineIndent[current] as number);
      }
      current++;
    }
    if (maxCommentIndent > 0) {
      throw GIVE_UP;
    }
    return current;
  }

  private addField(parent: number, name: string | number, keyStart: number, keyEnd: number): number {
    return this.fields.add(parent, name, keyStart, keyEnd);
  }

  private setFieldValue(entry: number, node: Node): void {
    this.fields.setValue(entry, node.start, Math.max(node.start, node.end));
  }

  /** Offset of the `:` ending a plain key that starts at `start` on this line, or -1. */
  private keyColon(start: number, end: number): number {
    const text = this.text;
    for (let offset = start; offset < end; offset++) {
      const code = text.charCodeAt(offset);
      if (code === 58 /* : */ && (offset + 1 === end || text.charCodeAt(offset + 1) === 32)) {
        return offset;
      }
      if (code === 32 || code === 35) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * A block mapping whose keys start at column `column`; the first key is on `line` at that
   * column (possibly after `- ` of a sequence item).
   */
  private parseMap(
    line: number,
    column: number,
    parentField: number,
    depth: number,
  ): { node: Node; nextLine: number; lastLine: number } {
    if (depth > MAX_DEPTH) {
      throw GIVE_UP;
    }
    const text = this.text;
    const value: Record<string, unknown> = {};
    const seen = new Set<string>();
    let start = -1;
    let after: number;
    let current = line;
    let lastLine: number;
    for (;;) {
      const lineStart = this.lineStart[current] as number;
      const lineEnd = this.lineEnd[current] as number;
      const keyStart = lineStart + column;
      const colon = this.keyColon(keyStart, lineEnd);
      if (colon < 0) {
        throw GIVE_UP;
      }
      const key = text.slice(keyStart, colon);
      if (!PLAIN_KEY.test(key) || FORBIDDEN_KEYS.has(key) || seen.has(key) || resolvePlain(key) !== key) {
        throw GIVE_UP;
      }
      seen.add(key);
      if (start < 0) {
        start = keyStart;
      }
      const entry = this.addField(parentField, intern(key), keyStart, colon);
      let restStart = colon + 1;
      while (restStart < lineEnd && text.charCodeAt(restStart) === 32) {
        restStart++;
      }
      let node: Node;
      let next: number;
      if (restStart === lineEnd || text.charCodeAt(restStart) === 35 /* # */) {
        // Nothing after the colon but maybe a comment: a nested block on the next lines, or null.
        const nested = this.nextContent(current + 1);
        const nestedIndent = nested < this.docTo ? (this.lineIndent[nested] as number) : -1;
        if (nestedIndent > column || (nestedIndent === column && this.isSequenceItem(nested, column))) {
          const block = this.parseBlock(nested, nestedIndent, column, entry, depth + 1);
          node = block.node;
          next = block.nextLine;
          lastLine = block.lastLine;
        } else {
          // An empty value is null at the colon; keep it simple: nothing else on the line, and
          // the very next line is the next content (no blank or comment lines to attribute).
          if (restStart !== colon + 1 || restStart !== lineEnd || nested !== current + 1) {
            throw GIVE_UP;
          }
          node = { value: null, start: colon + 1, end: colon + 1, after: colon + 1 };
          next = nested;
          lastLine = current;
        }
      } else {
        const inline = this.parseInline(current, restStart, column, entry, depth + 1);
        node = inline.node;
        lastLine = inline.lastLine;
        next = this.nextContent(inline.lastLine + 1);
        if (next < this.docTo && (this.lineIndent[next] as number) > column) {
          throw GIVE_UP; // a continuation line: multi-line scalars are left to yaml
        }
      }
      this.setFieldValue(entry, node);
      value[key] = node.value;
      after = node.after;
      if (next >= this.docTo || (this.lineIndent[next] as number) < column) {
        return { node: { value, start, end: after, after }, nextLine: next, lastLine };
      }
      if ((this.lineIndent[next] as number) > column || this.isSequenceItem(next, column)) {
        throw GIVE_UP;
      }
      current = next;
    }
  }

  private isSequenceItem(line: number, column: number): boolean {
    const offset = (this.lineStart[line] as number) + column;
    return (
      this.text.charCodeAt(offset) === 45 /* - */ &&
      (offset + 1 === this.lineEnd[line] || this.text.charCodeAt(offset + 1) === 32)
    );
  }

  /** A block node whose first line is `line` at `indent`: a sequence (`- `) or a mapping. */
  private parseBlock(
    line: number,
    indent: number,
    parentIndent: number,
    parentField: number,
    depth: number,
  ): { node: Node; nextLine: number; lastLine: number } {
    if (this.isSequenceItem(line, indent)) {
      return this.parseSequence(line, indent, parentIndent, parentField, depth);
    }
    if (indent === parentIndent) {
      throw GIVE_UP;
    }
    return this.parseMap(line, indent, parentField, depth);
  }

  private parseSequence(
    line: number,
    column: number,
    parentIndent: number,
    parentField: number,
    depth: number,
  ): { node: Node; nextLine: number; lastLine: number } {
    if (depth > MAX_DEPTH) {
      throw GIVE_UP;
    }
    const text = this.text;
    const items: unknown[] = [];
    let start = -1;
    let after: number;
    let current = line;
    let lastLine: number;
    for (;;) {
      const lineEnd = this.lineEnd[current] as number;
      const dash = (this.lineStart[current] as number) + column;
      if (start < 0) {
        start = dash;
      }
      let itemStart = dash + 1;
      while (itemStart < lineEnd && text.charCodeAt(itemStart) === 32) {
        itemStart++;
      }
      if (itemStart === lineEnd || itemStart === dash + 1 || text.charCodeAt(itemStart) === 35) {
        throw GIVE_UP; // empty items, or `-#`
      }
      const entry = this.addField(parentField, items.length, -1, -1);
      let node: Node;
      let next: number;
      const itemColumn = itemStart - (this.lineStart[current] as number);
      if (this.keyColon(itemStart, lineEnd) >= 0 && !isIndicatorStart(text.charCodeAt(itemStart))) {
        // `- key: value` and its continuation keys at the same column: a mapping in the item.
        const map = this.parseMap(current, itemColumn, entry, depth + 1);
        node = map.node;
        next = map.nextLine;
        lastLine = map.lastLine;
      } else {
        const inline = this.parseInline(current, itemStart, column, entry, depth + 1);
        node = inline.node;
        lastLine = inline.lastLine;
        next = this.nextContent(inline.lastLine + 1);
        if (next < this.docTo && (this.lineIndent[next] as number) > column) {
          throw GIVE_UP;
        }
      }
      this.setFieldValue(entry, node);
      items.push(node.value);
      after = node.after;
      const nextIndent = next < this.docTo ? (this.lineIndent[next] as number) : -1;
      if (next < this.docTo && nextIndent === column && this.isSequenceItem(next, column)) {
        current = next;
        continue;
      }
      if (next < this.docTo && (nextIndent > column || (nextIndent === column && column !== parentIndent))) {
        throw GIVE_UP;
      }
      return { node: { value: items, start, end: after, after }, nextLine: next, lastLine };
    }
  }

  /**
   * A value that starts on the line at `offset`: a block scalar (which takes the following
   * more-indented lines), a quoted scalar, a flow sequence, `{}` or a plain scalar.
   */
  private parseInline(
    line: number,
    offset: number,
    parentIndent: number,
    parentField: number,
    depth: number,
  ): { node: Node; lastLine: number } {
    const text = this.text;
    const code = text.charCodeAt(offset);
    const lineEnd = this.lineEnd[line] as number;
    const lineNext = this.lineNext[line] as number;
    switch (code) {
      case 124: // |
      case 62: // >
        return this.parseBlockScalar(line, offset, parentIndent);
      case 39: // '
      case 34: {
        // "
        let close = offset + 1;
        let value = '';
        if (code === 39) {
          let segment = close;
          for (;;) {
            const quote = text.indexOf("'", close);
            if (quote < 0 || quote >= lineEnd) {
              throw GIVE_UP;
            }
            if (text.charCodeAt(quote + 1) === 39) {
              value += `${text.slice(segment, quote)}'`;
              close = quote + 2;
              segment = close;
              continue;
            }
            value += text.slice(segment, quote);
            close = quote;
            break;
          }
        } else {
          const quote = text.indexOf('"', close);
          if (quote < 0 || quote >= lineEnd) {
            throw GIVE_UP;
          }
          value = text.slice(close, quote);
          if (value.includes('\\')) {
            throw GIVE_UP;
          }
          close = quote;
        }
        this.checkLineRest(close + 1, lineEnd);
        return { node: { value, start: offset, end: close + 1, after: lineNext }, lastLine: line };
      }
      case 91: // [
        return { node: this.parseFlowSequence(line, offset, parentField, depth), lastLine: line };
      case 123: {
        // {
        if (text.charCodeAt(offset + 1) !== 125) {
          throw GIVE_UP;
        }
        this.checkLineRest(offset + 2, lineEnd);
        return { node: { value: {}, start: offset, end: offset + 2, after: lineNext }, lastLine: line };
      }
      default: {
        if (isIndicatorStart(code) && !(code === 45 && offset + 1 < lineEnd && text.charCodeAt(offset + 1) !== 32)) {
          throw GIVE_UP; // `-1` and `-x` are plain scalars; other indicators are not read here
        }
        // Up to a comment (` #`) or the line end, without trailing spaces.
        let end = offset + 1;
        while (end < lineEnd && !(text.charCodeAt(end) === 35 && text.charCodeAt(end - 1) === 32)) {
          end++;
        }
        while (end > offset && text.charCodeAt(end - 1) === 32) {
          end--;
        }
        const source = text.slice(offset, end);
        if (source.includes(': ') || source.endsWith(':')) {
          throw GIVE_UP;
        }
        return { node: { value: resolvePlain(source), start: offset, end, after: lineNext }, lastLine: line };
      }
    }
  }

  /** After a quoted scalar or flow collection: only spaces, or spaces and a comment. */
  private checkLineRest(from: number, lineEnd: number): void {
    const text = this.text;
    let offset = from;
    while (offset < lineEnd && text.charCodeAt(offset) === 32) {
      offset++;
    }
    if (offset < lineEnd && !(text.charCodeAt(offset) === 35 && offset > from)) {
      throw GIVE_UP;
    }
  }

  /** `[a, b, 'c']` on one line: plain or simple quoted items, no nesting, no trailing comma. */
  private parseFlowSequence(line: number, offset: number, parentField: number, depth: number): Node {
    if (depth > MAX_DEPTH) {
      throw GIVE_UP;
    }
    const text = this.text;
    const lineEnd = this.lineEnd[line] as number;
    const items: unknown[] = [];
    let position = offset + 1;
    const skipSpaces = (): void => {
      while (position < lineEnd && text.charCodeAt(position) === 32) {
        position++;
      }
    };
    skipSpaces();
    if (text.charCodeAt(position) === 93 /* ] */) {
      this.checkLineRest(position + 1, lineEnd);
      return { value: items, start: offset, end: position + 1, after: this.lineNext[line] as number };
    }
    for (;;) {
      skipSpaces();
      const itemStart = position;
      const code = text.charCodeAt(position);
      let value: unknown;
      let itemEnd: number;
      if (code === 39 || code === 34) {
        const quote = text.indexOf(code === 39 ? "'" : '"', position + 1);
        if (quote < 0 || quote >= lineEnd) {
          throw GIVE_UP;
        }
        value = text.slice(position + 1, quote);
        if ((value as string).includes('\\') || (code === 39 && text.charCodeAt(quote + 1) === 39)) {
          throw GIVE_UP;
        }
        itemEnd = quote + 1;
        position = itemEnd;
      } else {
        if (isIndicatorStart(code) || position >= lineEnd) {
          throw GIVE_UP;
        }
        while (position < lineEnd) {
          const current = text.charCodeAt(position);
          if (current === 44 || current === 93) {
            break;
          }
          // No nested flow, no `key: value` pairs, no comments inside the brackets.
          if (
            current === 91 ||
            current === 123 ||
            current === 125 ||
            current === 35 ||
            current === 58 ||
            current === 39 ||
            current === 34
          ) {
            throw GIVE_UP;
          }
          position++;
        }
        itemEnd = position;
        while (itemEnd > itemStart && text.charCodeAt(itemEnd - 1) === 32) {
          itemEnd--;
        }
        if (itemEnd === itemStart) {
          throw GIVE_UP;
        }
        value = resolvePlain(text.slice(itemStart, itemEnd));
      }
      const entry = this.addField(parentField, items.length, -1, -1);
      this.setFieldValue(entry, { value, start: itemStart, end: itemEnd, after: itemEnd });
      items.push(value);
      skipSpaces();
      const separator = text.charCodeAt(position);
      if (separator === 44 /* , */) {
        position++;
        skipSpaces();
        if (text.charCodeAt(position) === 93 || position >= lineEnd) {
          throw GIVE_UP; // trailing comma
        }
        continue;
      }
      if (separator === 93 /* ] */) {
        this.checkLineRest(position + 1, lineEnd);
        return { value: items, start: offset, end: position + 1, after: this.lineNext[line] as number };
      }
      throw GIVE_UP;
    }
  }

  /** `|`, `|-`, `>` or `>-` alone on its line, then lines indented deeper than the parent. */
  private parseBlockScalar(line: number, offset: number, parentIndent: number): { node: Node; lastLine: number } {
    const text = this.text;
    const folded = text.charCodeAt(offset) === 62;
    const lineEnd = this.lineEnd[line] as number;
    let header = offset + 1;
    let strip = false;
    if (text.charCodeAt(header) === 45 /* - */) {
      strip = true;
      header++;
    }
    if (header !== lineEnd) {
      throw GIVE_UP; // keep (+), indentation indicators, comments or spaces after the header
    }
    // Content indentation: that of the first non-blank line, deeper than the parent.
    let first = line + 1;
    while (first < this.docTo && this.lineKind[first] === LINE_BLANK) {
      if ((this.lineEnd[first] as number) !== (this.lineStart[first] as number)) {
        throw GIVE_UP; // whitespace-only lines: their spaces may be content
      }
      first++;
    }
    if (
      first >= this.docTo ||
      this.lineKind[first] === LINE_DOCUMENT_START ||
      (this.lineIndent[first] as number) <= parentIndent
    ) {
      throw GIVE_UP; // an empty block scalar
    }
    const indent = this.lineIndent[first] as number;
    const parts: string[] = [];
    let lastContent = first;
    let current = line + 1;
    for (; current < this.docTo; current++) {
      const start = this.lineStart[current] as number;
      const end = this.lineEnd[current] as number;
      if (start === end) {
        parts.push('');
        continue;
      }
      if (this.lineKind[current] === LINE_DOCUMENT_START) {
        break;
      }
      if (this.lineKind[current] === LINE_BLANK) {
        throw GIVE_UP; // a whitespace-only line: its spaces may be content, or not
      }
      const lineIndent = this.lineIndent[current] as number;
      if (lineIndent < indent) {
        break;
      }
      if (folded && lineIndent > indent) {
        throw GIVE_UP; // more-indented lines keep their breaks in folded scalars
      }
      parts.push(text.slice(start + indent, end));
      lastContent = current;
    }
    // Trailing empty lines are not content (clip and strip both drop them).
    parts.length = lastContent - line;
    let value: string;
    if (folded) {
      value = '';
      let pendingBreaks = 0;
      for (const [position, part] of parts.entries()) {
        if (part === '') {
          pendingBreaks++;
          continue;
        }
        if (position > 0) {
          value += pendingBreaks > 0 ? '\n'.repeat(pendingBreaks) : ' ';
        }
        value += part;
        pendingBreaks = 0;
      }
    } else {
      value = parts.join('\n');
    }
    if (!strip) {
      value += '\n';
    }
    const end = this.lineNext[lastContent] as number;
    return { node: { value, start: offset, end, after: end }, lastLine: lastContent };
  }
}

/**
 * The documents of a catalog file through the fast path, or undefined when the text is not
 * in the subset it reads (the caller then uses `yaml`). Only documents with content are
 * returned; `documentIndex` counts the empty ones too, as yaml does.
 */
export function fastYamlDocuments(text: string): FastYamlDocument[] | undefined {
  // Tabs, carriage returns, other control characters and line/paragraph separators are left to yaml.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(text)) {
    return undefined;
  }
  try {
    return new FastParser(text).parse();
  } catch (error) {
    if (error instanceof GiveUp) {
      return undefined;
    }
    throw error;
  }
}
