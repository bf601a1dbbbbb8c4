/**
 * Runs tasks strictly one at a time, taking turns between lanes (one lane per connection):
 * a connection that queues many commands delays every other connection by at most one of
 * its commands, not by all of them. Each lane holds a bounded number of waiting tasks.
 */
export class FairQueue {
  /** Waiting tasks per lane; a Map iterates in insertion order, so re-inserting a lane sends it to the back. */
  private readonly lanes = new Map<string, (() => Promise<void>)[]>();
  private running = false;
  /** Who waits for the queue to empty (a room closing for a shutdown); empty almost always. */
  private idleWaiters: (() => void)[] = [];

  constructor(
    /** The most tasks one lane may have waiting; `Infinity` for the server's own lane. */
    private readonly maxWaitingPerLane: (lane: string) => number,
    /** Called with what a task threw; the queue goes on with the next task. */
    private readonly onError: (err: unknown) => void,
  ) {}

  /**
   * Queues `task` in `lane`. Resolves when it has run (never rejects: failures go to onError),
   * or returns null at once when the lane already has its most waiting tasks.
   */
  push(lane: string, task: () => Promise<void>): Promise<void> | null {
    let waiting = this.lanes.get(lane);
    if (waiting && waiting.length >= this.maxWaitingPerLane(lane)) return null;
    const done = new Promise<void>((resolve) => {
      const run = async () => {
        try {
          await task();
        } catch (err) {
          this.onError(err);
        } finally {
          resolve();
        }
      };
      if (!waiting) this.lanes.set(lane, (waiting = []));
      waiting.push(run);
    });
    void this.drain();
    return done;
  }

  /** How many tasks wait in `lane` (not counting one that is running). */
  waiting(lane: string): number {
    return this.lanes.get(lane)?.length ?? 0;
  }

  /** Whether nothing runs and nothing waits. */
  get idle(): boolean {
    return !this.running && this.lanes.size === 0;
  }

  /** Resolves once nothing runs and nothing waits: every task queued so far, and any they queued, has run. */
  whenIdle(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const next = this.lanes.entries().next();
        if (next.done) break;
        const [lane, waiting] = next.value;
        const task = waiting.shift()!;
        this.lanes.delete(lane);
        if (waiting.length > 0) this.lanes.set(lane, waiting); // its turn is over: to the back
        await task();
      }
    } finally {
      this.running = false;
      if (this.idleWaiters.length > 0 && this.lanes.size === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    }
  }
}
