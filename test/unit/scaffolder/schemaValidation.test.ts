import * as assert from 'node:assert/strict';
import { satisfiesSchema, validateAgainstSchema } from '../../../src/scaffolder/schemaValidation';

const messages = (value: unknown, schema: Record<string, unknown>): string[] =>
  validateAgainstSchema(value, schema).map((violation) => `${violation.path.join('.') || '.'}: ${violation.message}`);

describe('template schema validation (ajv)', () => {
  it('checks the keywords a hand-written subset skipped: anyOf, not, additionalProperties, nested required', () => {
    assert.deepEqual(
      messages(3, { anyOf: [{ type: 'string' }, { minimum: 5 }] }).at(-1),
      '.: must match a schema in anyOf',
    );
    assert.deepEqual(messages('prod', { not: { const: 'prod' } }), ['.: must NOT be valid']);
    assert.deepEqual(messages({ a: 1, b: 2 }, { type: 'object', properties: { a: {} }, additionalProperties: false }), [
      '.: must NOT have additional properties',
    ]);
    assert.deepEqual(
      messages({ owner: {} }, { type: 'object', properties: { owner: { type: 'object', required: ['name'] } } }),
      ['owner.name: is required'],
    );
  });

  it('ignores the form keys templates carry (ui:*) and formats it cannot check', () => {
    const schema = {
      type: 'string',
      format: 'no-such-format',
      'ui:field': 'EntityPicker',
      'ui:options': { catalogFilter: { kind: 'Group' } },
    };
    assert.deepEqual(messages('group:default/a', schema), []);
  });

  it('two templates with the same $id do not collide, and remote $refs are never fetched', () => {
    assert.deepEqual(messages('x', { $id: 'https://example.invalid/s', type: 'string' }), []);
    assert.deepEqual(messages(1, { $id: 'https://example.invalid/s', type: 'number', maximum: 0 }), [
      '.: must be <= 0',
    ]);
    const remote = messages('x', { $ref: 'http://127.0.0.1:9/schema.json' });
    assert.equal(remote.length, 1);
    assert.match(remote[0] ?? '', /^\.: cannot be checked: can't resolve reference/);
  });

  it('a schema that tries to pollute prototypes changes nothing', () => {
    const hostile = JSON.parse(
      '{"type":"object","properties":{"__proto__":{"type":"string"},"constructor":{"type":"string"}},"required":["__proto__"]}',
    ) as Record<string, unknown>;
    assert.deepEqual(messages({}, hostile), ['__proto__: is required']);
    assert.equal(({} as Record<string, unknown>)['type'], undefined);
  });

  it('answers conditions with a yes or no', () => {
    assert.equal(satisfiesSchema({ kind: 'service' }, { properties: { kind: { const: 'service' } } }), true);
    assert.equal(satisfiesSchema({ kind: 'library' }, { properties: { kind: { const: 'service' } } }), false);
    assert.equal(satisfiesSchema('x', { pattern: '([' }), false, 'an uncheckable condition is not met');
  });
});
