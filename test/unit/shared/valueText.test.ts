import * as assert from 'node:assert/strict';
import { lineFieldText, valueAsText } from '../../../src/shared/valueText';

describe('form values as text', () => {
  it('shows scalars as they are and an object as JSON, never "[object Object]"', () => {
    assert.equal(valueAsText('team-a'), 'team-a');
    assert.equal(valueAsText(8), '8');
    assert.equal(valueAsText(false), 'false');
    assert.equal(valueAsText({ owner: 'team-a' }), '{"owner":"team-a"}');
  });

  it('starts a one-line field empty when unset and lists items separated by commas', () => {
    assert.equal(lineFieldText(undefined), '');
    assert.equal(lineFieldText(['java', 'kafka']), 'java, kafka');
    assert.equal(lineFieldText(['a', null, { b: 1 }]), 'a, , {"b":1}');
    assert.equal(lineFieldText({ b: 1 }), '{"b":1}');
  });
});
