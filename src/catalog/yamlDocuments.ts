import { parseAllDocuments, type Node } from 'yaml';
import { collectFieldRanges, type FieldRanges } from './fieldRanges';
import type { CatalogProblem } from './problems';
import { LineIndex, type SourceRange } from './sourceRange';

export interface YamlDocumentValue {
  /** Position of the document in the file (0-based), counting empty documents too. */
  readonly documentIndex: number;
  readonly value: Record<string, unknown>;
  readonly range: SourceRange;
  readonly fields: FieldRanges;
}

export interface YamlDocumentsResult {
  readonly documents: YamlDocumentValue[];
  readonly problems: CatalogProblem[];
}

/** Alias expansions allowed per document; `yaml` throws past it, which stops "billion laughs". */
const MAX_ALIAS_COUNT = 100;

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}

/**
 * Parses every YAML document of a catalog file the way Backstage does (parseAllDocuments,
 * empty documents skipped, non-objects refused), keeping source ranges. Never throws.
 */
export function parseYamlDocuments(file: string, rawText: string): YamlDocumentsResult {
  // Editors hide a byte-order mark; positions must not count it or line 0 is one column off.
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const lines = new LineIndex(text);
  const documents: YamlDocumentValue[] = [];
  const problems: CatalogProblem[] = [];
  // An empty file yields an EmptyStream, which is an empty array.
  const parsed = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true });
  parsed.forEach((document, documentIndex) => {
    // Starts at the content, not at a `---` marker or comments above it, so "line N" shows the entity.
    const documentRange = lines.rangeAt(document.contents?.range?.[0] ?? document.range[0], document.range[1]);
    if (document.errors.length > 0) {
      for (const error of document.errors) {
        problems.push({
          file,
          range: lines.rangeAt(error.pos[0], error.pos[1]),
          severity: 'error',
          code: 'yaml-syntax',
          message: `YAML error: ${firstLine(error.message)}`,
        });
      }
      return;
    }
    for (const warning of document.warnings) {
      problems.push({
        file,
        range: lines.rangeAt(warning.pos[0], warning.pos[1]),
        severity: 'warning',
        code: 'yaml-warning',
        message: `YAML warning: ${firstLine(warning.message)}`,
      });
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      problems.push({
        file,
        range: documentRange,
        severity: 'error',
        code: 'yaml-alias-limit',
        message: `YAML document could not be expanded: ${firstLine(error instanceof Error ? error.message : String(error))} (aliases are limited to ${MAX_ALIAS_COUNT} expansions per document)`,
      });
      return;
    }
    if (value === null || value === undefined) {
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      problems.push({
        file,
        range: documentRange,
        severity: 'error',
        code: 'not-an-object',
        message: `Expected object at root, got ${Array.isArray(value) ? 'array' : typeof value}`,
      });
      return;
    }
    const contents = document.contents as Node | null;
    const fields = collectFieldRanges(contents as Node, lines);
    documents.push({ documentIndex, value: value as Record<string, unknown>, range: documentRange, fields });
  });
  return { documents, problems };
}
