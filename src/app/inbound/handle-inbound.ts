import { ConcurrencyError, DomainError } from "../../core/errors.js";
import { copy } from "../../core/messages/copy.js";
import { normaliseEvent } from "../../core/text/normalise-event.js";
import type { InboundEvent, Reply } from "../../ports/chat.js";
import { DuplicateEventError } from "../../ports/store.js";
import type { AppContext } from "../app-context.js";
import { decodeWork, executeWork, type InboundWork } from "./inbound-work.js";
import { linkChatAccount, startCode } from "../customer/link-contact.js";
import type { Notifier } from "../incident/notifier.js";

const refused = (code: string, text: string): Reply => ({ outcome: "refused", code, message: { text } });

// decodeWork's refusal, kept until the sender is known.
function decode(event: InboundEvent): { work: InboundWork } | { error: unknown } {
  try {
    return { work: decodeWork(event) };
  } catch (error) {
    return { error };
  }
}

/**
 * The one inbound boundary: every platform event becomes a reply here. Dedupes by event
 * id, runs each change in one transaction (retrying once after a concurrent write), and
 * turns errors into replies: DomainErrors say what was wrong, anything else is logged with
 * a reference the user can quote — never a stack trace.
 */
export class InboundHandler {
  constructor(
    private readonly ctx: AppContext,
    private readonly notify: Notifier,
    private readonly afterCommit: () => void,
  ) {}

  /** Handle one event and return what its sender should see. */
  async handle(raw: InboundEvent): Promise<Reply> {
    // Normalised before anything reads it: no lone surrogate reaches the store's JSON, no control character a title.
    const event = normaliseEvent(raw);
    try {
      // No look-up first: a delivery seen before is the rare case, and it is found when its event
      // id is recorded (DuplicateEventError rolls its work back; fail() answers as the first time).
      const decoded = decode(event);
      // The sender is looked up inside the command's own transaction (one directory read per
      // command); a line that does not parse is refused without one, once the sender is known.
      const reply = "work" in decoded ? await this.run(event, decoded.work) : await this.undecodable(event, decoded.error);
      if (reply) {
        this.afterCommit();
        return reply;
      }
      // The one thing a stranger may do: link their chat account with a contact invitation.
      const code = event.kind === "command" ? startCode(event.text) : undefined;
      if (code) {
        const linked = await this.link(event, code);
        this.afterCommit();
        return linked;
      }
      return await this.remember(event, refused("AUTH.UNKNOWN_IDENTITY", copy.unknownIdentity));
    } catch (error) {
      return this.fail(event, error);
    }
  }

  // Undefined when the sender is a stranger (they are told only that).
  private async undecodable(event: InboundEvent, error: unknown): Promise<Reply | undefined> {
    if (!(await this.ctx.store.directory.findByIdentity(event.actor.platform, event.actor.userId))) return undefined;
    throw error;
  }

  // Undefined when the sender is a stranger: nothing was written.
  private async run(event: InboundEvent, work: InboundWork): Promise<Reply | undefined> {
    for (let attempt = 0; ; attempt++) {
      const now = this.ctx.clock.now();
      try {
        return await this.ctx.store.transaction(async (tx) => {
          const actor = await tx.directory.findByIdentity(event.actor.platform, event.actor.userId);
          if (!actor) return undefined;
          await tx.events.claim(event.eventId, now);
          const run = { ctx: this.ctx, tx, actor, platform: event.actor.platform, now, notify: this.notify, at: event.at };
          const reply = await executeWork(run, work);
          await tx.events.record(event.eventId, now, reply);
          return reply;
        });
      } catch (error) {
        // Someone changed the incident between our read and write: re-read once, so the
        // second person is told what happened instead of seeing a conflict.
        if (!(error instanceof ConcurrencyError) || attempt >= 1) throw error;
      }
    }
  }

  private async link(event: InboundEvent, code: string): Promise<Reply> {
    const now = this.ctx.clock.now();
    const identity = { platform: event.actor.platform, externalId: event.actor.userId };
    return this.ctx.store.transaction(async (tx) => {
      const reply = await linkChatAccount(this.ctx, tx, identity, code, now);
      await tx.events.record(event.eventId, now, reply);
      return reply;
    });
  }

  private async fail(event: InboundEvent, error: unknown): Promise<Reply> {
    if (error instanceof DuplicateEventError) {
      return (await this.ctx.store.events.find(event.eventId).catch(() => undefined)) ?? refused("EVENT.DUPLICATE", "");
    }
    if (error instanceof DomainError) return this.remember(event, refused(error.code, error.userMessage));
    if (error instanceof ConcurrencyError) return refused("INCIDENT.CONFLICT", copy.conflictRetry);
    const reference = this.ctx.ids.newReference();
    this.ctx.logger.error({ err: error, reference, eventId: event.eventId, platform: event.actor.platform }, "unexpected error handling event");
    return { outcome: "error", message: { text: copy.unexpectedError(reference) } };
  }

  // Refusals change nothing but are remembered, so a retried delivery gets the same answer — and
  // a retry refused now (the ack it repeats went through) gets the answer the first one got.
  private async remember(event: InboundEvent, reply: Reply): Promise<Reply> {
    try {
      await this.ctx.store.events.record(event.eventId, this.ctx.clock.now(), reply);
    } catch (error) {
      if (!(error instanceof DuplicateEventError)) throw error;
      return (await this.ctx.store.events.find(event.eventId)) ?? reply;
    }
    return reply;
  }
}
