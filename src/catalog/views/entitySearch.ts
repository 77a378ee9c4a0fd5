/**
 * The search behind "Go to Entity", built once (and then patched: PatchableEntitySearch) so that
 * each keystroke costs about the same at 100,000 entities as at 1,000. Every word of the query must occur; an item
 * ranks by its worst-matching word: the name itself, then a name starting with the word, then a
 * word (of the name, title, ref, owner, tags) starting with it, then the word anywhere. Inside
 * the first two ranks names sort alphabetically, inside the last two the caller's order is kept;
 * ties go to the caller's order. One total order, so the answer is exactly the best `limit` of a
 * ranking of everything (entitySearchReference.test.ts checks this against a plain sort). Pure.
 *
 * Each rank is read from a structure that yields it in order, so the search stops once the list
 * is full: names are one sorted array (a prefix is one run of it); word starts and trigrams are
 * posting lists whose intersection is walked in id order; and while a word is being typed, the
 * items holding the previous query are the candidates of the next.
 */
import {
  codeAt,
  codeCount,
  eachInAll,
  idList,
  pairCodeAt,
  pairCodeBits,
  Postings,
  runToEnd,
  STEP_IDS,
  type IdList,
} from './postings';
import { sortInSteps } from './sortInSteps';

/** What one entity can be found by. */
export interface SearchFields {
  /** The name shown first (title or metadata.name). */
  readonly name: string;
  /** Other text that matches: ref, title, owner, tags. */
  readonly other: readonly string[];
}

/** Substrings of this length index the text: an item holds every one of a query word's. */
const TRIGRAM = 3;
/** A query word's rarest lists that join the walk: more would add steps, not precision. */
const LISTS_PER_WORD = 6;
const DENSE_LISTS_PER_WORD = 2;
/** The items holding a query are remembered for the next keystroke when there are at most this many. */
const NARROWING_LIMIT = 600;
/** Ids remembered for one- and two-character words (which no trigram covers), in total. */
const SHORT_ANSWER_BUDGET = 4_000_000;

/** Splits into words at anything that is not a letter or digit: `order-history` → order, history. */
const WORD_BOUNDARY = /[^\p{L}\p{N}]+/u;

/**
 * An answer as ids, best first, in three tiers: `ids[0, nameRanked)` have a name starting with
 * the query (by name, then id), `ids[nameRanked, wordRanked)` a word starting with each query
 * word (by id), the rest hold each word (by id). An empty query is all one tier by id.
 */
export interface RankedIds {
  readonly ids: readonly number[];
  readonly nameRanked: number;
  readonly wordRanked: number;
}

export class EntitySearchIndex<T> {
  /** Lowercase names, by id. */
  private readonly names: string[];
  /**
   * Each item's haystack (name + other text, lowercase, joined by newlines), end to end in one
   * string, each followed by a newline, and where each begins. Checks
   * read a few neighbouring bytes of it, not objects scattered over the heap (which at 100,000
   * items was most of a keystroke's time).
   */
  private readonly text: string;
  private readonly textStarts: Uint32Array;
  /** Ids sorted by name, then id: the names starting with a prefix are one run. */
  private readonly byName: Uint32Array;
  /** The names in that order, end to end (each followed by a newline), and where each begins. */
  private readonly sortedNames: string;
  private readonly sortedNameStarts: Uint32Array;
  /** Each trigram of a haystack → ids. */
  private readonly trigrams: Postings;
  /** The first one, two, three characters of each word of a haystack → ids. */
  private readonly wordHeads: readonly [Postings, Postings, Postings];
  /** Each word's first three characters with the next word's first → ids (`orders-pa`). */
  private readonly wordPairs: Postings;
  private readonly pairBits: number;
  /** Marks the ids already in this search's answer: `marks[id] === stamp`. */
  private readonly marks: Uint32Array;
  private stamp = 0;
  private readonly shortAnswers = new Map<string, IdList>();
  private shortAnswerIds = 0;
  /** Every item holding all of `tokens` (ascending), when they were few. */
  private narrowing: { readonly tokens: readonly string[]; readonly holders: IdList } | undefined;

  constructor(
    private readonly items: readonly T[],
    fieldsOf: (item: T) => SearchFields,
    prepared: PreparedSearch = runToEnd(prepare(items, fieldsOf)),
  ) {
    this.names = prepared.names;
    this.text = prepared.text;
    this.textStarts = prepared.textStarts;
    this.byName = prepared.byName;
    this.sortedNames = prepared.sortedNames;
    this.sortedNameStarts = prepared.sortedNameStarts;
    this.trigrams = prepared.trigrams;
    this.wordHeads = prepared.wordHeads;
    this.wordPairs = prepared.wordPairs;
    this.pairBits = prepared.pairBits;
    this.marks = new Uint32Array(items.length);
  }

  /**
   * The same index, built in steps: each `yield` is a point where the build may pause, a few
   * thousand items apart, so a caller can build it in the background in time slices.
   */
  static *steps<T>(items: readonly T[], fieldsOf: (item: T) => SearchFields): Generator<void, EntitySearchIndex<T>> {
    const prepared = yield* prepare(items, fieldsOf);
    return new EntitySearchIndex(items, fieldsOf, prepared);
  }

  get size(): number {
    return this.items.length;
  }

  /**
   * The best `limit` items for `query` (words separated by spaces; each must occur), best first.
   * An empty query gives the first `limit` items in the caller's order.
   */
  search(query: string, limit: number): T[] {
    return this.ranked(query, limit).ids.map((id) => this.items[id] as T);
  }

  /**
   * What `search` answers, as ids with where each tier ends, leaving out the ids `excluded`
   * marks (`excluded[id] === 1`): what a patched index needs to merge this answer with another.
   */
  ranked(query: string, limit: number, excluded?: Uint8Array): RankedIds {
    const tokens = query
      .toLowerCase()
      .split(/\s+/)
      .filter((token) => token.length > 0);
    if (tokens.length === 0 || limit <= 0) {
      const ids: number[] = [];
      for (let id = 0; id < this.items.length && ids.length < limit; id++) {
        if (excluded?.[id] !== 1) {
          ids.push(id);
        }
      }
      return { ids, nameRanked: 0, wordRanked: ids.length };
    }
    return this.rank(tokens, limit, excluded);
  }

  /** The lowercase name ranks 0–1 sort by. */
  nameOf(id: number): string {
    return this.names[id] as string;
  }

  itemAt(id: number): T {
    return this.items[id] as T;
  }

  private rank(tokens: readonly string[], limit: number, excluded: Uint8Array | undefined): RankedIds {
    this.nextStamp();
    const result: number[] = [];
    const take = (id: number): boolean => {
      this.marks[id] = this.stamp;
      if (excluded?.[id] !== 1) {
        result.push(id);
      }
      return result.length >= limit;
    };
    // Exact and prefix ranks: only when every word starts the name, so each is a prefix of the
    // longest. Its run of sorted names is both ranks, in order (the name itself sorts first).
    const longest = tokens.reduce((best, token) => (token.length > best.length ? token : best));
    if (tokens.every((token) => longest.startsWith(token)) && this.eachNameStartingWith(longest, take)) {
      return { ids: result, nameRanked: result.length, wordRanked: result.length };
    }
    const nameRanked = result.length;
    // While a word is being typed, what held the last query bounds both walks below.
    const base = this.narrowingBase(tokens);
    const withBase = (lists: IdList[]): IdList[] => (base ? [...lists, base] : lists);
    // Every item where each token starts the name or a word, and not each the name (taken above).
    const wordRanked = (id: number): boolean =>
      this.marks[id] !== this.stamp && this.startsEach(id, tokens) && take(id);
    if (eachInAll(withBase(this.candidateLists(tokens, true)), this.items.length, wordRanked)) {
      return { ids: result, nameRanked, wordRanked: result.length };
    }
    const wordEnd = result.length;
    // The substring rank: walked to the end while the holders are few, to narrow the next keystroke.
    let holders: number[] | undefined = [];
    eachInAll(withBase(this.candidateLists(tokens, false)), this.items.length, (id) => {
      // Taken above means it ranks better, so it holds every token: no need to look.
      const taken = this.marks[id] === this.stamp;
      if (!taken && !this.holdsAll(id, tokens)) {
        return false;
      }
      // Excluded ids hold what they hold: the holders stay right whatever is excluded next time.
      if (holders && holders.length < NARROWING_LIMIT) {
        holders.push(id);
      } else {
        holders = undefined;
      }
      // Holds every token, and all that rank better are taken: it ranks by substring.
      if (result.length < limit && !taken && excluded?.[id] !== 1) {
        result.push(id);
      }
      return holders === undefined && result.length >= limit;
    });
    if (holders) {
      this.narrowing = { tokens, holders: { ids: Uint32Array.from(holders), bits: undefined } };
    }
    return { ids: result, nameRanked, wordRanked: wordEnd };
  }

  /**
   * The remembered holders when they hold this query too: every earlier word is inside one of
   * the new words (typing on, or adding a word), so whatever holds the new words held the old.
   */
  private narrowingBase(tokens: readonly string[]): IdList | undefined {
    const last = this.narrowing;
    if (!last || !last.tokens.every((old) => tokens.some((token) => token.includes(old)))) {
      return undefined;
    }
    return last.holders;
  }

  /**
   * Posting lists whose intersection holds every item that holds all tokens (and, with
   * `atWordStart`, every item where each token starts a word or the name): each token's rarest
   * lists among its trigrams, the heads of the words it starts and the pairs of words it spans.
   */
  private candidateLists(tokens: readonly string[], atWordStart: boolean): IdList[] {
    const lists: IdList[] = [];
    for (const token of tokens) {
      const own: IdList[] = [];
      // Where a word starts inside the token (after a separator) a word starts in the text too;
      // at the token's own start only when it must start a word.
      // (A token cut inside a character pair has no word starts the text agrees on.)
      const starts = isLowSurrogate(token.charCodeAt(0)) ? EMPTY_STARTS : wordStartsOf(token);
      for (let at = 0; at < starts.length; at++) {
        const word = starts[at] as number;
        if (word > 0 || atWordStart) {
          const length = Math.min(token.length - word, TRIGRAM) as 1 | 2 | 3;
          own.push((this.wordHeads[length - 1] as Postings).list(codeAt(token, word, length)));
          if (at + 1 < starts.length) {
            own.push(this.wordPairs.list(pairCodeAt(token, word, starts[at + 1] as number, this.pairBits)));
          }
        }
      }
      for (let at = 0; at + TRIGRAM <= token.length; at++) {
        own.push(this.trigrams.list(codeAt(token, at, 3)));
      }
      // The rarest lists; of dense ones (bitsets, and-ed word by word) two say nearly all they can.
      let dense = 0;
      for (const list of own.sort((a, b) => a.ids.length - b.ids.length).slice(0, LISTS_PER_WORD)) {
        if (!list.bits || ++dense <= DENSE_LISTS_PER_WORD) {
          lists.push(list);
        }
      }
    }
    if (lists.length === 0) {
      // Only short words that need not start one: the items holding the longest, by one scan.
      const longest = tokens.reduce((best, token) => (token.length > best.length ? token : best));
      lists.push(this.holdersOf(longest));
    }
    return lists;
  }

  /** Ids holding a short token, by one scan of the text; remembered within a budget. */
  private holdersOf(token: string): IdList {
    const known = this.shortAnswers.get(token);
    if (known) {
      return known;
    }
    const ids: number[] = [];
    let id = 0;
    for (let at = this.text.indexOf(token); at >= 0;) {
      while ((this.textStarts[id + 1] as number) <= at) {
        id++;
      }
      ids.push(id);
      at = this.text.indexOf(token, this.textStarts[id + 1]);
    }
    const answer = idList(Uint32Array.from(ids), this.items.length);
    if (this.shortAnswerIds + ids.length <= SHORT_ANSWER_BUDGET) {
      this.shortAnswers.set(token, answer);
      this.shortAnswerIds += ids.length;
    }
    return answer;
  }

  /** Visits the ids whose name starts with `prefix`, by name then id, until `visit` returns true. */
  private eachNameStartingWith(prefix: string, visit: (id: number) => boolean): boolean {
    const byName = this.byName;
    let low = 0;
    let high = byName.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.names[byName[middle] as number] as string) < prefix) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    for (let at = low; at < byName.length; at++) {
      if (!this.sortedNames.startsWith(prefix, this.sortedNameStarts[at])) {
        return false;
      }
      if (visit(byName[at] as number)) {
        return true;
      }
    }
    return false;
  }

  private nextStamp(): void {
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      this.marks.fill(0);
      this.stamp = 1;
    }
  }

  private holdsAll(id: number, tokens: readonly string[]): boolean {
    // A slice shares the text's bytes: the search stays inside this item without copying it.
    const haystack = this.text.slice(this.textStarts[id], this.textStarts[id + 1]);
    for (const token of tokens) {
      if (!haystack.includes(token)) {
        return false;
      }
    }
    return true;
  }

  /** Whether each token starts the name or a word of the item. */
  private startsEach(id: number, tokens: readonly string[]): boolean {
    const haystack = this.text.slice(this.textStarts[id], this.textStarts[id + 1]);
    tokens: for (const token of tokens) {
      if (haystack.startsWith(token)) {
        continue;
      }
      for (let at = haystack.indexOf(token, 1); at > 0; at = haystack.indexOf(token, at + 1)) {
        if (isWordStart(haystack, at)) {
          continue tokens;
        }
      }
      return false;
    }
    return true;
  }
}

/** What the constructor builds from the items: see the fields of EntitySearchIndex. */
interface PreparedSearch {
  readonly names: string[];
  readonly text: string;
  readonly textStarts: Uint32Array;
  readonly byName: Uint32Array;
  readonly sortedNames: string;
  readonly sortedNameStarts: Uint32Array;
  readonly trigrams: Postings;
  readonly wordHeads: readonly [Postings, Postings, Postings];
  readonly wordPairs: Postings;
  readonly pairBits: number;
}

function* prepare<T>(items: readonly T[], fieldsOf: (item: T) => SearchFields): Generator<void, PreparedSearch> {
  const count = items.length;
  const names = new Array<string>(count);
  const haystacks = new Array<string>(count);
  const textStarts = new Uint32Array(count + 1);
  // Where the words start, flat (`wordStartsOfItem[id]` is the first of item id's), for the postings.
  const wordStartsOfItem = new Uint32Array(count + 1);
  const starts: number[] = [];
  let offset = 0;
  for (let id = 0; id < count; id++) {
    const fields = fieldsOf(items[id] as T);
    const name = fields.name.toLowerCase();
    const haystack = [name, ...fields.other.map((text) => text.toLowerCase())].join('\n');
    names[id] = name;
    haystacks[id] = haystack;
    textStarts[id] = offset;
    wordStartsOfItem[id] = starts.length;
    for (const start of wordStartsOf(haystack)) {
      starts.push(offset + start);
    }
    offset += haystack.length + 1;
    if (id % STEP_IDS === STEP_IDS - 1) {
      yield;
    }
  }
  textStarts[count] = offset;
  wordStartsOfItem[count] = starts.length;
  const wordStarts = Uint32Array.from(starts);
  const text = haystacks.join('\n') + '\n';
  yield;
  const byName = Uint32Array.from(
    yield* sortInSteps(
      Array.from({ length: count }, (_, id) => id),
      (a, b) => {
        const left = names[a] as string;
        const right = names[b] as string;
        return left < right ? -1 : left > right ? 1 : a - b;
      },
    ),
  );
  // Joined a step's names at a time, then the steps: one join of 100,000 names is a long step.
  const sortedNameSteps: string[] = [];
  let stepNames: string[] = [];
  const sortedNameStarts = new Uint32Array(count + 1);
  for (let at = 0; at < count; at++) {
    const name = names[byName[at] as number] as string;
    stepNames.push(name);
    sortedNameStarts[at + 1] = (sortedNameStarts[at] as number) + name.length + 1;
    if (at % STEP_IDS === STEP_IDS - 1 || at === count - 1) {
      sortedNameSteps.push(stepNames.join('\n') + '\n');
      stepNames = [];
      yield;
    }
  }
  const sortedNames = sortedNameSteps.join('');
  yield;
  const trigrams = yield* Postings.steps(codeCount(3), count, (id, emit) => {
    const haystack = haystacks[id] as string;
    for (let at = 0; at + TRIGRAM <= haystack.length; at++) {
      emit(codeAt(haystack, at, 3));
    }
  });
  function* heads(length: 1 | 2 | 3): Generator<void, Postings> {
    return yield* Postings.steps(codeCount(length), count, (id, emit) => {
      const end = textStarts[id + 1] as number;
      for (let at = wordStartsOfItem[id] as number; at < (wordStartsOfItem[id + 1] as number); at++) {
        const start = wordStarts[at] as number;
        if (start + length < end) {
          emit(codeAt(text, start, length));
        }
      }
    });
  }
  const wordHeads = [yield* heads(1), yield* heads(2), yield* heads(3)] as const;
  const pairBits = pairCodeBits(count);
  const wordPairs = yield* Postings.steps(2 ** pairBits, count, (id, emit) => {
    for (let at = (wordStartsOfItem[id] as number) + 1; at < (wordStartsOfItem[id + 1] as number); at++) {
      emit(pairCodeAt(text, wordStarts[at - 1] as number, wordStarts[at] as number, pairBits));
    }
  });
  return {
    names,
    text,
    textStarts,
    byName,
    sortedNames,
    sortedNameStarts,
    trigrams,
    wordHeads,
    wordPairs,
    pairBits,
  };
}

const BOUNDARIES = new RegExp(WORD_BOUNDARY.source, 'gu');
const WORD_CHARACTER = /^[\p{L}\p{N}]$/u;
/** ASCII letters and digits, the common case of a word character. */
const ASCII_WORD = ((): Uint8Array => {
  const table = new Uint8Array(128);
  for (let unit = 0; unit < 128; unit++) {
    table[unit] = /[a-zA-Z0-9]/.test(String.fromCharCode(unit)) ? 1 : 0;
  }
  return table;
})();

function isWordCharacter(codePoint: number): boolean {
  return codePoint < 128 ? ASCII_WORD[codePoint] === 1 : WORD_CHARACTER.test(String.fromCodePoint(codePoint));
}

/** Whether a word starts at `at` (> 0), as wordStartsOf would say: a letter or digit after something else. */
function isWordStart(text: string, at: number): boolean {
  if (!isWordCharacter(text.codePointAt(at) as number)) {
    return false;
  }
  const before = text.charCodeAt(at - 1);
  const pair = isLowSurrogate(before) && at >= 2 && isHighSurrogate(text.charCodeAt(at - 2));
  const previous = pair ? (text.codePointAt(at - 2) as number) : before;
  return !isWordCharacter(previous);
}
const EMPTY_STARTS = new Uint32Array(0);

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function wordStartsOf(haystack: string): Uint32Array {
  const starts: number[] = [];
  const boundary = BOUNDARIES;
  boundary.lastIndex = 0;
  let next = 0;
  for (let match = boundary.exec(haystack); match; match = boundary.exec(haystack)) {
    if (match.index > next) {
      starts.push(next);
    }
    next = match.index + match[0].length;
  }
  if (next < haystack.length) {
    starts.push(next);
  }
  return Uint32Array.from(starts);
}
