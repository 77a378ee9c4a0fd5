import type { CatalogIndex } from '../catalogIndex';
import { referenceFieldsOf } from '../referenceFields';
import { rangeContains, type SourcePosition, type SourceRange } from '../sourceRange';

export interface CatalogReferenceHit {
  readonly ref: string;
  readonly range: SourceRange;
  /** Kinds the field may point at (for "did you mean"); empty for a declaration. */
  readonly targetKinds: readonly string[];
  /** True on an entity's own `metadata.name`, not on a reference to it. */
  readonly isDeclaration: boolean;
}

/** The ref-valued field or entity name at a position of an indexed catalog file. */
export function catalogReferenceAt(
  index: CatalogIndex,
  file: string,
  point: SourcePosition,
): CatalogReferenceHit | undefined {
  for (const record of index.byFile(file)) {
    if (!rangeContains(record.range, point)) {
      continue;
    }
    for (const site of record.references) {
      if (rangeContains(site.range, point)) {
        const fieldName = site.field.replace(/^spec\./, '').replace(/\[\d+\]$/, '');
        const field = referenceFieldsOf(record.entity.kind).find((candidate) => candidate.field === fieldName);
        return { ref: site.targetRef, range: site.range, targetKinds: field?.targetKinds ?? [], isDeclaration: false };
      }
    }
    const name = record.fields.get(['metadata', 'name'])?.valueRange;
    if (name && rangeContains(name, point)) {
      return { ref: record.ref, range: name, targetKinds: [], isDeclaration: true };
    }
  }
  return undefined;
}
