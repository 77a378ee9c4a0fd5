import * as assert from 'node:assert/strict';
import { BUILTIN_CHECK_IDS, checkSet, parseChecksFile } from '../../../src/scorecards';
import { startOf } from '../support/catalogFixtures';

const FILE = '/ws/.greenroom/checks.yaml';
const parse = (...lines: string[]) => parseChecksFile(FILE, `${lines.join('\n')}\n`, BUILTIN_CHECK_IDS);
const problemsOf = (...lines: string[]): string[] =>
  parse(...lines).problems.map((problem) => `${startOf(problem.range)} ${problem.message}`);

const VALID = [
  'checks:',
  '  - id: prod-oncall',
  '    title: Production components name their on-call rotation',
  '    description: Why it matters.',
  '    severity: error',
  '    filter: { kind: component, spec.lifecycle: production }',
  '    rule: { metadata.annotations.pagerduty.com/service-id: { $exists: true } }',
  '    fix: { annotation: pagerduty.com/service-id }',
];

describe('.greenroom/checks.yaml', () => {
  it('reads the example from the issue', () => {
    const parsed = parse(...VALID);
    assert.deepEqual(parsed.problems, []);
    const [check] = parsed.checks;
    assert.equal(check?.id, 'prod-oncall');
    assert.equal(check?.severity, 'error');
    assert.deepEqual(check?.origin.type === 'file' ? startOf(check.origin.range) : undefined, '1:4');
  });

  it('locates a malformed YAML error', () => {
    const problems = problemsOf('checks:', '  - id: a', '    title: [unclosed');
    assert.equal(problems.length > 0, true);
    assert.match(problems[0] ?? '', /^\d+:\d+ YAML error/);
  });

  it('refuses a "billion laughs" alias bomb quickly, at the document', function () {
    this.timeout(5000);
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [index, name] of [...'bcdefghi'].entries()) {
      const previous = 'abcdefghi'[index] ?? 'a';
      lines.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(', ')}]`);
    }
    const started = Date.now();
    const parsed = parse(...lines);
    assert.equal(parsed.checks.length, 0);
    assert.match(parsed.problems[0]?.message ?? '', /could not be expanded/);
    assert.ok(Date.now() - started < 2000);
  });

  it('reports wrong shapes at the field concerned, and keeps the good checks', () => {
    const parsed = parse(
      'checks:',
      '  - id: good',
      '    title: Good',
      '    rule: { kind: component }',
      '  - id: bad severity',
      '    title: 3',
      '    severity: fatal',
      '    rule: [not, a, predicate]',
      '    colour: red',
      '  - id: good',
      '    title: Again',
      '    rule: { $all: [ { kind: a } ], kind: b }',
    );
    assert.deepEqual(
      parsed.checks.map((check) => check.id),
      ['good'],
    );
    const messages = parsed.problems.map((problem) => `${startOf(problem.range)} ${problem.message.split(/[:;]/)[0]}`);
    assert.deepEqual(messages, [
      '8:4 Unknown key "colour"',
      '4:8 "id" is required',
      '5:11 "title" is required',
      '6:14 "severity" must be one of error, warning, info',
      '7:10 "rule" must be a filter predicate',
      '9:8 Another check already has the id "good"',
      '11:10 Not a valid Backstage filter predicate',
    ]);
  });

  it('a missing rule, a non-list, unknown top-level keys, unknown built-ins', () => {
    assert.match(problemsOf('checks:', '  - id: a', '    title: A')[0] ?? '', /"rule" is required/);
    assert.match(problemsOf('checks: { id: a }')[0] ?? '', /^0:8 "checks" must be a list/);
    assert.match(problemsOf('chekcs: []')[0] ?? '', /^0:0 Unknown key "chekcs"/);
    assert.match(problemsOf('builtins:', '  no-such-check: false')[0] ?? '', /^1:2 There is no built-in check/);
    assert.match(
      problemsOf('checks:', '  - id: owner-resolves', '    title: Mine', '    rule: { kind: a }')[0] ?? '',
      /is a built-in check/,
    );
  });

  it('a file with only comments has no checks and no problems', () => {
    assert.deepEqual(parse('# nothing yet'), { checks: [], builtins: new Map(), problems: [] });
  });

  it('builtins switch built-in checks off and on', () => {
    const file = parse('builtins:', '  component-system: false', '  has-lifecycle: true');
    const ids = checkSet({ files: [file], disabledBuiltins: new Set(['has-lifecycle', 'docs-source']) }).map(
      (check) => check.id,
    );
    assert.equal(ids.includes('component-system'), false);
    assert.equal(ids.includes('docs-source'), false);
    assert.equal(ids.includes('has-lifecycle'), true, 'the file switches it back on');
    assert.equal(ids.includes('owner-resolves'), true);
  });
});
