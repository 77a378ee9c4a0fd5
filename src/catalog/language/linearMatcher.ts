import { isWordCode, parsePattern, UnsupportedPatternError, type CharTest, type PatternNode } from './patternSyntax';

/**
 * A regular-expression matcher whose cost is linear in the input: a Pike VM (Thompson's
 * construction with thread priorities), as RE2 runs. It gives JavaScript's leftmost-first
 * results for the patterns it accepts, and a pattern like `(a+)+$` costs the same as `a+$`:
 * no input can make it backtrack, so a pattern from an untrusted workspace cannot hang a hover.
 */
type Instruction =
  | { readonly op: 'char'; readonly test: CharTest }
  | { readonly op: 'split'; preferred: number; other: number }
  | { readonly op: 'jump'; target: number }
  | { readonly op: 'save'; readonly slot: number }
  | { readonly op: 'assert'; readonly kind: 'start' | 'end' | 'wordBoundary' | 'notWordBoundary' }
  | { readonly op: 'match' };

/** Counted repeats are unrolled; past this many instructions a pattern is refused as too large. */
export const MAX_PROGRAM_SIZE = 2_000;
/** Only the whole match and the first capture group are reported, so only they are tracked. */
const TRACKED_SLOTS = 4;
const NO_SLOTS: readonly number[] = [-1, -1, -1, -1];

/**
 * Work allowed for one `matchAll`, in thread steps. A single search is linear, but finding every
 * match of a pattern like `.*x|a` re-reads the rest of the line per match; the budget bounds that
 * too (a few milliseconds), and the matches found before it ran out are kept.
 */
export const DEFAULT_STEP_BUDGET = 200_000;

export interface LinearMatches {
  readonly matches: readonly LinearMatch[];
  /** False when the step budget ran out before the end of the input. */
  readonly complete: boolean;
}

export interface LinearMatch {
  readonly index: number;
  readonly end: number;
  /** The first capture group's span, when it took part in the match. */
  readonly group1: { readonly index: number; readonly end: number } | undefined;
}

export class LinearPattern {
  private constructor(private readonly program: readonly Instruction[]) {}

  /** Compiles `source`, or throws a SyntaxError (invalid) or UnsupportedPatternError (refused). */
  static compile(source: string): LinearPattern {
    new RegExp(source); // JavaScript's own parser names syntax errors best; compiling runs nothing.
    const { root } = parsePattern(source);
    const program: Instruction[] = [];
    emit(program, { type: 'group', node: root, capture: 0 });
    program.push({ op: 'match' });
    return new LinearPattern(program);
  }

  get size(): number {
    return this.program.length;
  }

  /**
   * Every non-overlapping match, left to right, as `String.prototype.matchAll` would give, until
   * `budget` thread steps are spent (then `complete` is false and the matches so far are kept).
   */
  matchAll(input: string, budget = DEFAULT_STEP_BUDGET): LinearMatches {
    const matches: LinearMatch[] = [];
    const steps = { left: budget };
    let from = 0;
    while (from <= input.length) {
      const match = this.search(input, from, steps);
      if (steps.left < 0) {
        return { matches, complete: false };
      }
      if (!match) {
        break;
      }
      matches.push(match);
      from = match.end > match.index ? match.end : match.end + 1;
    }
    return { matches, complete: true };
  }

  /** The leftmost-first match starting at or after `from`; stops early when `steps` run out. */
  search(input: string, from: number, steps: { left: number } = { left: Infinity }): LinearMatch | undefined {
    let current = new ThreadList(this.program.length);
    let next = new ThreadList(this.program.length);
    let matched: readonly number[] | undefined;
    for (let position = from; position <= input.length && steps.left >= 0; position++) {
      if (!matched) {
        // A new attempt starting here has the lowest priority: leftmost wins.
        this.addThread(current, 0, position, input, NO_SLOTS, steps);
      }
      if (current.count === 0 && matched) {
        break;
      }
      const code = position < input.length ? input.charCodeAt(position) : -1;
      for (let thread = 0; thread < current.count; thread++) {
        const pc = current.pcs[thread] as number;
        const instruction = this.program[pc] as Instruction;
        if (instruction.op === 'char') {
          if (code >= 0 && instruction.test(code)) {
            this.addThread(next, pc + 1, position + 1, input, current.slots[thread] as readonly number[], steps);
          }
        } else if (instruction.op === 'match') {
          matched = current.slots[thread];
          break; // the threads after this one have lower priority than the match found
        }
      }
      [current, next] = [next, current];
      next.clear();
    }
    if (!matched) {
      return undefined;
    }
    const [index = 0, end = 0, groupStart = -1, groupEnd = -1] = matched;
    return { index, end, group1: groupStart >= 0 && groupEnd >= 0 ? { index: groupStart, end: groupEnd } : undefined };
  }

  /** Follows jumps, splits, saves and assertions from `start`, in priority order, without recursion. */
  private addThread(
    list: ThreadList,
    start: number,
    position: number,
    input: string,
    startSlots: readonly number[],
    steps: { left: number },
  ): void {
    const pcs = [start];
    const slotStack = [startSlots];
    while (pcs.length > 0) {
      const pc = pcs.pop() as number;
      const slots = slotStack.pop() as readonly number[];
      steps.left--;
      if (!list.mark(pc)) {
        continue;
      }
      const instruction = this.program[pc] as Instruction;
      switch (instruction.op) {
        case 'jump':
          pcs.push(instruction.target);
          slotStack.push(slots);
          break;
        case 'split':
          pcs.push(instruction.other, instruction.preferred);
          slotStack.push(slots, slots);
          break;
        case 'save': {
          const saved = instruction.slot < TRACKED_SLOTS ? [...slots] : slots;
          if (instruction.slot < TRACKED_SLOTS) {
            (saved as number[])[instruction.slot] = position;
          }
          pcs.push(pc + 1);
          slotStack.push(saved);
          break;
        }
        case 'assert':
          if (holds(instruction.kind, input, position)) {
            pcs.push(pc + 1);
            slotStack.push(slots);
          }
          break;
        default:
          list.add(pc, slots);
      }
    }
  }
}

function holds(kind: 'start' | 'end' | 'wordBoundary' | 'notWordBoundary', input: string, position: number): boolean {
  if (kind === 'start') {
    return position === 0;
  }
  if (kind === 'end') {
    return position === input.length;
  }
  const before = position > 0 && isWordCode(input.charCodeAt(position - 1));
  const after = position < input.length && isWordCode(input.charCodeAt(position));
  return (before !== after) === (kind === 'wordBoundary');
}

/** The threads alive at one input position, each program counter at most once (what keeps it linear). */
class ThreadList {
  readonly pcs: number[] = [];
  readonly slots: (readonly number[])[] = [];
  count = 0;
  private readonly seen: Uint8Array;

  constructor(size: number) {
    this.seen = new Uint8Array(size);
  }

  /** False when `pc` was already reached at this position. */
  mark(pc: number): boolean {
    if (this.seen[pc]) {
      return false;
    }
    this.seen[pc] = 1;
    return true;
  }

  add(pc: number, slots: readonly number[]): void {
    this.pcs[this.count] = pc;
    this.slots[this.count] = slots;
    this.count++;
  }

  clear(): void {
    this.seen.fill(0);
    this.count = 0;
  }
}

function emit(program: Instruction[], node: PatternNode): void {
  if (program.length > MAX_PROGRAM_SIZE) {
    throw new UnsupportedPatternError(
      `a pattern larger than ${MAX_PROGRAM_SIZE} steps (large counted repeats such as {1,1000})`,
    );
  }
  switch (node.type) {
    case 'empty':
      return;
    case 'char':
      program.push({ op: 'char', test: node.test });
      return;
    case 'assert':
      program.push({ op: 'assert', kind: node.kind });
      return;
    case 'concat':
      node.items.forEach((item) => emit(program, item));
      return;
    case 'group':
      if (node.capture === undefined) {
        emit(program, node.node);
        return;
      }
      program.push({ op: 'save', slot: node.capture * 2 });
      emit(program, node.node);
      program.push({ op: 'save', slot: node.capture * 2 + 1 });
      return;
    case 'alternation':
      emitAlternation(program, node.options);
      return;
    case 'repeat':
      emitRepeat(program, node.node, node.min, node.max, node.greedy);
      return;
  }
}

function emitAlternation(program: Instruction[], options: readonly PatternNode[]): void {
  const jumps: { op: 'jump'; target: number }[] = [];
  options.forEach((option, position) => {
    if (position < options.length - 1) {
      const split = { op: 'split' as const, preferred: program.length + 1, other: -1 };
      program.push(split);
      emit(program, option);
      const jump = { op: 'jump' as const, target: -1 };
      program.push(jump);
      jumps.push(jump);
      split.other = program.length;
    } else {
      emit(program, option);
    }
  });
  jumps.forEach((jump) => (jump.target = program.length));
}

/** True when `node` can match the empty string. */
function nullable(node: PatternNode): boolean {
  switch (node.type) {
    case 'empty':
    case 'assert':
      return true;
    case 'char':
      return false;
    case 'concat':
      return node.items.every(nullable);
    case 'alternation':
      return node.options.some(nullable);
    case 'repeat':
      return node.min === 0 || nullable(node.node);
    case 'group':
      return nullable(node.node);
  }
}

function emitRepeat(program: Instruction[], node: PatternNode, min: number, max: number, greedy: boolean): void {
  if (max > 1 && nullable(node)) {
    // JavaScript retries such a body past its empty matches (`(a*?)*`); a Pike VM cannot follow
    // that, and no ref pattern needs it, so it is refused rather than matched differently.
    throw new UnsupportedPatternError('a repeated part that can match nothing, such as (a*)* or (a|)+');
  }
  for (let count = 0; count < min; count++) {
    emit(program, node);
  }
  if (max === Infinity) {
    const loop = program.length;
    const split = { op: 'split' as const, preferred: -1, other: -1 };
    program.push(split);
    emit(program, node);
    program.push({ op: 'jump', target: loop });
    setBranches(split, loop + 1, program.length, greedy);
    return;
  }
  // Optional copies, nested so that `x{0,2}` is `(?:x(?:x)?)?`: skipping one exits the repeat.
  const optional: { split: { op: 'split'; preferred: number; other: number }; body: number }[] = [];
  for (let count = min; count < max; count++) {
    const split = { op: 'split' as const, preferred: -1, other: -1 };
    program.push(split);
    optional.push({ split, body: program.length });
    emit(program, node);
  }
  optional.forEach(({ split, body }) => setBranches(split, body, program.length, greedy));
}

function setBranches(split: { preferred: number; other: number }, body: number, exit: number, greedy: boolean): void {
  split.preferred = greedy ? body : exit;
  split.other = greedy ? exit : body;
}
