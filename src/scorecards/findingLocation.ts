import type { CatalogEntityRecord } from '../catalog/catalogEntity';
import type { SourceRange } from '../catalog/sourceRange';
import type { CheckOutcome } from './scorecardTypes';

/**
 * Where a finding is shown: the field it is about when the descriptor has it (its key, so the
 * squiggle sits on `owner:`), else `metadata.name`, else the start of the entity's document.
 */
export function findingRange(record: CatalogEntityRecord, outcome: CheckOutcome): SourceRange {
  const field = outcome.field ? record.fields.get(outcome.field) : undefined;
  if (field) {
    return field.keyRange ?? field.valueRange;
  }
  const name = record.fields.get(['metadata', 'name']);
  return name?.valueRange ?? record.range;
}
