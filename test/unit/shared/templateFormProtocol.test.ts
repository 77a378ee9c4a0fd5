import * as assert from 'node:assert/strict';
import { parseFormMessage } from '../../../src/shared/templateFormProtocol';

describe('template form messages', () => {
  it('takes the target folder with a preview, so existing files can be marked', () => {
    assert.deepEqual(parseFormMessage({ type: 'preview', values: { name: 'x' }, target: 0 }), {
      type: 'preview',
      values: { name: 'x' },
      target: 0,
    });
    assert.deepEqual(parseFormMessage({ type: 'preview', values: {}, target: -1 }), {
      type: 'preview',
      values: {},
      target: -1,
    });
  });

  it('refuses a preview or create without a sane target', () => {
    assert.equal(parseFormMessage({ type: 'preview', values: {} }), undefined);
    assert.equal(parseFormMessage({ type: 'preview', values: {}, target: 1.5 }), undefined);
    assert.equal(parseFormMessage({ type: 'create', values: {}, target: -2 }), undefined);
  });

  it('keeps multi-picker answers (lists of refs or tags) and refuses prototype keys', () => {
    assert.deepEqual(
      parseFormMessage({ type: 'change', values: { tags: ['java', 'web'], owners: ['group:default/a'] } }),
      { type: 'change', values: { tags: ['java', 'web'], owners: ['group:default/a'] } },
    );
    assert.equal(parseFormMessage({ type: 'change', values: JSON.parse('{"__proto__": "x"}') as unknown }), undefined);
    assert.equal(parseFormMessage({ type: 'change', values: { tags: [1, 2] } }), undefined);
  });
});
