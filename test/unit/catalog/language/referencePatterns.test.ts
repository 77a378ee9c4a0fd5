import * as assert from 'node:assert/strict';
import {
  findReferencesInLine,
  MAX_SCANNED_LINE,
  referenceAtColumn,
  rejectedReferencePatterns,
} from '../../../../src/catalog/language';

describe('referencePatterns (untrusted workspace settings)', () => {
  it('names each refused pattern with a reason and keeps the others', () => {
    const patterns = [
      { pattern: '@larkspur/([a-z-]+)', kind: 'group' },
      { pattern: '(team)\\1' },
      { pattern: 'x(?=y)' },
      { pattern: '(unclosed' },
    ];
    const rejected = rejectedReferencePatterns(patterns);
    assert.deepEqual(
      rejected.map((entry) => entry.pattern),
      ['(team)\\1', 'x(?=y)', '(unclosed'],
    );
    assert.match(rejected[0]?.reason ?? '', /backreference/);
    assert.match(rejected[1]?.reason ?? '', /lookaround/);
    assert.match(rejected[2]?.reason ?? '', /not a valid regular expression/);
    assert.deepEqual(
      findReferencesInLine('owned by @larkspur/team-a', patterns).map((reference) => reference.ref),
      ['group:default/team-a'],
    );
  });

  it('a catastrophic pattern on a long hovered line answers quickly', () => {
    const hostile = [
      { pattern: '(a+)+$', kind: 'group' },
      { pattern: '(.*a){20}', kind: 'group' },
      { pattern: '(\\w+\\s?)*@', kind: 'group' },
    ];
    const line = `${'a'.repeat(50_000)}!`;
    const started = process.hrtime.bigint();
    referenceAtColumn(line, 25_000, hostile);
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(elapsed < 150, `three hostile patterns took ${elapsed.toFixed(1)} ms`);
  });

  it('finds a ref far into a long line by reading the window around the cursor', () => {
    const line = `${'x '.repeat(5_000)}@larkspur/team-a ${'y '.repeat(5_000)}`;
    const column = line.indexOf('team-a') + 2;
    const found = referenceAtColumn(line, column, [{ pattern: '@larkspur/([a-z-]+)', kind: 'group' }]);
    assert.equal(found?.ref, 'group:default/team-a');
    assert.equal(line.slice(found.startColumn, found.endColumn), 'team-a');
    assert.deepEqual(
      findReferencesInLine(`${'x'.repeat(MAX_SCANNED_LINE)} component:far`),
      [],
      'whole-line scans stop at MAX_SCANNED_LINE',
    );
  });
});
