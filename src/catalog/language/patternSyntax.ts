/**
 * The syntax tree of a user-written regular expression, for the subset a linear-time matcher can
 * run: no backreferences, no lookarounds. JavaScript's own parser checks the pattern first, so
 * this parser only has to understand valid patterns (non-Unicode mode, no flags).
 */
export type CharTest = (code: number) => boolean;

export type PatternNode =
  | { readonly type: 'empty' }
  | { readonly type: 'char'; readonly test: CharTest }
  | { readonly type: 'assert'; readonly kind: 'start' | 'end' | 'wordBoundary' | 'notWordBoundary' }
  | { readonly type: 'concat'; readonly items: readonly PatternNode[] }
  | { readonly type: 'alternation'; readonly options: readonly PatternNode[] }
  | {
      readonly type: 'repeat';
      readonly node: PatternNode;
      readonly min: number;
      readonly max: number;
      readonly greedy: boolean;
    }
  | { readonly type: 'group'; readonly node: PatternNode; readonly capture: number | undefined };

/** A construct the linear matcher refuses, with the reason a user is shown. */
export class UnsupportedPatternError extends Error {}

const isDigit: CharTest = (code) => code >= 48 && code <= 57;
export const isWordCode: CharTest = (code) =>
  isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const SPACES = new Set([9, 10, 11, 12, 13, 32, 160, 5760, 8232, 8233, 8239, 8287, 12288, 65279]);
const isSpace: CharTest = (code) => SPACES.has(code) || (code >= 8192 && code <= 8202);
const isLineTerminator: CharTest = (code) => code === 10 || code === 13 || code === 8232 || code === 8233;
const not =
  (test: CharTest): CharTest =>
  (code) =>
    !test(code);
const exactly =
  (expected: number): CharTest =>
  (code) =>
    code === expected;

const CLASS_ESCAPES: Readonly<Record<string, CharTest>> = Object.assign(
  Object.create(null) as Record<string, CharTest>,
  {
    d: isDigit,
    D: not(isDigit),
    w: isWordCode,
    W: not(isWordCode),
    s: isSpace,
    S: not(isSpace),
  },
);
const CONTROL_ESCAPES: Readonly<Record<string, number>> = Object.assign(Object.create(null) as Record<string, number>, {
  t: 9,
  n: 10,
  v: 11,
  f: 12,
  r: 13,
  '0': 0,
});

export function parsePattern(source: string): { readonly root: PatternNode; readonly captures: number } {
  return new Parser(source).parse();
}

class Parser {
  private position = 0;
  private captures = 0;

  constructor(private readonly source: string) {}

  parse(): { root: PatternNode; captures: number } {
    const root = this.alternation();
    if (this.position < this.source.length) {
      throw new UnsupportedPatternError(`unexpected "${this.source[this.position] ?? ''}"`);
    }
    return { root, captures: this.captures };
  }

  private peek(offset = 0): string | undefined {
    return this.source[this.position + offset];
  }

  private alternation(): PatternNode {
    const options = [this.concatenation()];
    while (this.peek() === '|') {
      this.position++;
      options.push(this.concatenation());
    }
    return options.length === 1 ? (options[0] as PatternNode) : { type: 'alternation', options };
  }

  private concatenation(): PatternNode {
    const items: PatternNode[] = [];
    while (this.position < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return items.length === 0
      ? { type: 'empty' }
      : items.length === 1
        ? (items[0] as PatternNode)
        : { type: 'concat', items };
  }

  private quantified(node: PatternNode): PatternNode {
    const bounds = this.quantifier();
    if (!bounds) {
      return node;
    }
    let greedy = true;
    if (this.peek() === '?') {
      this.position++;
      greedy = false;
    }
    if (node.type === 'assert') {
      throw new UnsupportedPatternError('a repeated assertion');
    }
    return { type: 'repeat', node, min: bounds.min, max: bounds.max, greedy };
  }

  private quantifier(): { min: number; max: number } | undefined {
    const next = this.peek();
    if (next === '*' || next === '+' || next === '?') {
      this.position++;
      return { min: next === '+' ? 1 : 0, max: next === '?' ? 1 : Infinity };
    }
    if (next !== '{') {
      return undefined;
    }
    // `{` that does not start a valid count is a literal in non-Unicode mode.
    const counted = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.position));
    if (!counted) {
      return undefined;
    }
    this.position += counted[0].length;
    const min = Number(counted[1]);
    const max = counted[2] === undefined ? min : counted[3] ? Number(counted[3]) : Infinity;
    return { min, max };
  }

  private atom(): PatternNode {
    const character = this.source[this.position++] ?? '';
    switch (character) {
      case '(':
        return this.group();
      case '[':
        return { type: 'char', test: this.characterClass() };
      case '.':
        return { type: 'char', test: not(isLineTerminator) };
      case '^':
        return { type: 'assert', kind: 'start' };
      case '$':
        return { type: 'assert', kind: 'end' };
      case '\\':
        return this.escape();
      default:
        return { type: 'char', test: exactly(character.charCodeAt(0)) };
    }
  }

  private group(): PatternNode {
    let capture: number | undefined;
    if (this.peek() === '?') {
      const kind = this.source.slice(this.position, this.position + 3);
      if (kind.startsWith('?:')) {
        this.position += 2;
      } else if (kind === '?<=' || kind === '?<!' || kind.startsWith('?=') || kind.startsWith('?!')) {
        throw new UnsupportedPatternError('a lookaround assertion ((?=…), (?!…), (?<=…), (?<!…))');
      } else if (kind.startsWith('?<')) {
        this.position = this.source.indexOf('>', this.position) + 1;
        capture = ++this.captures;
      } else {
        throw new UnsupportedPatternError(`a group modifier "(${kind}"`);
      }
    } else {
      capture = ++this.captures;
    }
    const node = this.alternation();
    if (this.source[this.position++] !== ')') {
      throw new UnsupportedPatternError('an unclosed group');
    }
    return { type: 'group', node, capture };
  }

  private escape(): PatternNode {
    const character = this.source[this.position] ?? '';
    if (character === 'b' || character === 'B') {
      this.position++;
      return { type: 'assert', kind: character === 'b' ? 'wordBoundary' : 'notWordBoundary' };
    }
    if (/[1-9]/.test(character) || character === 'k') {
      throw new UnsupportedPatternError('a backreference (\\1, \\k<name>)');
    }
    const escaped = this.escapedCharacter(false);
    return { type: 'char', test: typeof escaped === 'number' ? exactly(escaped) : escaped };
  }

  /** The code (or class test) after a backslash; the backslash is already consumed. */
  private escapedCharacter(inClass: boolean): number | CharTest {
    const character = this.source[this.position++] ?? '';
    const classEscape = CLASS_ESCAPES[character];
    if (classEscape) {
      return classEscape;
    }
    if (inClass && character === 'b') {
      return 8;
    }
    const control = CONTROL_ESCAPES[character];
    if (control !== undefined && !(character === '0' && isDigit(this.source.charCodeAt(this.position)))) {
      return control;
    }
    const hex =
      character === 'x'
        ? /^[0-9a-fA-F]{2}/.exec(this.source.slice(this.position))
        : character === 'u'
          ? /^[0-9a-fA-F]{4}/.exec(this.source.slice(this.position))
          : null;
    if (hex) {
      this.position += hex[0].length;
      return parseInt(hex[0], 16);
    }
    if (character === 'c' && /[A-Za-z]/.test(this.peek() ?? '')) {
      return this.source.charCodeAt(this.position++) % 32;
    }
    if (isDigit(character.charCodeAt(0))) {
      throw new UnsupportedPatternError('an octal escape');
    }
    // An identity escape: `\.`, `\/`, `\-`, and (without the Unicode flag) any other letter.
    return character.charCodeAt(0);
  }

  private characterClass(): CharTest {
    let negated = false;
    if (this.peek() === '^') {
      this.position++;
      negated = true;
    }
    const tests: CharTest[] = [];
    while (this.position < this.source.length && this.peek() !== ']') {
      const start = this.classMember();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined && typeof start === 'number') {
        this.position++;
        const end = this.classMember();
        if (typeof end === 'number') {
          tests.push((code) => code >= start && code <= end);
          continue;
        }
        tests.push(exactly(start), exactly(45), end);
        continue;
      }
      tests.push(typeof start === 'number' ? exactly(start) : start);
    }
    if (this.source[this.position++] !== ']') {
      throw new UnsupportedPatternError('an unclosed character class');
    }
    const member: CharTest = (code) => tests.some((test) => test(code));
    return negated ? not(member) : member;
  }

  /** One class member: a single code (which may start a range) or a class escape like `\w`. */
  private classMember(): number | CharTest {
    const character = this.source[this.position++] ?? '';
    return character === '\\' ? this.escapedCharacter(true) : character.charCodeAt(0);
  }
}
