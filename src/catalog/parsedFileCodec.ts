import type { Entity } from '@backstage/catalog-model';
import type { CatalogEntityRecord, EntityOrigin } from './catalogEntity';
import { FieldRanges, type FieldLocation, type FieldPath, type PackedFieldRanges } from './fieldRanges';
import { isPackedFieldRanges } from './packedFieldWriter';
import { locationTargetsOf, type ParsedCatalogFile } from './parseCatalogFile';
import type { Placeholder } from './placeholders';
import type { CatalogProblem } from './problems';
import { recordRelations, type ReferenceSite } from './relations';
import { LineIndex, type SourceRange } from './sourceRange';
import { isList } from '../shared/isList';

/**
 * A parsed catalog file as plain JSON data: what the index cache stores on disk and what a
 * parse worker sends back. Everything derivable is left out and rebuilt on decode: the file
 * and origin (the caller knows them), relations (two per reference, from the field's kinds),
 * Location targets (from the records) and line/column ranges of fields (offsets + line starts).
 */
export interface EncodedCatalogFile {
  /** Line starts of the text the field offsets point into. */
  readonly l: readonly number[];
  readonly e: readonly EncodedRecord[];
  readonly p: readonly EncodedProblem[];
}

/** start line, start column, end line, end column */
type EncodedRange = readonly [number, number, number, number];

type EncodedFields =
  | { readonly k: PackedFieldRanges }
  | { readonly m: readonly (readonly [FieldPath, EncodedRange | null, EncodedRange])[] };

interface EncodedRecord {
  readonly r: string;
  readonly v: Entity;
  readonly i: number;
  readonly g: EncodedRange;
  readonly f: EncodedFields;
  /** References: field label, spec field, text as written, target ref, range. */
  readonly s: readonly EncodedReference[];
  readonly h: readonly Placeholder[];
  readonly ok: boolean;
}

/** field label, spec field, text as written, target ref, range */
type EncodedReference = readonly [string, string, string, string, EncodedRange];

/** severity, code, message, range, entity ref */
type EncodedProblem = readonly [CatalogProblem['severity'], CatalogProblem['code'], string, EncodedRange, string?];

const encodeRange = (range: SourceRange): EncodedRange => [
  range.start.line,
  range.start.column,
  range.end.line,
  range.end.column,
];

const decodeRange = (range: EncodedRange): SourceRange => ({
  start: { line: range[0], column: range[1] },
  end: { line: range[2], column: range[3] },
});

/**
 * Whether JSON carries the value through unchanged: no NaN/Infinity/-0 (they come back as
 * null or 0), no undefined or holes, no `__proto__` keys, only plain objects and arrays.
 */
export function survivesJson(value: unknown, depth = 0): boolean {
  if (depth > 200) {
    return false;
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) {
        return true;
      }
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) {
          if (!(index in value) || !survivesJson(value[index], depth + 1)) {
            return false;
          }
        }
        return true;
      }
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== null) {
        return false;
      }
      for (const key of Object.keys(value)) {
        if (key === '__proto__' || !survivesJson((value as Record<string, unknown>)[key], depth + 1)) {
          return false;
        }
      }
      return true;
    }
    default:
      return false;
  }
}

function encodeFields(fields: FieldRanges, lines: LineIndex | undefined): EncodedFields | undefined {
  const packed = fields.pack();
  if (packed && (fields.lineIndex === lines || (packed.names.length === 0 && !packed.root))) {
    return { k: packed };
  }
  const entries: [FieldPath, EncodedRange | null, EncodedRange][] = [];
  for (const [path, location] of fields.entries()) {
    entries.push([path, location.keyRange ? encodeRange(location.keyRange) : null, encodeRange(location.valueRange)]);
  }
  return { m: entries };
}

/**
 * The JSON form of a parsed file, or undefined when it would not come back identical
 * (a value JSON cannot carry): such a file is parsed again rather than cached or sent.
 */
export function encodeParsedFile(parsed: ParsedCatalogFile): EncodedCatalogFile | undefined {
  let lines: LineIndex | undefined;
  for (const record of parsed.entities) {
    lines ??= record.fields.lineIndex;
  }
  const records: EncodedRecord[] = [];
  for (const record of parsed.entities) {
    if (record.file !== parsed.file || !survivesJson(record.entity) || !survivesJson(record.placeholders)) {
      return undefined;
    }
    const fields = encodeFields(record.fields, lines);
    if (!fields) {
      return undefined;
    }
    const references: EncodedReference[] = [];
    for (const site of record.references) {
      if (site.sourceRef !== record.ref) {
        return undefined;
      }
      references.push([site.field, site.specField, site.text, site.targetRef, encodeRange(site.range)]);
    }
    if (!relationsMatch(record)) {
      return undefined;
    }
    records.push({
      r: record.ref,
      v: record.entity,
      i: record.documentIndex,
      g: encodeRange(record.range),
      f: fields,
      s: references,
      h: record.placeholders,
      ok: record.valid,
    });
  }
  const problems: EncodedProblem[] = [];
  for (const problem of parsed.problems) {
    if (problem.file !== parsed.file) {
      return undefined;
    }
    const encoded: EncodedProblem =
      problem.entityRef === undefined
        ? [problem.severity, problem.code, problem.message, encodeRange(problem.range)]
        : [problem.severity, problem.code, problem.message, encodeRange(problem.range), problem.entityRef];
    problems.push(encoded);
  }
  return { l: lines?.starts ?? [], e: records, p: problems };
}

/** Relations are not stored: they must be what decoding derives again from the references. */
function relationsMatch(record: CatalogEntityRecord): boolean {
  const derived = recordRelations(record.entity.kind, record.ref, record.references, record.valid);
  if (!derived || derived.length !== record.relations.length) {
    return false;
  }
  return derived.every((relation, position) => {
    const actual = record.relations[position];
    return (
      actual !== undefined &&
      actual.source === relation.source &&
      actual.type === relation.type &&
      actual.target === relation.target
    );
  });
}

function decodeFields(encoded: EncodedFields, lines: LineIndex): FieldRanges {
  if ('k' in encoded) {
    const packed = encoded.k;
    if (!isPackedFieldRanges(packed)) {
      throw new Error('malformed field ranges');
    }
    return FieldRanges.fromPacked(packed, lines);
  }
  const fields = new FieldRanges();
  for (const [path, keyRange, valueRange] of encoded.m) {
    const location: FieldLocation = keyRange
      ? { keyRange: decodeRange(keyRange), valueRange: decodeRange(valueRange) }
      : { valueRange: decodeRange(valueRange) };
    fields.set(path, location);
  }
  return fields;
}

/** Rebuilds the parsed file `encodeParsedFile` encoded; throws on data that is not such an encoding. */
export function decodeParsedFile(file: string, encoded: EncodedCatalogFile, origin: EntityOrigin): ParsedCatalogFile {
  if (!encoded || !isList(encoded.e) || !isList(encoded.p) || !isList(encoded.l)) {
    throw new Error('malformed cache entry');
  }
  const lines = new LineIndex(encoded.l);
  const entities: CatalogEntityRecord[] = encoded.e.map((record) => {
    if (typeof record.r !== 'string' || !record.v || typeof record.v.kind !== 'string' || !isList(record.s)) {
      throw new Error('malformed cache record');
    }
    const references: ReferenceSite[] = record.s.map(
      ([field, specField, text, targetRef, range]: EncodedReference) => ({
        sourceRef: record.r,
        field,
        specField,
        text,
        targetRef,
        range: decodeRange(range),
      }),
    );
    const relations = recordRelations(record.v.kind, record.r, references, record.ok);
    if (!relations) {
      throw new Error('cache record with an unknown reference field');
    }
    return {
      ref: record.r,
      entity: record.v,
      file,
      documentIndex: record.i,
      range: decodeRange(record.g),
      fields: decodeFields(record.f, lines),
      references,
      relations,
      placeholders: record.h,
      valid: record.ok,
      origin,
    };
  });
  const problems: CatalogProblem[] = encoded.p.map(([severity, code, message, range, entityRef]) =>
    entityRef === undefined
      ? { file, range: decodeRange(range), severity, code, message }
      : { file, range: decodeRange(range), severity, code, message, entityRef },
  );
  return { file, entities, problems, locationTargets: entities.flatMap(locationTargetsOf) };
}
