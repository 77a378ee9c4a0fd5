import * as assert from 'node:assert/strict';
import { Throttle } from '../../../src/shared/throttle';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Throttle', () => {
  it('runs a steady beat during a burst, not only after it stops', async () => {
    const runs: number[] = [];
    const started = Date.now();
    const throttle = new Throttle(() => runs.push(Date.now() - started), 40);
    // A burst of calls every 5 ms for ~200 ms: a debounce would run once, at the end.
    while (Date.now() - started < 200) {
      throttle.schedule();
      await sleep(5);
    }
    throttle.cancel();
    assert.ok(runs.length >= 3, `ran ${runs.length} times during the burst`);
    assert.ok((runs[0] ?? Infinity) < 120, `first run after ${runs[0]} ms`);
  });

  it('runs once per interval however many calls, and flush runs pending work at once', async () => {
    let runs = 0;
    const throttle = new Throttle(() => runs++, 30);
    throttle.schedule();
    throttle.schedule();
    throttle.schedule();
    await sleep(60);
    assert.equal(runs, 1);
    throttle.schedule();
    throttle.flush();
    assert.equal(runs, 2);
    throttle.flush();
    assert.equal(runs, 2, 'nothing pending, nothing run');
    throttle.schedule();
    throttle.cancel();
    await sleep(50);
    assert.equal(runs, 2, 'cancelled work does not run');
  });
});
