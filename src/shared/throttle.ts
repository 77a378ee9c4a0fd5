/**
 * Runs `work` at most once per `intervalMs` however often `schedule` is called: the first call
 * starts the interval and the work runs at its end, so a burst (one event per indexed file)
 * becomes a steady beat instead of one run after the burst has stopped (what a debounce does).
 */
export class Throttle {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly work: () => void,
    private readonly intervalMs: number,
  ) {}

  schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.work();
    }, this.intervalMs);
  }

  /** Runs pending work now (e.g. when the load ends) instead of at the end of the interval. */
  flush(): void {
    if (this.timer !== undefined) {
      this.cancel();
      this.work();
    }
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
