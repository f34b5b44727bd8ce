import type { ChatAdapter, InboundEvent, Intake, Platform, Reply } from "../ports/chat.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";

/** Reconnect tuning. */
export interface SupervisorOptions {
  /** First wait after a failed start; doubles per failure up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Uniform in [0, 1]; the wait is drawn between half and all of the ceiling. */
  random: () => number;
}

/** Whether an adapter is connected, and since when / why not. */
export interface AdapterStatus {
  platform: Platform;
  up: boolean;
  since: Date;
  lastError?: string;
  /** Failed starts in a row. */
  failures: number;
}

const DEFAULTS: SupervisorOptions = { baseDelayMs: 1000, maxDelayMs: 60_000, random: Math.random };

/**
 * Starts each chat adapter without letting one platform stop Vigil: an adapter that cannot
 * start (its platform unreachable, say) is retried in the background with capped exponential
 * backoff while the others run; its outbox rows wait (the dispatcher asks `isUp`). Timers
 * between attempts keep a down platform from costing CPU.
 */
export class AdapterSupervisor {
  private readonly status = new Map<Platform, AdapterStatus>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly options: SupervisorOptions;
  private stopped = false;
  /** Where adapters store events before answering (the inbox); passed on to every start. */
  private intake?: Intake;

  constructor(
    private readonly adapters: readonly ChatAdapter[],
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Called when an adapter comes up, so its waiting rows go out at once. */
    private readonly onUp: () => void,
    options: Partial<SupervisorOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Try every adapter once (in parallel); those that fail keep retrying in the background. */
  async start(onEvent: (event: InboundEvent) => Promise<Reply>, intake?: Intake): Promise<void> {
    this.stopped = false;
    this.intake = intake;
    await Promise.all(this.adapters.map((adapter) => this.attempt(adapter, onEvent)));
  }

  /** Whether `platform`'s adapter is connected. */
  isUp(platform: Platform): boolean {
    return this.status.get(platform)?.up ?? false;
  }

  /** Every adapter's status (for /readyz). */
  statuses(): AdapterStatus[] {
    return [...this.status.values()].map((s) => ({ ...s }));
  }

  /** Stop retrying and stop the adapters that are up. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const adapter of this.adapters) {
      if (this.isUp(adapter.platform)) await adapter.stop();
    }
  }

  private async attempt(adapter: ChatAdapter, onEvent: (event: InboundEvent) => Promise<Reply>): Promise<void> {
    const previous = this.status.get(adapter.platform);
    try {
      await adapter.start(onEvent, this.intake);
      this.status.set(adapter.platform, { platform: adapter.platform, up: true, since: this.clock.now(), failures: 0 });
      if (previous) this.logger.info({ platform: adapter.platform, failures: previous.failures }, "chat adapter connected after retrying");
      this.onUp();
    } catch (error) {
      const failures = (previous?.failures ?? 0) + 1;
      const lastError = error instanceof Error ? error.message : String(error);
      this.status.set(adapter.platform, { platform: adapter.platform, up: false, since: previous?.since ?? this.clock.now(), lastError, failures });
      const ceiling = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** Math.min(failures - 1, 30));
      const delayMs = Math.round(ceiling * (0.5 + this.options.random() / 2));
      this.logger.error({ platform: adapter.platform, err: error, failures, retryInMs: delayMs }, "chat adapter could not start; the others run, retrying");
      this.retryLater(adapter, onEvent, delayMs);
    }
  }

  private retryLater(adapter: ChatAdapter, onEvent: (event: InboundEvent) => Promise<Reply>, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) void this.attempt(adapter, onEvent);
    }, delayMs);
    timer.unref?.();
    this.timers.add(timer);
  }
}
