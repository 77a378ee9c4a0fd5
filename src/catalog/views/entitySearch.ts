/**
 * The search behind "Go to Entity", built once per index version so that each keystroke costs
 * little even at 100,000 entities. Best matches first: the name itself, then names starting with
 * the query, then a word (of the name, title, ref, owner, tags) starting with it, then the query
 * anywhere. Inside the prefix ranks shorter, alphabetically earlier text comes first; otherwise
 * the caller's order is kept. Stable: the same query always gives the same list. Pure.
 */

/** What one entity can be found by. */
export interface SearchFields {
  /** The name shown first (title or metadata.name). */
  readonly name: string;
  /** Other text that matches: ref, title, owner, tags. */
  readonly other: readonly string[];
}

const enum Rank {
  Exact = 0,
  Prefix = 1,
  WordPrefix = 2,
  Substring = 3,
}

/** Answers of very short queries (1–2 characters) are remembered: they match most entities. */
const SHORT_QUERY_LENGTH = 2;
const SHORT_QUERY_MEMORY = 512;

/** Substrings of this length index the text: a query holds all of its own. */
const TRIGRAM = 3;

/** Letters and digits keep their own symbol; common separators too; anything else shares a few. */
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

/**
 * Three characters as one of SYMBOLS³ codes. Characters that share a symbol (rare ones) only
 * make a posting list longer, never shorter: every candidate is checked against the text.
 */
function trigramCode(text: string, at: number): number {
  return (symbolAt(text, at) * SYMBOLS + symbolAt(text, at + 1)) * SYMBOLS + symbolAt(text, at + 2);
}

/**
 * For every trigram code, the ids (ascending) whose text holds it, in one flat array: counted in
 * a first pass, placed in a second. Typed arrays only, so 100,000 items build in tens of ms.
 */
class TrigramPostings {
  private readonly starts = new Uint32Array(SYMBOLS ** 3 + 1);
  private readonly ids: Uint32Array;

  constructor(texts: readonly string[]) {
    const lastId = new Int32Array(SYMBOLS ** 3).fill(-1);
    const counts = this.starts;
    texts.forEach((text, id) => {
      for (let at = 0; at + TRIGRAM <= text.length; at++) {
        const code = trigramCode(text, at);
        if (lastId[code] !== id) {
          lastId[code] = id;
          counts[code + 1] = (counts[code + 1] as number) + 1;
        }
      }
    });
    for (let code = 1; code < counts.length; code++) {
      counts[code] = (counts[code] as number) + (counts[code - 1] as number);
    }
    this.ids = new Uint32Array(counts[counts.length - 1] as number);
    const next = this.starts.slice(0, SYMBOLS ** 3);
    lastId.fill(-1);
    texts.forEach((text, id) => {
      for (let at = 0; at + TRIGRAM <= text.length; at++) {
        const code = trigramCode(text, at);
        if (lastId[code] !== id) {
          lastId[code] = id;
          const slot = next[code] as number;
          next[code] = slot + 1;
          this.ids[slot] = id;
        }
      }
    });
  }

  get(code: number): Uint32Array {
    return this.ids.subarray(this.starts[code], this.starts[code + 1]);
  }
}

const EMPTY = new Uint32Array(0);

/** The ids in both ascending lists, by merging. */
function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.min(a.length, b.length));
  let count = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      out[count++] = x;
      i++;
      j++;
    } else if (x < y) {
      i++;
    } else {
      j++;
    }
  }
  return out.subarray(0, count);
}

/** Binary search in an ascending list. */
function contains(list: Uint32Array, id: number): boolean {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const value = list[middle] as number;
    if (value === id) {
      return true;
    }
    if (value < id) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return false;
}

/** Splits into words at anything that is not a letter or digit: `order-history` → order, history. */
const WORD_BOUNDARY = /[^\p{L}\p{N}]+/u;

export class EntitySearchIndex<T> {
  private readonly names: string[];
  /** name + other text, lowercase, one string per entity, for substring checks. */
  private readonly haystacks: string[];
  private readonly wordStarts: Uint32Array[];
  /** Lowercase name → ids, for the exact rank. */
  private readonly exact = new Map<string, number[]>();
  /** Distinct names, sorted: the names starting with a query are one run of this list. */
  private readonly nameKeys: SortedKeys;
  /** Distinct words (of name, title, ref, owner, tags), sorted: likewise for words. */
  private readonly wordKeys: SortedKeys;
  private readonly shortAnswers = new Map<string, readonly number[]>();
  /** Trigram → ids (ascending) whose text holds it; built on the first query that needs it. */
  private trigrams: TrigramPostings | undefined;
  /** The previous substring answer, which the next keystroke narrows. */
  private lastScan: { readonly token: string; readonly ids: readonly number[] } | undefined;

  constructor(
    private readonly items: readonly T[],
    fieldsOf: (item: T) => SearchFields,
  ) {
    const count = items.length;
    this.names = new Array<string>(count);
    this.haystacks = new Array<string>(count);
    this.wordStarts = new Array<Uint32Array>(count);
    const words = new Map<string, number[]>();
    items.forEach((item, id) => {
      const fields = fieldsOf(item);
      const name = fields.name.toLowerCase();
      const haystack = [name, ...fields.other.map((text) => text.toLowerCase())].join('\n');
      this.names[id] = name;
      this.haystacks[id] = haystack;
      const starts = wordStartsOf(haystack);
      this.wordStarts[id] = starts;
      const same = this.exact.get(name);
      if (same) {
        same.push(id);
      } else {
        this.exact.set(name, [id]);
      }
      for (const word of haystack.split(WORD_BOUNDARY)) {
        const ids = words.get(word);
        if (!ids) {
          words.set(word, [id]);
        } else if (ids[ids.length - 1] !== id) {
          ids.push(id);
        }
      }
    });
    this.nameKeys = new SortedKeys(this.exact, false);
    this.wordKeys = new SortedKeys(words, true);
  }

  get size(): number {
    return this.items.length;
  }

  /**
   * The best `limit` items for `query` (words separated by spaces; each must occur), best first.
   * An empty query gives the first `limit` items in the caller's order.
   */
  search(query: string, limit: number): T[] {
    const tokens = query
      .toLowerCase()
      .split(/\s+/)
      .filter((token) => token.length > 0);
    if (tokens.length === 0) {
      return this.items.slice(0, limit);
    }
    const ids = tokens.length === 1 ? this.searchOne(tokens[0] as string, limit) : this.searchMany(tokens, limit);
    return ids.map((id) => this.items[id] as T);
  }

  /**
   * One word, rank by rank, stopping once `limit` are found: the name ranks and word starts are
   * runs of sorted lists (found by binary search), so a common word costs no scan of everything.
   * Inside the prefix ranks, shorter and alphabetically earlier text comes first.
   */
  private searchOne(token: string, limit: number): number[] {
    const taken = new Set<number>();
    const result: number[] = [];
    const take = (id: number): boolean => {
      if (!taken.has(id)) {
        taken.add(id);
        result.push(id);
      }
      return result.length >= limit;
    };
    for (const id of this.exact.get(token) ?? []) {
      if (take(id)) {
        return result;
      }
    }
    if (this.nameKeys.eachStartingWith(token, (id) => take(id))) {
      return result;
    }
    const wordStarting = (id: number): boolean => this.hasWordStartingWith(id, this.haystacks[id] as string, token);
    if (token.length >= TRIGRAM && WORD_BOUNDARY.test(token)) {
      // `chat-g`: the items holding it at all are few, found by trigram; the word rank comes
      // from them first, in the caller's order, then the rest of them.
      const substrings: number[] = [];
      const filled = this.eachHolder(token, (id) => {
        if (taken.has(id)) {
          return false;
        }
        if (wordStarting(id)) {
          return take(id);
        }
        substrings.push(id);
        return false;
      });
      if (!filled) {
        for (const id of substrings) {
          if (take(id)) {
            break;
          }
        }
      }
      return result;
    }
    if (this.wordKeys.eachStartingWith(token, (id) => wordStarting(id) && take(id))) {
      return result;
    }
    // The substring rank, only when the ranks above did not fill the list.
    if (token.length >= TRIGRAM) {
      this.eachHolder(token, (id) => !taken.has(id) && take(id));
      return result;
    }
    for (const id of this.substringMatches(token)) {
      if (!taken.has(id) && take(id)) {
        break;
      }
    }
    return result;
  }

  /**
   * Several words: every one must occur; the rank is that of the worst-matching word. Items where
   * the longest word starts a word come from the sorted list; only when they do not fill the list
   * are all items scanned for it as a substring.
   */
  private searchMany(tokens: readonly string[], limit: number): number[] {
    const longest = tokens.reduce((best, token) => (token.length > best.length ? token : best));
    const buckets: number[][] = [[], [], [], []];
    const seen = new Set<number>();
    const consider = (id: number): void => {
      if (!seen.has(id)) {
        seen.add(id);
        const rank = this.rankOf(id, tokens);
        if (rank !== undefined) {
          (buckets[rank] as number[]).push(id);
        }
      }
    };
    // Several different words cannot all be the name or start it: the word rank is the best
    // there is, so the scan ends once it holds `limit` items.
    const bestIsWordRank = tokens.some((token) =>
      tokens.some((other) => !token.startsWith(other) && !other.startsWith(token)),
    );
    const enough = (): boolean => bestIsWordRank && (buckets[Rank.WordPrefix] as number[]).length >= limit;
    // An item holding every word holds the rarest trigram of each: the intersection of those
    // lists (integers, merged) is all there is to look at.
    const lists = tokens.filter((token) => token.length >= TRIGRAM).map((token) => this.rarestTrigramList(token));
    if (lists.length > 0) {
      const candidates = lists.reduce((common, list) => intersect(common, list));
      for (const id of candidates) {
        consider(id);
        if (enough()) {
          break;
        }
      }
    } else {
      this.wordKeys.eachStartingWith(longest, (id) => {
        consider(id);
        return false;
      });
      if (buckets.reduce((sum, bucket) => sum + bucket.length, 0) < limit) {
        for (const id of this.substringMatches(longest)) {
          consider(id);
        }
      }
    }
    // Several words: inside a rank, the caller's order.
    return buckets.flatMap((bucket) => bucket.sort((a, b) => a - b)).slice(0, limit);
  }

  /**
   * Ids (ascending) whose text holds `token`. Typing narrows: what holds "orders-p" is among what
   * held "orders-", so the last answer is the start when it can be; otherwise the (remembered)
   * answer for the token's first two characters. No keystroke scans every entity.
   */
  private substringMatches(token: string): readonly number[] {
    if (token.length <= SHORT_QUERY_LENGTH) {
      return this.shortCandidates(token);
    }
    const last = this.lastScan;
    const base =
      last && token.includes(last.token) ? last.ids : this.shortCandidates(token.slice(0, SHORT_QUERY_LENGTH));
    const ids = base.filter((id) => (this.haystacks[id] as string).includes(token));
    this.lastScan = { token, ids };
    return ids;
  }

  /** A 1–2 character token is in most haystacks: one scan per distinct token per index version. */
  private shortCandidates(token: string): readonly number[] {
    const known = this.shortAnswers.get(token);
    if (known) {
      return known;
    }
    const ids: number[] = [];
    this.haystacks.forEach((haystack, id) => {
      if (haystack.includes(token)) {
        ids.push(id);
      }
    });
    if (this.shortAnswers.size < SHORT_QUERY_MEMORY) {
      this.shortAnswers.set(token, ids);
    }
    return ids;
  }

  /** The posting list of the token's rarest trigram: a superset of the items holding it. */
  private rarestTrigramList(token: string): Uint32Array {
    const trigrams = this.trigramIndex();
    let rarest: Uint32Array | undefined;
    for (let at = 0; at + TRIGRAM <= token.length; at++) {
      const list = trigrams.get(trigramCode(token, at));
      if (!rarest || list.length < rarest.length) {
        rarest = list;
      }
    }
    return rarest ?? EMPTY;
  }

  /**
   * Visits the ids (ascending) whose text holds `token` (three characters or more) until `visit`
   * returns true: the posting list of its rarest trigram, checked against the next rarest, then
   * against the text. Returns whether `visit` stopped it.
   */
  private eachHolder(token: string, visit: (id: number) => boolean): boolean {
    const trigrams = this.trigramIndex();
    const lists: Uint32Array[] = [];
    for (let at = 0; at + TRIGRAM <= token.length; at++) {
      const list = trigrams.get(trigramCode(token, at));
      if (list.length === 0) {
        return false;
      }
      lists.push(list);
    }
    lists.sort((a, b) => a.length - b.length);
    const [smallest, second] = lists as [Uint32Array, Uint32Array | undefined];
    for (const id of smallest) {
      if ((!second || contains(second, id)) && (this.haystacks[id] as string).includes(token) && visit(id)) {
        return true;
      }
    }
    return false;
  }

  private trigramIndex(): TrigramPostings {
    this.trigrams ??= new TrigramPostings(this.haystacks);
    return this.trigrams;
  }

  /** The worst rank over the tokens, or undefined when one does not occur. */
  private rankOf(id: number, tokens: readonly string[]): Rank | undefined {
    const name = this.names[id] as string;
    const haystack = this.haystacks[id] as string;
    let worst = Rank.Exact;
    for (const token of tokens) {
      let rank: Rank;
      if (name === token) {
        rank = Rank.Exact;
      } else if (name.startsWith(token)) {
        rank = Rank.Prefix;
      } else if (this.hasWordStartingWith(id, haystack, token)) {
        rank = Rank.WordPrefix;
      } else if (haystack.includes(token)) {
        rank = Rank.Substring;
      } else {
        return undefined;
      }
      worst = Math.max(worst, rank);
    }
    return worst;
  }

  private hasWordStartingWith(id: number, haystack: string, token: string): boolean {
    for (const start of this.wordStarts[id] as Uint32Array) {
      if (haystack.startsWith(token, start)) {
        return true;
      }
    }
    return false;
  }
}

/** Distinct keys sorted by text, each with its ids (ascending): what starts with a prefix is one run. */
class SortedKeys {
  private readonly keys: string[];

  constructor(
    private readonly idsOf: ReadonlyMap<string, readonly number[]>,
    /** Keys are single words: a prefix is looked up by its first word. */
    private readonly words: boolean,
  ) {
    // Distinct keys only (far fewer than entries), in the default, fast string order.
    this.keys = [...idsOf.keys()].sort();
  }

  /**
   * Calls `visit` for each id whose key starts with `prefix` (key order, then id) until it returns
   * true. A prefix spanning several words (`orders-pay`) visits the keys of its first word: callers check.
   */
  eachStartingWith(prefix: string, visit: (id: number) => boolean): boolean {
    const probe = this.words ? (prefix.split(WORD_BOUNDARY)[0] ?? '') : prefix;
    const exactWord = probe.length < prefix.length;
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.keys[middle] as string) < probe) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    for (let at = low; at < this.keys.length && (this.keys[at] as string).startsWith(probe); at++) {
      const key = this.keys[at] as string;
      if (exactWord && key !== probe) {
        break;
      }
      for (const id of this.idsOf.get(key) ?? []) {
        if (visit(id)) {
          return true;
        }
      }
    }
    return false;
  }
}

function wordStartsOf(haystack: string): Uint32Array {
  const starts: number[] = [];
  const boundary = new RegExp(WORD_BOUNDARY.source, 'gu');
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
