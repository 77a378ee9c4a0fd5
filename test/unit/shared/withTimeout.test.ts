import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { withTimeout } from '../../../src/shared/withTimeout';

describe('withTimeout', () => {
  it('gives the work its result and leaves no timer running', async () => {
    assert.equal(await withTimeout(Promise.resolve(42), 60_000, 'slow'), 42);
    // A leaked 60 s timer would keep a process alive: a child that only awaits fast work must exit at once.
    const started = Date.now();
    const child = spawnSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(require.resolve('../../../src/shared/withTimeout'))}).withTimeout(Promise.resolve(1), 60000, 'slow')`,
      ],
      { timeout: 20_000 },
    );
    assert.equal(child.status, 0, String(child.stderr));
    assert.ok(Date.now() - started < 10_000, 'the process waited for the timer');
  });

  it('rejects with the message when the work takes longer', async () => {
    const never = new Promise<string>(() => undefined);
    await assert.rejects(withTimeout(never, 10, 'took longer than 0.01 s'), /took longer than 0\.01 s/);
  });

  it("passes the work's own rejection through", async () => {
    await assert.rejects(withTimeout(Promise.reject(new Error('tab broke')), 60_000, 'slow'), /tab broke/);
  });
});
