import { CronJob } from "cron";
import type { Logger } from "../../ports/logger.js";

/** What the scheduler drives: the SLA sweeper's tick (it reads the clock itself). */
export interface Tickable {
  tick(): Promise<unknown>;
}

/**
 * Cron wiring only: calls `tick()` every `everySeconds`, never two at once, and logs a
 * failed tick instead of stopping. It computes no time of its own: what is due is decided
 * by the sweeper from the injected clock, so a late or skipped tick only delays nudges.
 */
export class SlaScheduler {
  private job?: CronJob;
  /** When the last tick finished without error (wall clock: this is liveness, not SLA time). */
  lastTickAt?: Date;

  constructor(
    private readonly target: Tickable,
    private readonly logger: Logger,
    private readonly everySeconds = 15,
    /** Told how long each tick took, in seconds (the tick-duration histogram). */
    private readonly observe?: (seconds: number) => void,
  ) {
    if (!Number.isInteger(everySeconds) || everySeconds < 1 || everySeconds > 59 || 60 % everySeconds !== 0) {
      throw new RangeError(`tick interval must divide a minute (1–30 s), got ${everySeconds}`);
    }
  }

  /** Run a catch-up tick now (everything missed while the bot was down), then start ticking. */
  async start(): Promise<void> {
    await this.tick();
    this.job = CronJob.from({
      cronTime: `*/${this.everySeconds} * * * * *`,
      onTick: () => this.tick(),
      waitForCompletion: true,
      start: true,
    });
  }

  /** Stop ticking; resolves once a tick in progress has finished. */
  async stop(): Promise<void> {
    await this.job?.stop();
    this.job = undefined;
  }

  /** The tick interval in ms (/readyz wants a tick within two of them). */
  get intervalMs(): number {
    return this.everySeconds * 1000;
  }

  private async tick(): Promise<void> {
    // Wall time on purpose: this measures the process's work, not business time.
    const started = performance.now();
    try {
      await this.target.tick();
      this.lastTickAt = new Date();
    } catch (error) {
      this.logger.error({ err: error }, "SLA tick failed; the next tick retries");
    }
    this.observe?.((performance.now() - started) / 1000);
  }
}
