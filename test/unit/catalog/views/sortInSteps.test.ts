import * as assert from 'node:assert/strict';
import { runToEnd } from '../../../../src/catalog/views/postings';
import { sortInSteps } from '../../../../src/catalog/views/sortInSteps';
import { seededRandom } from '../../support/seededRandom';

describe('sortInSteps', () => {
  it('sorts as Array.prototype.sort, at every length around its run and merge widths', () => {
    const next = seededRandom(4);
    for (const length of [0, 1, 2, 31, 32, 33, 63, 64, 65, 100, 1_000, 5_003]) {
      const numbers = Array.from({ length }, () => Math.floor(next() * 1_000));
      const byValue = (a: number, b: number): number => a - b;
      assert.deepEqual(runToEnd(sortInSteps(numbers, byValue)), [...numbers].sort(byValue), `length ${length}`);
    }
  });

  it('is stable: equal keys keep their order', () => {
    const next = seededRandom(8);
    const items = Array.from({ length: 3_000 }, (_, at) => ({ key: Math.floor(next() * 20), at }));
    const sorted = runToEnd(sortInSteps(items, (a, b) => a.key - b.key));
    for (let at = 1; at < sorted.length; at++) {
      const before = sorted[at - 1] as { key: number; at: number };
      const here = sorted[at] as { key: number; at: number };
      assert.ok(before.key < here.key || (before.key === here.key && before.at < here.at), `at ${at}`);
    }
  });

  it('pauses while sorting many items and leaves its input alone', () => {
    const items = Array.from({ length: 50_000 }, (_, at) => (at * 7_919) % 50_000);
    const copy = [...items];
    const steps = sortInSteps(items, (a, b) => a - b);
    let pauses = 0;
    let step = steps.next();
    while (!step.done) {
      pauses++;
      step = steps.next();
    }
    assert.ok(pauses > 10, `${pauses} pauses`);
    assert.deepEqual(
      step.value,
      Array.from({ length: 50_000 }, (_, at) => at),
    );
    assert.deepEqual(items, copy);
  });
});
