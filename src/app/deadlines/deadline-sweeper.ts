import type { DeadlineTimer } from "../../ports/store.js";
import type { AppContext, Run } from "../app-context.js";
import type { Notifier } from "../incident/notifier.js";
import { DIGEST_KEY, sendDigest } from "../sla/digest.js";
import type { SweepEffects } from "../sla/nudge-effects.js";
import { loadNames } from "../sla/sla-names.js";
import { runCustomerTimer } from "./customer-timer-run.js";
import { isCustomerTimer } from "./customer-timers.js";
import { DEFAULT_LATE_AFTER_MS, sweepIncidents } from "../sla/sweep-incidents.js";
import { alertRun } from "../alerts/alert-run.js";
import { isAlertTimer, runAlertTimer } from "../alerts/handling-timer.js";

/** Sweeper tuning; defaults suit production. */
export interface SweeperOptions {
  /** Timers acted on per transaction. */
  batchSize: number;
  /** How long a claimed timer stays ours before another process may take it. */
  leaseMs: number;
  /** A threshold passed longer ago than this is reported as late (the bot was down). */
  lateAfterMs: number;
}

/** What one tick did. */
export interface TickResult {
  claimed: number;
  nudges: number;
  escalations: number;
  digests: number;
}

const DEFAULTS: SweeperOptions = { batchSize: 500, leaseMs: 60_000, lateAfterMs: DEFAULT_LATE_AFTER_MS };
// A guard against a timer that keeps coming due at once; each round claims up to batchSize rows.
const MAX_ROUNDS = 100;

/**
 * The SLA engine's heartbeat. `tick()` reads the clock once, claims due timer rows with a
 * lease (like the outbox), and acts on each batch in one transaction that re-checks every
 * timer's generation and the incident, records the nudges in the ledger, writes timeline
 * entries and outbox rows, and re-arms the timers. The scheduler only calls tick(); a tick
 * at start catches up on everything missed while the bot was down.
 */
export class DeadlineSweeper {
  private readonly options: SweeperOptions;
  private running?: Promise<TickResult>;
  /** Customer-loop steps acted on this tick (they queue messages too). */
  private pendingKick = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly notify: Notifier,
    private readonly afterCommit: () => void,
    options: Partial<SweeperOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Act on every timer due now. One tick at a time per process; overlapping calls share it. */
  tick(): Promise<TickResult> {
    this.running ??= this.tickOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async tickOnce(): Promise<TickResult> {
    const now = this.ctx.clock.now();
    const result: TickResult = { claimed: 0, nudges: 0, escalations: 0, digests: 0 };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const leaseUntil = new Date(now.getTime() + this.options.leaseMs);
      const claimed = await this.ctx.store.transaction((tx) => tx.deadlines.claimDue(now, leaseUntil, this.options.batchSize));
      if (claimed.length === 0) break;
      result.claimed += claimed.length;
      await this.actOnBatch(claimed, now, result);
      if (round === MAX_ROUNDS - 1) this.ctx.logger.warn({ claimed: result.claimed }, "SLA tick stopped after too many rounds; the rest waits for the next tick");
    }
    if (result.nudges + result.escalations + result.digests > 0 || this.pendingKick) this.afterCommit();
    this.pendingKick = false;
    return result;
  }

  private async actOnBatch(claimed: DeadlineTimer[], now: Date, result: TickResult): Promise<void> {
    let effects!: SweepEffects;
    let digests = 0;
    let customer = 0;
    let alertSteps = 0;
    await this.ctx.store.transaction(async (tx) => {
      // Fresh for every attempt: PostgreSQL runs this again after a serialization conflict, and
      // rows left from a rolled-back attempt would be enqueued with the next (nudges posted 2-4×).
      effects = { timeline: [], outbox: [], nudges: 0, escalations: 0, sent: [] };
      [digests, customer, alertSteps] = [0, 0, 0];
      // Re-armed by a command (or acted on by another process) since we claimed it: not ours.
      const current = new Map((await tx.deadlines.findByIds(claimed.map((t) => t.id))).map((t) => [t.id, t]));
      const live = claimed.filter((t) => current.get(t.id)?.generation === t.generation && current.get(t.id)?.status === "pending");
      // Vigil acts here by itself: one run (no actor) for the whole batch.
      const run: Run = { ctx: this.ctx, tx, notify: this.notify, now };
      const incidents = live.filter((t) => t.incidentId !== undefined);
      if (incidents.length) await sweepIncidents(run, { names: await loadNames(this.ctx, tx), effects }, incidents, this.options.lateAfterMs);
      for (const digest of live.filter((t) => t.key === DIGEST_KEY)) {
        await sendDigest(run, digest, this.options.lateAfterMs);
        digests++;
      }
      // The customer loop's deadlines (confirmation, survey send/remind/expire) share these rows.
      for (const timer of live.filter((t) => isCustomerTimer(t.key))) {
        await runCustomerTimer(run, timer.key);
        customer++;
      }
      // The alert-handling clocks (30-minute rule, graded failures, silence ends) too.
      for (const timer of live.filter((t) => isAlertTimer(t.key))) {
        await runAlertTimer(alertRun(this.ctx, tx, this.notify, "vigil", now), timer.key);
        alertSteps++;
      }
    });
    this.ctx.metrics?.nudgesSent?.(effects.sent);
    result.nudges += effects.nudges;
    result.escalations += effects.escalations;
    result.digests += digests;
    // Customer-loop and alert-clock steps write messages too; the tick kicks the outbox like for nudges.
    if (customer + alertSteps > 0) this.pendingKick = true;
  }
}
