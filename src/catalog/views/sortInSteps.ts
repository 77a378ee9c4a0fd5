/**
 * A stable merge sort that pauses every few thousand comparisons (each `yield` is a point where
 * the caller may let other work run), so sorting 100,000 entities with a collator does not hold
 * the extension host for most of a second. For an order where no two items compare equal the
 * result is exactly Array.prototype.sort's. Pure.
 */

/** Comparisons between pause points. */
const STEP_COMPARISONS = 8192;
/** Runs this long are sorted by the engine's own (stable) sort first: faster than ours in script. */
const RUN = 1024;

export function* sortInSteps<T>(items: readonly T[], compare: (a: T, b: T) => number): Generator<void, T[]> {
  let source = [...items];
  const count = source.length;
  for (let start = 0; start < count; start += RUN) {
    const run = source.slice(start, start + RUN).sort(compare);
    for (let at = 0; at < run.length; at++) {
      source[start + at] = run[at] as T;
    }
    yield;
  }
  let target = new Array<T>(count);
  let budget = STEP_COMPARISONS;
  // The merges' work is done by plain functions (which the engine optimizes better than a
  // generator's body), a bounded number of outputs at a time.
  for (let width = RUN; width < count; width *= 2) {
    for (let start = 0; start < count; start += 2 * width) {
      const merge: Merge = {
        left: start,
        middle: Math.min(count, start + width),
        right: Math.min(count, start + width),
        end: Math.min(count, start + 2 * width),
        out: start,
      };
      // Short merges share a step; a long one is cut into several.
      for (;;) {
        const before = merge.out;
        const done = mergeSome(source, target, merge, budget, compare);
        budget -= merge.out - before;
        if (budget <= 0) {
          budget = STEP_COMPARISONS;
          yield;
        }
        if (done) {
          break;
        }
      }
    }
    [source, target] = [target, source];
  }
  return source;
}

interface Merge {
  left: number;
  readonly middle: number;
  right: number;
  readonly end: number;
  out: number;
}

/** Merges up to `steps` items of two adjacent sorted runs; true once the merge is done. */
function mergeSome<T>(source: T[], target: T[], merge: Merge, steps: number, compare: (a: T, b: T) => number): boolean {
  let { left, right, out } = merge;
  const { middle, end } = merge;
  const stop = Math.min(end, out + steps);
  while (out < stop) {
    // Left first on ties: stable.
    if (left < middle && (right >= end || compare(source[left] as T, source[right] as T) <= 0)) {
      target[out++] = source[left++] as T;
    } else {
      target[out++] = source[right++] as T;
    }
  }
  merge.left = left;
  merge.right = right;
  merge.out = out;
  return out >= end;
}
