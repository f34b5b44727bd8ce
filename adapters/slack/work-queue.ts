/**
 * Runs async work at most `concurrency` items at a time, in arrival order, starting each item
 * from a fresh event-loop turn (setImmediate).
 *
 * Why: the core's database work is synchronous CPU (better-sqlite3 under Prisma), so a
 * handler never yields to the event loop until it is done. Started all at once, fifty
 * handlers would hold the loop for as long as all fifty take, and new Slack requests would
 * wait that long for their ack. Started one per loop turn, Node's poll phase runs between
 * two items: new requests are read, verified and acknowledged while the backlog is worked off.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly concurrency = 1) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }

  /** Items waiting to start. */
  get backlog(): number {
    return this.waiting.length;
  }

  /** Queue `work`; settles with its result. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const turn = new Promise<void>((resolve) => this.waiting.push(resolve));
    this.pump();
    return turn.then(work).finally(() => {
      this.running--;
      this.pump();
    });
  }

  /** Resolves once nothing is running or waiting. */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      this.running++;
      setImmediate(this.waiting.shift()!);
    }
    if (this.running === 0 && this.waiting.length === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
