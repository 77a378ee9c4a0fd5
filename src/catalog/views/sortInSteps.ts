/**
 * A stable merge sort that pauses every few thousand comparisons (each `yield` is a point where
 * the caller may let other work run), so sorting 100,000 entities with a collator does not hold
 * the extension host for most of a second. For an order where no two items compare equal the
 * result is exactly Array.prototype.sort's. Pure.
 */

/** Comparisons between pause points. */
const STEP_COMPARISONS = 4096;
/** Runs this short are sorted by insertion first. */
const RUN = 32;

export function* sortInSteps<T>(items: readonly T[], compare: (a: T, b: T) => number): Generator<void, T[]> {
  let source = [...items];
  const count = source.length;
  let budget = STEP_COMPARISONS;
  for (let start = 0; start < count; start += RUN) {
    const end = Math.min(count, start + RUN);
    for (let at = start + 1; at < end; at++) {
      const item = source[at] as T;
      let to = at;
      while (to > start && compare(source[to - 1] as T, item) > 0) {
        source[to] = source[to - 1] as T;
        to--;
      }
      source[to] = item;
    }
    budget -= RUN * 4;
    if (budget <= 0) {
      budget = STEP_COMPARISONS;
      yield;
    }
  }
  let target = new Array<T>(count);
  for (let width = RUN; width < count; width *= 2) {
    for (let start = 0; start < count; start += 2 * width) {
      const middle = Math.min(count, start + width);
      const end = Math.min(count, start + 2 * width);
      let left = start;
      let right = middle;
      for (let out = start; out < end; out++) {
        // Left first on ties: stable.
        if (left < middle && (right >= end || compare(source[left] as T, source[right] as T) <= 0)) {
          target[out] = source[left++] as T;
        } else {
          target[out] = source[right++] as T;
        }
        if (--budget <= 0) {
          budget = STEP_COMPARISONS;
          yield;
        }
      }
    }
    [source, target] = [target, source];
  }
  return source;
}
