import * as assert from 'node:assert/strict';
import { terminalBlock, terminalField } from '../../../src/cli/terminalText';
import { RAW_CONTROL } from '../support/rawControl';

describe('terminalText', () => {
  const attacks: [string, string, string][] = [
    ['window title', 'name\x1b]0;pwned\x07', 'name\\x1b]0;pwned\\x07'],
    ['clear screen', '\x1b[2Jok', '\\x1b[2Jok'],
    ['carriage-return overwrite', 'error\r0 errors', 'error\\x0d0 errors'],
    ['CSI as one C1 byte', 'a\u009b2Jb', 'a\\u009b2Jb'],
    ['DEL and NUL', 'a\x7fb\x00c', 'a\\u007fb\\x00c'],
    ['right-to-left override', 'invoice\u202eFDP.exe', 'invoice\\u202eFDP.exe'],
    ['isolates and marks', '\u2066a\u2069\u200f\u061c', '\\u2066a\\u2069\\u200f\\u061c'],
  ];
  for (const [name, attack, shown] of attacks) {
    it(`shows a ${name} as visible escapes`, () => {
      assert.equal(terminalField(attack), shown);
      assert.doesNotMatch(terminalBlock(attack), RAW_CONTROL);
    });
  }

  it('escapes newlines and tabs inside a field, keeps them in a block', () => {
    assert.equal(terminalField('a\nb\tc'), 'a\\x0ab\\x09c');
    assert.equal(terminalBlock('a\nb\tc'), 'a\nb\tc');
  });

  it('keeps JSON valid and equal in meaning', () => {
    const value = { name: 'x\u202ey\u009b\x7f\x1b' };
    const printed = terminalBlock(JSON.stringify(value));
    assert.doesNotMatch(printed, RAW_CONTROL);
    assert.deepEqual(JSON.parse(printed), value);
  });

  it('leaves ordinary text, including non-Latin scripts, alone', () => {
    const text = 'component:default/player — für alle, שלום, 日本語 ✓';
    assert.equal(terminalField(text), text);
  });
});
