import * as assert from 'node:assert/strict';
import { DEFAULT_TABLE_REQUEST, parseTableMessage, parseTableRequest } from '../../../src/shared/catalogTableProtocol';

describe('catalog table protocol', () => {
  it('accepts the documented messages', () => {
    assert.deepEqual(parseTableMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseTableMessage({ type: 'query', id: 3, request: DEFAULT_TABLE_REQUEST }), {
      type: 'query',
      id: 3,
      request: DEFAULT_TABLE_REQUEST,
    });
    assert.deepEqual(parseTableMessage({ type: 'openEntity', ref: 'component:default/a', extra: 1 }), {
      type: 'openEntity',
      ref: 'component:default/a',
    });
    assert.deepEqual(parseTableMessage({ type: 'toggleStar', ref: 'component:default/a' }), {
      type: 'toggleStar',
      ref: 'component:default/a',
    });
  });

  it('refuses unknown types, wrong field types and oversized values', () => {
    for (const raw of [
      null,
      'ready',
      [],
      { type: 'runCommand', command: 'x' },
      { type: 'openEntity', ref: '' },
      { type: 'openEntity', ref: 'x'.repeat(513) },
      { type: 'query', id: -1, request: DEFAULT_TABLE_REQUEST },
      { type: 'query', id: 1 },
    ]) {
      assert.equal(parseTableMessage(raw), undefined, JSON.stringify(raw)?.slice(0, 80));
    }
  });

  it('checks every field of a query', () => {
    const bad: Record<string, unknown>[] = [
      { sort: 'description' },
      { sort: '__proto__' },
      { direction: 'up' },
      { limit: 0 },
      { limit: 501 },
      { offset: 1.5 },
      { offset: -1 },
      { text: 7 },
      { text: 'x'.repeat(513) },
      { kind: null },
      { ownedByMe: 'yes' },
      { starredOnly: 1 },
    ];
    for (const change of bad) {
      assert.equal(parseTableRequest({ ...DEFAULT_TABLE_REQUEST, ...change }), undefined, JSON.stringify(change));
    }
    assert.deepEqual(parseTableRequest({ ...DEFAULT_TABLE_REQUEST, sort: 'tags', direction: 'desc', extra: true }), {
      ...DEFAULT_TABLE_REQUEST,
      sort: 'tags',
      direction: 'desc',
    });
  });
});
