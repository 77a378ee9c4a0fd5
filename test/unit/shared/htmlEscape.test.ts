import * as assert from 'node:assert/strict';
import { escapeHtml } from '../../../src/shared/htmlEscape';

describe('htmlEscape', () => {
  it('keeps tags and entities as text', () => {
    assert.equal(
      escapeHtml('<script>alert("x")</script> &amp;'),
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;amp;',
    );
  });

  it('cannot break out of a double- or single-quoted attribute', () => {
    for (const value of ['" onmouseover="alert(1)', "' onmouseover='alert(1)", '"><img src=x>']) {
      const escaped = escapeHtml(value);
      assert.doesNotMatch(escaped, /["'<>]/, escaped);
    }
  });

  it('leaves other text alone', () => {
    assert.equal(escapeHtml('Plays audio — für alle (24/7)'), 'Plays audio — für alle (24/7)');
  });
});
