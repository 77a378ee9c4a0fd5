import type { CatalogEntityRecord } from './catalogEntity';
import type { CatalogIndex } from './catalogIndex';
import { parseCanonicalRef } from './entityRefs';

/** Edit distance (insert, delete, substitute, swap of neighbours), bounded for speed. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (previousPrevious[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) {
      return limit + 1;
    }
    previousPrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

export interface RefSuggestion {
  readonly record: CatalogEntityRecord;
  readonly distance: number;
}

/**
 * The existing entities closest to a ref that resolves to nothing, among the kinds the field
 * may point at: what "did you mean" offers. Closest first; ties by name.
 */
export function suggestSimilarRefs(
  index: CatalogIndex,
  missingRef: string,
  targetKinds: readonly string[],
  limit = 3,
): RefSuggestion[] {
  const wanted = parseCanonicalRef(missingRef);
  const kinds = targetKinds.length > 0 ? targetKinds.map((kind) => kind.toLowerCase()) : [wanted.kind];
  const maxDistance = Math.max(2, Math.floor(wanted.name.length / 3));
  const candidates: RefSuggestion[] = [];
  for (const kind of kinds) {
    for (const record of index.byKind(kind)) {
      const name = record.entity.metadata.name.toLowerCase();
      // One name containing the other is a likely match even when far apart in edits; it is
      // offered, but ranked by its real distance so a close typo still comes first.
      const contains = name.includes(wanted.name) || wanted.name.includes(name);
      const distance = editDistance(wanted.name, name, contains ? Number.POSITIVE_INFINITY : maxDistance);
      if (distance <= maxDistance || contains) {
        candidates.push({ record, distance });
      }
    }
  }
  return candidates
    .sort(
      (a, b) => a.distance - b.distance || a.record.entity.metadata.name.localeCompare(b.record.entity.metadata.name),
    )
    .slice(0, limit);
}
