import * as assert from 'node:assert/strict';
import { nextCursorFromTail } from '../../../src/registry/pageCursor';

describe('nextCursorFromTail', () => {
  const items = JSON.stringify([
    { kind: 'Component', metadata: { name: 'a', description: 'mentions "pageInfo" and {"nextCursor":"x"}' } },
  ]);

  it('reads the cursor Backstage writes last', () => {
    assert.equal(
      nextCursorFromTail(`{"items":${items},"totalItems":9,"pageInfo":{"nextCursor":"eyJhIjoxfQ=="}}`),
      'eyJhIjoxfQ==',
    );
    assert.equal(nextCursorFromTail(`{"items":${items},"pageInfo":{"nextCursor":"c2","prevCursor":"c0"}}\n`), 'c2');
  });

  it('gives nothing on the last page, or when the cursor is not a non-empty string', () => {
    assert.equal(nextCursorFromTail(`{"items":${items},"pageInfo":{}}`), undefined);
    assert.equal(nextCursorFromTail(`{"items":${items},"pageInfo":{"nextCursor":""}}`), undefined);
    assert.equal(nextCursorFromTail(`{"items":${items},"pageInfo":{"nextCursor":7}}`), undefined);
    assert.equal(nextCursorFromTail(`{"items":${items},"pageInfo":null}`), undefined);
  });

  it('gives nothing when pageInfo is far from the end or the tail is not a whole object (no guessing)', () => {
    // A short answer with pageInfo first is read whole, which is still right.
    assert.equal(nextCursorFromTail(`{"pageInfo":{"nextCursor":"c2"},"items":${items}}`), 'c2');
    const long = JSON.stringify([{ kind: 'Component', metadata: { name: 'b', description: 'x'.repeat(10_000) } }]);
    assert.equal(nextCursorFromTail(`{"pageInfo":{"nextCursor":"c2"},"items":${long}}`), undefined);
    assert.equal(
      nextCursorFromTail(
        `{"items":${items},"pageInfo":{"nextCursor":"c2"},"extra":{"pageInfo":{"nextCursor":"wrong"}}}`,
      ),
      undefined,
    );
  });

  it('gives nothing for text that is not JSON at all', () => {
    for (const text of [
      '',
      '<html>pageInfo</html>',
      '"pageInfo"',
      '{"items":[',
      '"pageInfo":{"nextCursor":"c2"',
      '\u0000\uFFFD"pageInfo"',
    ]) {
      assert.equal(nextCursorFromTail(text), undefined, JSON.stringify(text));
    }
  });
});
