import { parseAllDocuments, type Node } from 'yaml';
import { fastYamlDocuments } from './fastYaml';
import { collectFieldRanges, FieldRanges } from './fieldRanges';
import type { CatalogProblem } from './problems';
import { LineIndex, type SourceRange } from './sourceRange';
import { ALIAS_EXPANSION_BUDGET, expansionProblem, isStackOverflow, scanDocument } from './yamlLimits';

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
  const line = message.split('\n', 1)[0] ?? message;
  // yaml composes recursively: thousands of nesting levels overflow the stack, which it reports as an error.
  return isStackOverflow(line) ? `the document is nested too deeply to read (${line})` : line;
}

export interface YamlDocumentsOptions {
  /**
   * Read plain catalog YAML with the fast path (`fastYaml.ts`), which gives the same result;
   * false: always `yaml` (differential tests compare the two).
   */
  readonly fastPath?: boolean;
}

/**
 * Parses every YAML document of a catalog file the way Backstage does (parseAllDocuments,
 * empty documents skipped, non-objects refused), keeping source ranges. Never throws.
 */
export function parseYamlDocuments(
  file: string,
  rawText: string,
  options: YamlDocumentsOptions = {},
): YamlDocumentsResult {
  // Editors hide a byte-order mark; positions must not count it or line 0 is one column off.
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const lines = new LineIndex(text);
  const documents: YamlDocumentValue[] = [];
  const problems: CatalogProblem[] = [];
  // Errors at the very end of the text point one past it; positions stay inside the file.
  const rangeAt = (start: number, end: number): SourceRange =>
    lines.rangeAt(Math.min(start, text.length), Math.min(end, text.length));
  // Most catalog files are plain block YAML: read those without building yaml's node tree.
  const fast = options.fastPath === false ? undefined : fastYamlDocuments(text);
  if (fast) {
    const fastDocuments = fast.map((document) => ({
      documentIndex: document.documentIndex,
      value: document.value,
      range: rangeAt(document.start, document.end),
      fields: FieldRanges.fromPacked(document.fields, lines),
    }));
    return { documents: fastDocuments, problems: [] };
  }
  // An empty file yields an EmptyStream, which is an empty array. Duplicate keys are found by
  // scanDocument: yaml's own check is quadratic in the size of a mapping.
  // logLevel 'error': a hostile file must not spam the process with warnings (collection keys warn once per key).
  const parsed = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  parsed.forEach((document, documentIndex) => {
    const shape = scanDocument(document.contents);
    // Starts at the content, not at a `---` marker or comments above it, so "line N" shows the entity.
    const documentRange = rangeAt(document.contents?.range?.[0] ?? document.range[0], document.range[1]);
    if (document.errors.length > 0 || shape.duplicateKeys.length > 0) {
      for (const error of document.errors) {
        problems.push({
          file,
          range: rangeAt(error.pos[0], error.pos[1]),
          severity: 'error',
          code: 'yaml-syntax',
          message: `YAML error: ${firstLine(error.message)}`,
        });
      }
      for (const offset of shape.duplicateKeys) {
        problems.push({
          file,
          range: rangeAt(offset, offset + 1),
          severity: 'error',
          code: 'yaml-syntax',
          message: 'YAML error: Map keys must be unique',
        });
      }
      return;
    }
    for (const warning of document.warnings) {
      problems.push({
        file,
        range: rangeAt(warning.pos[0], warning.pos[1]),
        severity: 'warning',
        code: 'yaml-warning',
        message: `YAML warning: ${firstLine(warning.message)}`,
      });
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const reason = firstLine(error instanceof Error ? error.message : String(error));
      problems.push({
        file,
        range: documentRange,
        severity: 'error',
        code: isStackOverflow(reason) ? 'yaml-syntax' : 'yaml-alias-limit',
        message: `YAML document could not be expanded: ${reason}${isStackOverflow(reason) ? '' : ` (aliases are limited to ${MAX_ALIAS_COUNT} expansions per document)`}`,
      });
      return;
    }
    // Aliases may still make one node appear many times, or inside itself; later steps walk the value.
    const expansion = shape.aliases > 0 ? expansionProblem(value, shape.nodes + ALIAS_EXPANSION_BUDGET) : undefined;
    if (expansion) {
      problems.push({
        file,
        range: documentRange,
        severity: 'error',
        code: 'yaml-alias-limit',
        message:
          expansion === 'recursive'
            ? 'YAML document could not be expanded: an alias refers to a node that contains it (a recursive structure)'
            : `YAML document could not be expanded: its aliases expand it to more than ${ALIAS_EXPANSION_BUDGET} values beyond what is written`,
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
