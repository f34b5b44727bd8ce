import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { ProcessIdentity } from "../ports/process-identity.js";
import type { Store } from "../ports/store.js";

/** Heartbeat tuning. */
export interface LeaseOptions {
  /** How long a claimed row stays ours without a heartbeat. */
  leaseMs: number;
  /** How often the heartbeat renews our leases (and looks for dead instances). */
  heartbeatMs: number;
}

/**
 * The dispatcher's leases belong to this process instance. A heartbeat keeps them alive; an
 * instance whose process is gone (same host, pid not running) or whose heartbeat stopped for
 * a whole lease is dead, and its leases are freed at once — so a row in flight when a process
 * died is taken up by the next one immediately, not after the lease runs out.
 */
export class DispatcherLease {
  private timer?: ReturnType<typeof setInterval>;
  private registered?: Promise<void>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly identity: ProcessIdentity,
    private readonly options: LeaseOptions,
  ) {}

  /** The owner id stamped on every row this process claims. */
  get owner(): string {
    return this.identity.id;
  }

  /** Register this instance and free the leases of dead ones (idempotent; awaited before a claim). */
  ready(): Promise<void> {
    this.registered ??= this.register();
    return this.registered;
  }

  /** Beat every `heartbeatMs` until stop(). */
  startHeartbeat(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.beat().catch((err: unknown) => this.logger.error({ err }, "outbox heartbeat failed")), this.options.heartbeatMs);
    this.timer.unref?.();
  }

  /** Stop beating and hand our leases back (a clean stop leaves nothing to wait for). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.registered) await this.store.outbox.removeInstances([this.owner]);
    this.registered = undefined;
  }

  /** Renew our leases and free dead instances' ones. */
  async beat(): Promise<void> {
    const now = this.clock.now();
    await this.store.outbox.heartbeat(this.owner, now, new Date(now.getTime() + this.options.leaseMs));
    await this.freeDead(now);
  }

  private async register(): Promise<void> {
    const now = this.clock.now();
    const { id, host, pid } = this.identity;
    await this.store.outbox.registerInstance({ id, host, pid, startedAt: now, heartbeatAt: now });
    await this.freeDead(now);
  }

  /**
   * Free the leases of dead instances now (a fleet's new leader, before it sends). A live
   * one keeps its leases even if it just lost leadership: its rows in flight are its own to
   * finish, or another sender would post them a second time.
   */
  freeDeadNow(): Promise<void> {
    return this.freeDead(this.clock.now());
  }

  private async freeDead(now: Date): Promise<void> {
    const silentSince = now.getTime() - this.options.leaseMs;
    const dead = (await this.store.outbox.listInstances()).filter(
      (i) => i.id !== this.owner && ((i.host === this.identity.host && !this.identity.isAlive(i.pid)) || i.heartbeatAt.getTime() < silentSince),
    );
    if (dead.length === 0) return;
    const freed = await this.store.outbox.removeInstances(dead.map((i) => i.id));
    this.logger.warn({ instances: dead.map((i) => `${i.host}:${i.pid}`), freedRows: freed }, "freed the outbox leases of dead Vigil processes");
  }
}
