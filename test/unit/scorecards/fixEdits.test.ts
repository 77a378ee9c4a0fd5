import * as assert from 'node:assert/strict';
import { fixEdit, type CheckFix, type FixEdit } from '../../../src/scorecards';
import { parse } from '../support/catalogFixtures';

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 0; current < line; current++) {
    offset = text.indexOf('\n', offset) + 1;
  }
  return offset + column;
}

function apply(text: string, edit: FixEdit): string {
  return (
    text.slice(0, offsetOf(text, edit.range.start.line, edit.range.start.column)) +
    edit.newText +
    text.slice(offsetOf(text, edit.range.end.line, edit.range.end.column))
  );
}

/** The descriptor after the fix, re-read: the entity it holds. */
async function fixed(text: string, fix: CheckFix): Promise<{ text: string; entity: Record<string, unknown> }> {
  const before = await parse(text);
  const record = before.entities[0];
  assert.ok(record);
  const edit = fixEdit(text, record.fields, fix);
  assert.ok(edit, 'an edit');
  const after = apply(text, edit);
  const parsed = await parse(after);
  assert.deepEqual(
    parsed.problems.filter((problem) => problem.severity === 'error'),
    [],
    after,
  );
  return { text: after, entity: parsed.entities[0]?.entity as unknown as Record<string, unknown> };
}

const BASE = [
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata:',
  '  name: a',
  'spec:',
  '  type: service',
  '  lifecycle: production',
  '  owner: team-a',
];

describe('scorecard quick-fix edits', () => {
  it('adds metadata.annotations with the stub when there is none', async () => {
    const { entity } = await fixed(`${BASE.join('\n')}\n`, {
      type: 'annotation',
      key: 'backstage.io/techdocs-ref',
      value: 'dir:.',
    });
    assert.deepEqual((entity['metadata'] as Record<string, unknown>)['annotations'], {
      'backstage.io/techdocs-ref': 'dir:.',
    });
  });

  it('adds to existing block annotations, at their indentation, without a trailing newline too', async () => {
    const text = [
      ...BASE.slice(0, 4),
      '  annotations:',
      '      github.com/project-slug: acme/a',
      ...BASE.slice(4),
    ].join('\n');
    const { entity, text: after } = await fixed(text, {
      type: 'annotation',
      key: 'pagerduty.com/service-id',
      value: 'TODO',
    });
    assert.deepEqual((entity['metadata'] as Record<string, unknown>)['annotations'], {
      'github.com/project-slug': 'acme/a',
      'pagerduty.com/service-id': 'TODO',
    });
    assert.match(after, /\n {6}pagerduty\.com\/service-id: TODO\n/);
    const last = [...BASE.slice(0, 2), ...BASE.slice(4), ...BASE.slice(2, 4), '  annotations:', '    x.io/y: z'].join(
      '\n',
    );
    assert.equal(
      (
        (await fixed(last, { type: 'annotation', key: 'a.io/b', value: 'c' })).entity['metadata'] as Record<
          string,
          Record<string, string>
        >
      )['annotations']?.['a.io/b'],
      'c',
    );
  });

  it('adds to flow annotations, empty or not', async () => {
    const empty = [...BASE.slice(0, 4), '  annotations: {}', ...BASE.slice(4)].join('\n');
    assert.deepEqual(
      (
        (await fixed(empty, { type: 'annotation', key: 'a.io/b', value: 'c' })).entity['metadata'] as Record<
          string,
          unknown
        >
      )['annotations'],
      { 'a.io/b': 'c' },
    );
    const some = [...BASE.slice(0, 4), '  annotations: { x.io/y: z }', ...BASE.slice(4)].join('\n');
    assert.deepEqual(
      (
        (await fixed(some, { type: 'annotation', key: 'a.io/b', value: 'c' })).entity['metadata'] as Record<
          string,
          unknown
        >
      )['annotations'],
      { 'x.io/y': 'z', 'a.io/b': 'c' },
    );
  });

  it('sets a missing field with a quoted placeholder, and replaces an existing one', async () => {
    const { entity } = await fixed(`${BASE.join('\n')}\n`, {
      type: 'field',
      path: ['metadata', 'description'],
      value: 'TODO: what this is',
      replace: false,
    });
    assert.equal((entity['metadata'] as Record<string, unknown>)['description'], 'TODO: what this is');
    const owner = await fixed(`${BASE.join('\n')}\n`, {
      type: 'field',
      path: ['spec', 'owner'],
      value: 'checkout',
      replace: true,
    });
    assert.equal((owner.entity['spec'] as Record<string, unknown>)['owner'], 'checkout');
    assert.equal(owner.text.split('\n').length, BASE.length + 1, 'replaced in place');
  });
});
