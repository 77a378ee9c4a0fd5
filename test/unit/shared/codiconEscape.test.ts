import * as assert from 'node:assert/strict';
import { escapeCodicons } from '../../../src/shared/codiconEscape';
import { iconsOf, sourceText, visibleText } from '../support/renderLabelWithIcons';
import { seededRandom } from '../support/seededRandom';

describe('codiconEscape', () => {
  it('leaves plain text alone', () => {
    for (const text of ['', 'Payments service', 'component:default/payments', 'für alle × 7 — ok']) {
      assert.equal(escapeCodicons(text), text);
    }
  });

  it('puts a backslash before an icon, so VS Code draws it as text', () => {
    assert.equal(escapeCodicons('$(verified) Payments'), '\\$(verified) Payments');
    assert.deepEqual(iconsOf(escapeCodicons('$(verified) Payments')), []);
    assert.equal(visibleText(escapeCodicons('$(verified) Payments')), '$(verified) Payments');
  });

  it('escapes names with dashes and digits, and icons with a modifier', () => {
    assert.equal(escapeCodicons('$(loading~spin)'), '\\$(loading~spin)');
    assert.equal(escapeCodicons('$(cloud-offline) $(debug-step-over2)'), '\\$(cloud-offline) \\$(debug-step-over2)');
    assert.equal(escapeCodicons('x$(sync~spin)y'), 'x\\$(sync~spin)y');
  });

  it('escapes several icons in a row', () => {
    assert.equal(escapeCodicons('$(shield)$(shield)$(zap)'), '\\$(shield)\\$(shield)\\$(zap)');
    assert.deepEqual(iconsOf(escapeCodicons('$(shield)$(shield)$(zap)')), []);
  });

  it('leaves an icon that already has its backslash as it is', () => {
    assert.equal(escapeCodicons('\\$(verified)'), '\\$(verified)');
    assert.equal(escapeCodicons('a \\$(x) b $(y)'), 'a \\$(x) b \\$(y)');
  });

  it('leaves a `$` that does not start an icon alone', () => {
    for (const text of [
      '$5 a month',
      '$',
      'US$ (approx.)',
      '$ (x)',
      '$()',
      '$(a b)',
      '$(~spin)',
      '$(x~)',
      '$(x~1)',
      '${{ values.name }}',
    ]) {
      assert.equal(escapeCodicons(text), text);
      assert.deepEqual(iconsOf(text), [], `VS Code draws no icon for ${text}`);
    }
  });

  it('escapes what VS Code would draw as an icon, and only that (random labels)', () => {
    const random = seededRandom(20261207);
    const alphabet = ['$', '(', ')', '\\', 'a', 'Z', '9', '-', '~', ' ', '$(', 'x)', '~spin'];
    for (let round = 0; round < 5000; round++) {
      const length = Math.floor(random() * 12);
      const label = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)] ?? '').join('');
      const escaped = escapeCodicons(label);
      assert.deepEqual(iconsOf(escaped), [], `no icon from ${JSON.stringify(label)}`);
      // What shows is the label with each of its icons written out as text.
      assert.equal(visibleText(escaped), sourceText(label), `text of ${JSON.stringify(label)}`);
      assert.equal(escapeCodicons(escaped), escaped, `escaping ${JSON.stringify(label)} twice changes nothing`);
      if (iconsOf(label).length === 0) {
        assert.equal(escaped, label, `${JSON.stringify(label)} has no icon and stays as it is`);
      }
    }
  });
});
