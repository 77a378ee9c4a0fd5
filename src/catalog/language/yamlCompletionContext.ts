import { referenceFieldsOf, type ReferenceField } from '../referenceFields';

/** What the cursor in a catalog YAML file is about to receive. */
export type CatalogCompletionContext =
  | {
      readonly type: 'ref';
      readonly entityKind: string;
      readonly namespace: string;
      readonly field: ReferenceField;
      readonly prefix: string;
      readonly startColumn: number;
    }
  | { readonly type: 'kind' | 'apiVersion' | 'lifecycle'; readonly prefix: string; readonly startColumn: number }
  | { readonly type: 'specType'; readonly entityKind: string; readonly prefix: string; readonly startColumn: number }
  | { readonly type: 'annotationKey'; readonly prefix: string; readonly startColumn: number };

/** `---` alone or followed by a comment, a tag or content, as YAML allows. */
const DOCUMENT_SEPARATOR = /^---(?:\s|$)/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The lines of the YAML document containing `lineNumber`, as [first, last]. */
function documentBounds(lines: readonly string[], lineNumber: number): [number, number] {
  let first = lineNumber;
  while (first > 0 && !DOCUMENT_SEPARATOR.test(lines[first - 1] ?? '')) {
    first--;
  }
  let last = lineNumber;
  while (last < lines.length - 1 && !DOCUMENT_SEPARATOR.test(lines[last + 1] ?? '')) {
    last++;
  }
  return [first, last];
}

function topLevelValue(lines: readonly string[], [first, last]: [number, number], key: string): string | undefined {
  const pattern = new RegExp(`^${key}:\\s*["']?([^"'#\\s]+)`);
  for (let index = first; index <= last; index++) {
    const match = pattern.exec(lines[index] ?? '');
    if (match?.[1]) {
      return match[1];
    }
  }
  return undefined;
}

function metadataNamespace(lines: readonly string[], [first, last]: [number, number]): string {
  for (let index = first; index <= last; index++) {
    const match = /^\s+namespace:\s*["']?([a-z0-9-]+)/.exec(lines[index] ?? '');
    if (match?.[1]) {
      return match[1];
    }
  }
  return 'default';
}

/** The key that owns a list item or nested line: the nearest line above with a smaller indent. */
function parentKey(
  lines: readonly string[],
  lineNumber: number,
  first: number,
  itemIndent: number,
  isListItem: boolean,
): { key: string; indent: number } | undefined {
  for (let index = lineNumber - 1; index >= first; index--) {
    const line = lines[index] ?? '';
    if (line.trim().length === 0 || line.trimStart().startsWith('#')) {
      continue;
    }
    const indent = indentOf(line);
    const isItem = line.trimStart().startsWith('-');
    // YAML allows a list at the same indent as its key ("key:\n- item").
    if (indent < itemIndent || (isListItem && indent === itemIndent && !isItem)) {
      const match = /^\s*(?:-\s+)?([A-Za-z0-9_./-]+):\s*(?:#.*)?$/.exec(line);
      return match?.[1] ? { key: match[1], indent } : undefined;
    }
  }
  return undefined;
}

/**
 * Reads, from the text alone, what belongs at the cursor: the file may be mid-edit and not
 * parse, so this looks at indentation and keys rather than at the YAML tree.
 */
export function catalogCompletionContext(
  lines: readonly string[],
  lineNumber: number,
  column: number,
): CatalogCompletionContext | undefined {
  const line = lines[lineNumber] ?? '';
  const before = line.slice(0, column);
  const bounds = documentBounds(lines, lineNumber);
  const entityKind = topLevelValue(lines, bounds, 'kind') ?? '';
  const namespace = metadataNamespace(lines, bounds);
  const refField = (name: string): ReferenceField | undefined =>
    referenceFieldsOf(entityKind).find((field) => field.field === name);

  const keyValue = /^(\s*)(?:-\s+)?([A-Za-z]+):\s+["']?([^\s"'[\]]*)$/.exec(before);
  if (keyValue) {
    const [, indent = '', key = '', prefix = ''] = keyValue;
    const startColumn = column - prefix.length;
    if (indent.length === 0 && key === 'kind') {
      return { type: 'kind', prefix, startColumn };
    }
    if (indent.length === 0 && key === 'apiVersion') {
      return { type: 'apiVersion', prefix, startColumn };
    }
    if (indent.length > 0 && key === 'lifecycle') {
      return { type: 'lifecycle', prefix, startColumn };
    }
    if (
      indent.length > 0 &&
      key === 'type' &&
      parentKey(lines, lineNumber, bounds[0], indent.length, false)?.key === 'spec'
    ) {
      return { type: 'specType', entityKind, prefix, startColumn };
    }
    const field = indent.length > 0 ? refField(key) : undefined;
    if (field) {
      return { type: 'ref', entityKind, namespace, field, prefix, startColumn };
    }
    return undefined;
  }

  const flowList = /^\s*([A-Za-z]+):\s*\[(?:[^\]]*,)?\s*["']?([^\s,"'\]]*)$/.exec(before);
  if (flowList) {
    const [, key = '', prefix = ''] = flowList;
    const field = refField(key);
    return field
      ? { type: 'ref', entityKind, namespace, field, prefix, startColumn: column - prefix.length }
      : undefined;
  }

  const listItem = /^(\s*)-\s+["']?([^\s"']*)$/.exec(before);
  if (listItem) {
    const [, indent = '', prefix = ''] = listItem;
    const parent = parentKey(lines, lineNumber, bounds[0], indent.length, true);
    const field = parent ? refField(parent.key) : undefined;
    return field
      ? { type: 'ref', entityKind, namespace, field, prefix, startColumn: column - prefix.length }
      : undefined;
  }

  const bareKey = /^(\s+)([A-Za-z0-9_./-]*)$/.exec(before);
  if (bareKey) {
    const [, indent = '', prefix = ''] = bareKey;
    if (parentKey(lines, lineNumber, bounds[0], indent.length, false)?.key === 'annotations') {
      return { type: 'annotationKey', prefix, startColumn: column - prefix.length };
    }
  }
  return undefined;
}
