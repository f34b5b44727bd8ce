import { AsyncLocalStorage } from "node:async_hooks";

/** The transaction a piece of async work runs inside, while it is still open. */
interface Holder {
  open: boolean;
}

/**
 * One SQLite connection, one thing at a time. Prisma's SQLite adapter sends every statement —
 * those of a transaction and those outside any — over the one better-sqlite3 connection, and
 * guards only transactions against each other. A statement sent outside a transaction while one
 * was open ran inside it: it saw uncommitted rows, and it vanished when that transaction rolled
 * back (a refused command rolls back), so an inbox row stored before Slack's 200 could be lost.
 * Here a transaction holds the connection until it ends, and a statement outside one waits for
 * it. Work already inside the open transaction (its own async calls) runs straight on.
 */
export class ConnectionLock {
  private tail: Promise<void> = Promise.resolve();
  private readonly holder = new AsyncLocalStorage<Holder>();

  /** Run `work` with the connection to itself: after what holds it now, before what comes later. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    // A task that merely started inside a transaction which has since ended queues like any other.
    if (this.holder.getStore()?.open) return work();
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    const held: Holder = { open: true };
    try {
      return await this.holder.run(held, work);
    } finally {
      held.open = false;
      release();
    }
  }

  /** `repository` with each of its methods run exclusively (every method of a repository is async). */
  guard<T extends object>(repository: T): T {
    return new Proxy(repository, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => this.exclusive(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      },
    });
  }
}
