import type { CatalogEntityRecord } from '../catalog/catalogEntity';
import type { SourceRange } from '../catalog/sourceRange';
import type { CheckOutcome } from './scorecardTypes';

/**
 * Where a finding is shown: the field it is about when the descriptor has it (its key, so the
 * squiggle sits on `owner:`), else the map that would hold it below metadata/spec (a missing
 * annotation shows on `annotations:`), else `metadata.name`, else the entity's document.
 */
export function findingRange(record: CatalogEntityRecord, outcome: CheckOutcome): SourceRange {
  const path = outcome.field ?? [];
  for (let length = path.length; length >= 2; length--) {
    const field = record.fields.get(path.slice(0, length));
    if (field) {
      return field.keyRange ?? field.valueRange;
    }
  }
  const name = record.fields.get(['metadata', 'name']);
  return name?.valueRange ?? record.range;
}
