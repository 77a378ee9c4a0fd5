/**
 * Posting lists over short character codes, and the join that walks their intersection in id
 * order. Typed arrays only, so 100,000 items build in a few hundred ms and a keystroke walks only
 * what survives every list. Pure.
 */

/** Letters and digits keep their own symbol; common separators too; anything else shares one. */
const SYMBOLS = 64;
const SYMBOL_OF = ((): Uint8Array => {
  const table = new Uint8Array(128).fill(SYMBOLS - 1);
  const own = 'abcdefghijklmnopqrstuvwxyz0123456789-:/._ \n@#+=,;\'"()[]{}<>!?&*%$|~^`';
  for (let symbol = 0; symbol < own.length && symbol < SYMBOLS - 1; symbol++) {
    table[own.charCodeAt(symbol)] = symbol;
  }
  return table;
})();

function symbolAt(text: string, at: number): number {
  const unit = text.charCodeAt(at);
  return unit < 128 ? (SYMBOL_OF[unit] as number) : SYMBOLS - 1;
}

/** How many codes there are for `length` characters. */
export function codeCount(length: 1 | 2 | 3): number {
  return SYMBOLS ** length;
}

/**
 * The first `length` characters at `at` as one number. Characters that share a symbol (rare ones)
 * only make a posting list longer, never shorter: callers check every candidate against the text.
 */
export function codeAt(text: string, at: number, length: 1 | 2 | 3): number {
  let code = symbolAt(text, at);
  for (let next = 1; next < length; next++) {
    code = code * SYMBOLS + symbolAt(text, at + next);
  }
  return code;
}

/**
 * Pairs of a word's first three characters and the next word's first are hashed into 2^bits
 * codes: about four per item, between 2^10 and 2^20, so a small catalog builds small arrays.
 */
export function pairCodeBits(items: number): number {
  return Math.min(20, Math.max(10, Math.ceil(Math.log2(Math.max(1, items) * 4))));
}

/**
 * One code for the word starting at `word` (its first three characters) followed by the word
 * starting at `next`: `ads-ri` and `ads-risk` share (ads, r). Hashed: codes that collide only
 * make a list longer.
 */
export function pairCodeAt(text: string, word: number, next: number, bits: number): number {
  const hash = Math.imul(codeAt(text, word, 3), 0x9e3779b1) ^ Math.imul(symbolAt(text, next) + 1, 0x85ebca77);
  return hash >>> (32 - bits);
}

/** Ids between the points where a build may pause (see `Postings.steps`). */
export const STEP_IDS = 512;

/** Runs a build's steps to the end at once. */
export function runToEnd<R>(steps: Generator<void, R>): R {
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) {
      return step.value;
    }
  }
}

/**
 * For every code, the ids (ascending, distinct) of the items that hold it, in one flat array:
 * counted in a first pass, placed in a second. `codesOf(id, emit)` emits an item's codes, in
 * any order, repeats allowed; ids must be visited in ascending order.
 */
export class Postings {
  private constructor(
    private readonly starts: Uint32Array,
    private readonly ids: Uint32Array,
    /** The dense lists, with their bitsets, made with the postings so no keystroke pays for one. */
    private readonly dense: Map<number, IdList>,
  ) {}

  /**
   * Builds the postings, pausing every few thousand ids so a caller can spread the work over
   * time slices (each `yield` gives nothing: it is only a point where the build may wait).
   */
  static *steps(
    codes: number,
    items: number,
    codesOf: (id: number, emit: (code: number) => void) => void,
  ): Generator<void, Postings> {
    const starts = new Uint32Array(codes + 1);
    const lastId = new Int32Array(codes).fill(-1);
    for (let id = 0; id < items; id++) {
      codesOf(id, (code) => {
        if (lastId[code] !== id) {
          lastId[code] = id;
          starts[code + 1] = (starts[code + 1] as number) + 1;
        }
      });
      if (id % STEP_IDS === STEP_IDS - 1) {
        yield;
      }
    }
    for (let code = 1; code < starts.length; code++) {
      starts[code] = (starts[code] as number) + (starts[code - 1] as number);
    }
    const ids = new Uint32Array(starts[codes] as number);
    const next = starts.slice(0, codes);
    lastId.fill(-1);
    for (let id = 0; id < items; id++) {
      codesOf(id, (code) => {
        if (lastId[code] !== id) {
          lastId[code] = id;
          const slot = next[code] as number;
          next[code] = slot + 1;
          ids[slot] = id;
        }
      });
      if (id % STEP_IDS === STEP_IDS - 1) {
        yield;
      }
    }
    const dense = new Map<number, IdList>();
    let denseIds = 0;
    for (let code = 0; code < codes; code++) {
      const length = (starts[code + 1] as number) - (starts[code] as number);
      if (length > 0 && length * DENSE >= items) {
        dense.set(code, idList(ids.subarray(starts[code], starts[code + 1]), items));
        // Each bitset is a pass over its ids: pause as often as the passes above do.
        denseIds += length;
        if (denseIds >= STEP_IDS * 16) {
          denseIds = 0;
          yield;
        }
      }
    }
    return new Postings(starts, ids, dense);
  }

  /** The ids holding `code`, with a bitset when they are dense. */
  list(code: number): IdList {
    return (
      this.dense.get(code) ?? { ids: this.ids.subarray(this.starts[code], this.starts[code + 1]), bits: undefined }
    );
  }
}

/**
 * One posting list: its ids ascending, and, when it holds at least one id in 32, the same as a
 * bitset, so that joining dense lists costs a pass over words of 32 ids rather than over ids.
 */
export interface IdList {
  readonly ids: Uint32Array;
  readonly bits: Uint32Array | undefined;
}

/** Lists holding at least one id in this many get a bitset. */
const DENSE = 32;

export function idList(ids: Uint32Array, universe: number): IdList {
  if (ids.length * DENSE < universe) {
    return { ids, bits: undefined };
  }
  const bits = new Uint32Array(Math.ceil(universe / 32));
  for (const id of ids) {
    bits[id >>> 5] = (bits[id >>> 5] as number) | (1 << (id & 31));
  }
  return { ids, bits };
}

/** The first index after `from` whose value is at least `target` (list[from] < target): galloping, then halving. */
function seekAfter(list: Uint32Array, from: number, target: number): number {
  const length = list.length;
  let low = from;
  let step = 1;
  while (low + step < length && (list[low + step] as number) < target) {
    low += step;
    step += step;
  }
  let high = low + step < length ? low + step : length;
  low++;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((list[middle] as number) < target) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/**
 * Visits, in ascending order, the ids present in every list until `visit` returns true (then
 * returns true). `universe` bounds the ids. The rarest list without a bitset leads and the others
 * are probed (a bit test, or a gallop forward); when every list has a bitset their words are
 * and-ed. Either way the cost follows the rarest list or the id range, not the longest list.
 */
export function eachInAll(lists: readonly IdList[], universe: number, visit: (id: number) => boolean): boolean {
  const dense: Uint32Array[] = [];
  const sparse: Uint32Array[] = [];
  // Rarest first: a sparse leader, and the bitset most likely to clear a word early.
  for (const list of [...lists].sort((a, b) => a.ids.length - b.ids.length)) {
    if (list.ids.length === 0) {
      return false;
    }
    if (list.bits) {
      dense.push(list.bits);
    } else {
      sparse.push(list.ids);
    }
  }
  if (sparse.length === 0) {
    return dense.length > 0 && eachInAllBits(dense, universe, visit);
  }
  const driver = sparse[0] as Uint32Array;
  const positions = new Int32Array(sparse.length);
  let at = 0;
  candidates: while (at < driver.length) {
    const target = driver[at] as number;
    for (const bits of dense) {
      if (((bits[target >>> 5] as number) & (1 << (target & 31))) === 0) {
        at++;
        continue candidates;
      }
    }
    for (let other = 1; other < sparse.length; other++) {
      const list = sparse[other] as Uint32Array;
      let position = positions[other] as number;
      if (position < list.length && (list[position] as number) < target) {
        position = seekAfter(list, position, target);
        positions[other] = position;
      }
      if (position >= list.length) {
        return false;
      }
      const value = list[position] as number;
      if (value !== target) {
        // Nothing below `value` is in this list: skip the leader there.
        at = seekAfter(driver, at, value);
        continue candidates;
      }
    }
    if (visit(target)) {
      return true;
    }
    at++;
  }
  return false;
}

function eachInAllBits(bitsets: readonly Uint32Array[], universe: number, visit: (id: number) => boolean): boolean {
  const words = Math.ceil(universe / 32);
  const first = bitsets[0] as Uint32Array;
  for (let word = 0; word < words; word++) {
    let bits = first[word] as number;
    for (let other = 1; other < bitsets.length && bits !== 0; other++) {
      bits &= (bitsets[other] as Uint32Array)[word] as number;
    }
    while (bits !== 0) {
      const lowest = bits & -bits;
      if (visit(word * 32 + 31 - Math.clz32(lowest))) {
        return true;
      }
      bits ^= lowest;
    }
  }
  return false;
}
