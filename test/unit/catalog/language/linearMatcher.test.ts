import * as assert from 'node:assert/strict';
import { LinearPattern } from '../../../../src/catalog/language/linearMatcher';
import { UnsupportedPatternError } from '../../../../src/catalog/language/patternSyntax';

/** `start-end:group1` of every match, the form both engines are compared in. */
function linearMatches(pattern: string, input: string): string[] {
  return LinearPattern.compile(pattern)
    .matchAll(input)
    .matches.map(
      (match) => `${match.index}-${match.end}:${match.group1 ? `${match.group1.index}-${match.group1.end}` : '-'}`,
    );
}

function javaScriptMatches(pattern: string, input: string): string[] {
  return [...input.matchAll(new RegExp(pattern, 'gd'))].map((match) => {
    const group = match.indices?.[1];
    return `${match.index}-${match.index + match[0].length}:${group ? `${group[0]}-${group[1]}` : '-'}`;
  });
}

/** Median milliseconds of five runs after a warm-up: the matcher's cost, not a busy machine's noise. */
function medianMilliseconds(run: () => void): number {
  run();
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    const started = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b)[2] ?? 0;
}

/** Known catastrophic-backtracking patterns (OWASP's ReDoS list and classic star-height cases). */
const REDOS_PATTERNS = [
  '(a+)+$',
  '(a|a)*$',
  '(a|aa)+$',
  '([a-zA-Z]+)*$',
  '(.*a){12}',
  '^(\\w+\\s?)*$',
  '(x+x+)+y',
  '\\w*\\w*\\w*\\w*\\w*!',
  '(\\d+|\\d+\\.\\d+)*$',
  '^(([a-z])+.)+[A-Z]([a-z])+$',
];

describe('LinearPattern', () => {
  describe('gives the matches and first group JavaScript gives', () => {
    const cases: [string, string][] = [
      ['@larkspur/([a-z0-9-]+)', '/services/player/ @larkspur/team-a @larkspur/team-b'],
      ['TEAM-[A-Z]+', 'owned by TEAM-X and TEAM-Y'],
      ['a|ab', 'xab ab'],
      ['(a|ab)(c|bcd)', 'abcd'],
      ['a*?b', 'aaab'],
      ['(a+?)a*', 'aaa'],
      ['x{2,3}', 'xxxxxxx'],
      ['x{2}', 'xxxxx'],
      ['x{2,}', 'x xx xxxxx'],
      ['\\bfoo\\b', 'foo food foo'],
      ['\\Boo', 'foo oo'],
      ['[^\\s,]+', 'a, b,c'],
      ['', 'ab'],
      ['(?<team>\\w+)@', 'me@x you@y'],
      ['[\\w.-]+', 'a.b-c d'],
      ['(a)|b', 'b a'],
      ['^a', 'aa'],
      ['a$', 'aa'],
      ['[a-c\\d]{2}', 'zz1a3c'],
      ['\\x41\\u0042', 'xAB'],
      ['a{', 'a{'],
      ['[]a]', ']a'],
      ['[^]', 'ab'],
      ['.+', 'one\ntwo'],
      ['owner:\\s*(group:)?([\\w-]+)', 'owner:  group:team-a'],
      ['(?:ab)+(c)?', 'ababc abab'],
      ['(a+)*', 'aab'],
      ['[\\-a]+', '-a-b'],
      ['\\d+(?:\\.\\d+)*', 'v1.2.3 and 4'],
    ];
    for (const [pattern, input] of cases) {
      it(`/${pattern}/ on ${JSON.stringify(input)}`, () => {
        assert.deepEqual(linearMatches(pattern, input), javaScriptMatches(pattern, input));
      });
    }
  });

  it('agrees with JavaScript on random patterns and inputs (those it accepts)', () => {
    // A small deterministic generator (no Math.random): the same cases on every run.
    let seed = 7;
    const next = (limit: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % limit;
    };
    const atoms = ['a', 'b', '.', '[ab]', '[^a]', '\\w', '\\b', '^', '$', '-'];
    const quantifiers = ['', '', '*', '+', '?', '*?', '+?', '??', '{2}', '{1,2}', '{0,2}?', '{2,}'];
    const pattern = (depth: number): string => {
      const parts: string[] = [];
      const count = 1 + next(3);
      for (let part = 0; part < count; part++) {
        const choice = next(10);
        let atom = atoms[next(atoms.length)] ?? 'a';
        if (depth < 3 && choice < 3) {
          atom = `(${pattern(depth + 1)}${next(2) ? `|${pattern(depth + 1)}` : ''})`;
        } else if (depth < 3 && choice < 4) {
          atom = `(?:${pattern(depth + 1)})`;
        }
        const repeatable = !['\\b', '^', '$'].includes(atom);
        parts.push(atom + (repeatable ? (quantifiers[next(quantifiers.length)] ?? '') : ''));
      }
      return parts.join('');
    };
    // JavaScript drops the capture of an optional group's empty iteration, RE2-style matchers keep
    // it as empty: the same for refs (an empty capture is no ref), so empty captures compare equal.
    const emptyGroupAsAbsent = (matches: string[]): string[] =>
      matches.map((match) => match.replace(/:(\d+)-\1$/, ':-'));
    let compared = 0;
    for (let round = 0; round < 4000; round++) {
      const source = pattern(0);
      const input = Array.from({ length: next(10) }, () => 'ab- '[next(4)]).join('');
      try {
        LinearPattern.compile(source);
      } catch (error) {
        assert.ok(error instanceof UnsupportedPatternError, `/${source}/: ${String(error)}`);
        continue;
      }
      compared++;
      assert.deepEqual(
        emptyGroupAsAbsent(linearMatches(source, input)),
        emptyGroupAsAbsent(javaScriptMatches(source, input)),
        `/${source}/ on ${JSON.stringify(input)}`,
      );
    }
    assert.ok(compared > 2000, `only ${compared} patterns were compared`);
  });

  it('refuses backreferences, lookarounds and repeated parts that can match nothing, with a reason', () => {
    for (const pattern of [
      '(a)\\1',
      '(?<x>a)\\k<x>',
      'a(?=b)',
      'a(?!b)',
      '(?<=a)b',
      '(?<!a)b',
      '(a*)*b',
      '(a|)+',
      '(?:a?b?){2,}',
    ]) {
      assert.throws(() => LinearPattern.compile(pattern), UnsupportedPatternError, pattern);
    }
  });

  it('reports invalid patterns with JavaScript’s own message', () => {
    assert.throws(() => LinearPattern.compile('(unclosed'), SyntaxError);
    assert.throws(() => LinearPattern.compile('*a'), SyntaxError);
  });

  it('refuses counted repeats that would unroll into a huge program', () => {
    assert.throws(() => LinearPattern.compile('((a{1,100}){1,100}){1,100}'), UnsupportedPatternError);
  });

  describe('known ReDoS patterns on a 1,000-character line finish in under 50 ms', () => {
    const inputs = [
      'a'.repeat(999) + '!',
      'x'.repeat(1000),
      `${'ab'.repeat(499)}1!`,
      `${'a '.repeat(499)}!!`,
      '1.'.repeat(500),
    ];
    for (const pattern of REDOS_PATTERNS) {
      it(pattern, () => {
        const compiled = LinearPattern.compile(pattern);
        let slowest = 0;
        for (const input of inputs) {
          const matches = compiled.matchAll(input);
          slowest = Math.max(
            slowest,
            medianMilliseconds(() => compiled.matchAll(input)),
          );
          // Same answer as JavaScript on a short input, where backtracking still finishes.
          const short = input.slice(0, 12);
          assert.deepEqual(linearMatches(pattern, short), javaScriptMatches(pattern, short));
          assert.ok(matches.complete, 'the step budget is enough for these');
        }
        assert.ok(slowest < 50, `${pattern} took ${slowest.toFixed(1)} ms`);
      });
    }
  });

  it('stops at the step budget when finding every match would re-read the line per match', () => {
    const line = 'a'.repeat(1000);
    for (const pattern of ['.*x|a', '(.+){1,30}x|a', '[\\s\\S]{0,200}x|a']) {
      const compiled = LinearPattern.compile(pattern);
      const result = compiled.matchAll(line);
      const elapsed = medianMilliseconds(() => compiled.matchAll(line));
      assert.equal(result.complete, false, pattern);
      assert.ok(
        result.matches.every((match) => line.slice(match.index, match.end) === 'a'),
        'the matches found before the budget ran out are kept',
      );
      assert.ok(elapsed < 50, `${pattern} took ${elapsed.toFixed(1)} ms`);
    }
    assert.equal(
      LinearPattern.compile('.*x|a').matchAll('a'.repeat(40)).complete,
      true,
      'a short line is read to the end',
    );
  });
});
