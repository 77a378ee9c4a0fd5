/** Lets the event loop run: timers, I/O callbacks and other queued work get their turn. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Cuts long synchronous work into slices: `maybeYield()` between units of work yields to the
 * event loop once a slice has run for `budgetMs`, so the extension host is never blocked for
 * long. Several concurrent loops may share one slicer: they share the budget too, and all
 * wait for the same turn of the event loop (each resuming with a fresh budget of its own
 * would add up to one long block).
 */
export class TimeSlicer {
  private sliceStart = performance.now();
  private pendingYield: Promise<void> | undefined;

  constructor(private readonly budgetMs = 8) {}

  async maybeYield(): Promise<void> {
    if (this.pendingYield) {
      await this.pendingYield;
      return;
    }
    if (performance.now() - this.sliceStart >= this.budgetMs) {
      this.pendingYield = yieldToEventLoop().then(() => {
        this.sliceStart = performance.now();
        this.pendingYield = undefined;
      });
      await this.pendingYield;
    }
  }
}
