import * as assert from 'node:assert/strict';
import { escapeMarkdown, markdownCodeSpan, markdownLinkDestination } from '../../../src/shared/markdownEscape';
import { renderHoverMarkdown } from '../support/renderHoverMarkdown';

/** Text an attacker would put in a tag, title or description. */
const ATTACKS = [
  '![x](http://127.0.0.1:9/x.png)',
  '[click](command:workbench.action.terminal.new)',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '$(zap) $(loading~spin)',
  '`code` and ``two`` and ```three```',
  '**bold** _em_ ~~strike~~',
  '# heading',
  '&lt;img src=x&gt; &#91;x&#93;(command:y)',
  'https://example.com/autolink <https://example.com>',
  '| a | b |',
  '\\[escaped\\](command:z)',
];

describe('markdownEscape', () => {
  describe('escapeMarkdown', () => {
    for (const attack of ATTACKS) {
      it(`shows ${JSON.stringify(attack)} as exactly that text`, () => {
        const rendered = renderHoverMarkdown(escapeMarkdown(attack));
        assert.equal(rendered.text.trim(), attack);
        assert.doesNotMatch(rendered.html, /<(img|a|script|strong|em|code|h1|table|s)\b/);
        assert.deepEqual(rendered.icons, []);
      });
    }

    it('leaves letters, digits, spaces and non-ASCII text alone', () => {
      assert.equal(escapeMarkdown('Plays audio 24 × 7 — für alle'), 'Plays audio 24 × 7 — für alle');
    });
  });

  describe('markdownCodeSpan', () => {
    for (const text of [
      'component:default/player',
      'a`b',
      '``double``',
      '`edge`',
      'x ```` y',
      '![x](http://127.0.0.1:9/x.png)',
      '<img src=x>',
      '[click](command:evil)',
    ]) {
      it(`shows ${JSON.stringify(text)} in one code span, literally`, () => {
        const rendered = renderHoverMarkdown(markdownCodeSpan(text));
        assert.equal((rendered.html.match(/<code>/g) ?? []).length, 1, rendered.html);
        assert.equal(rendered.text.trim(), text);
        assert.doesNotMatch(rendered.html, /<(img|a)\b/);
      });
    }

    it('picks a fence longer than the longest backtick run inside', () => {
      assert.equal(markdownCodeSpan('a``b'), '```a``b```');
      assert.equal(markdownCodeSpan('`x'), '`` `x ``');
    });

    it('gives icon syntax and line breaks as escaped text, which a code span cannot show', () => {
      for (const text of ['$(zap)', 'a\nb']) {
        const rendered = renderHoverMarkdown(markdownCodeSpan(text));
        assert.deepEqual(rendered.icons, []);
        assert.equal(rendered.text.trim().replace(/\n/g, ' '), text.replace(/\n/g, ' '));
      }
    });
  });

  describe('markdownLinkDestination', () => {
    it('percent-encodes what could end a link early', () => {
      const destination = markdownLinkDestination('https://x.example/a) ![img](http://127.0.0.1:9/x.png');
      assert.equal(destination, 'https://x.example/a%29%20!%5Bimg%5D%28http://127.0.0.1:9/x.png');
      const rendered = renderHoverMarkdown(`[docs](${destination ?? ''})`);
      assert.equal((rendered.html.match(/<a /g) ?? []).length, 1);
      assert.doesNotMatch(rendered.html, /<img/);
    });

    it('gives no destination for text that cannot be encoded', () => {
      assert.equal(markdownLinkDestination('https://x.example/\ud800'), undefined);
    });
  });
});
