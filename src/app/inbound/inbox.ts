import type { ChatAdapter, InboundEvent, Intake, Platform, Reply, ReplyRoute } from "../../ports/chat.js";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { InboxEntry, Store } from "../../ports/store.js";
import type { DispatcherLease } from "../dispatcher-lease.js";

/** Inbox tuning. */
export interface InboxOptions {
  /** How often the background pass looks for rows a dead process left (or a failed reply). */
  pollMs: number;
  /** How long a reply stays worth sending; Slack's response_url is valid for 30 minutes. */
  replyTtlMs: number;
}

const DEFAULTS: InboxOptions = { pollMs: 5_000, replyTtlMs: 30 * 60_000 };
const BATCH = 50;

/**
 * The inbox: an adapter stores each event here before it answers its platform, so nothing
 * answered is lost to a crash. Rows belong to this process's dispatcher instance (the outbox's
 * lease and heartbeat); a row whose process died is taken up by the next one, applied in arrival
 * order — at most once, because the inbound handler dedupes by event id and keeps the reply —
 * and its reply is sent again from the stored route. A row is deleted once answered.
 */
export class Inbox implements Intake {
  private readonly options: InboxOptions;
  private timer?: ReturnType<typeof setInterval>;
  private passing?: Promise<number>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly lease: DispatcherLease,
    private readonly adapters: ReadonlyMap<Platform, ChatAdapter>,
    private readonly handle: (event: InboundEvent) => Promise<Reply>,
    options: Partial<InboxOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** @inheritdoc */
  async accept(event: InboundEvent, replyTo: ReplyRoute): Promise<boolean> {
    // Registered first: a row of an unregistered owner would look orphaned to another process.
    await this.lease.ready();
    const entry = { eventId: event.eventId, platform: event.actor.platform, event, replyTo, owner: this.lease.owner, receivedAt: this.clock.now() };
    return this.store.inbox.accept(entry);
  }

  /** @inheritdoc */
  done(eventId: string): Promise<void> {
    return this.store.inbox.remove(eventId);
  }

  /** @inheritdoc */
  release(eventId: string): Promise<void> {
    return this.store.inbox.release(eventId);
  }

  /**
   * Apply every orphaned row in arrival order and answer it where its adapter can; returns
   * rows finished. Called at start, before the adapters take new events, and then every poll.
   */
  takeUp(): Promise<number> {
    this.passing ??= this.pass().finally(() => (this.passing = undefined));
    return this.passing;
  }

  /** Look for orphaned rows every `pollMs` until stop(); the instance's heartbeat keeps our own rows ours. */
  start(): void {
    if (this.timer) return;
    this.lease.startHeartbeat();
    this.timer = setInterval(() => void this.takeUp().catch((err: unknown) => this.logger.error({ err }, "inbox pass failed")), this.options.pollMs);
    this.timer.unref?.();
  }

  /** Stop the background pass (after the current one). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.passing;
  }

  private async pass(): Promise<number> {
    // Nothing waiting (the usual case): no need to register this instance yet.
    if ((await this.store.inbox.list()).length === 0) return 0;
    await this.lease.ready();
    let finished = 0;
    for (;;) {
      const rows = await this.store.inbox.claimOrphans(this.lease.owner, BATCH);
      if (rows.length === 0) return finished;
      let failed = false;
      for (const row of rows) {
        if (await this.finish(row)) finished++;
        else failed = true;
      }
      // A reply that failed was handed back: it waits for the next pass, not this one.
      if (failed || rows.length < BATCH) return finished;
    }
  }

  // Applies (or re-reads the reply of) one row, then answers; false leaves it for a later pass.
  private async finish(row: InboxEntry): Promise<boolean> {
    const reply = await this.handle(row.event);
    const adapter = this.adapters.get(row.platform);
    const expired = this.clock.now().getTime() - row.receivedAt.getTime() > this.options.replyTtlMs;
    if (!adapter?.deliverReply || expired) {
      this.logger.warn({ eventId: row.eventId, platform: row.platform, expired }, "inbox: event applied after a restart; its reply could not be sent");
      await this.store.inbox.remove(row.eventId);
      return true;
    }
    try {
      await adapter.deliverReply(row.replyTo, reply);
    } catch (error) {
      this.logger.warn({ err: String(error), eventId: row.eventId }, "inbox: reply failed; retrying on the next pass");
      await this.store.inbox.release(row.eventId);
      return false;
    }
    await this.store.inbox.remove(row.eventId);
    this.logger.info({ eventId: row.eventId, platform: row.platform }, "inbox: took up an event a stopped process had answered");
    return true;
  }
}
