export type { Actor, Address, InboundEvent, Mention, MessageAction, MessageRef, OutboundMessage, Platform, Reply } from "../core/chat-types.js";
export { PLATFORMS } from "../core/chat-types.js";
import type { InboundEvent, MessageRef, OutboundMessage, Address, Platform, Reply } from "../core/chat-types.js";

/** Pacing a platform asks for; the outbox dispatcher enforces it. */
export interface RateLimit {
  /** Sustained messages per second per channel. */
  perChannelPerSecond: number;
  /** Messages allowed back to back before pacing starts. */
  burst: number;
  /** Messages per second across every channel of the platform (Telegram: ~30); absent = no limit. */
  globalPerSecond?: number;
  /** A slower pace for some channels (Telegram groups: 20 per minute), or undefined for the default. */
  channelLimit?(channelId: string): { perChannelPerSecond: number; burst: number } | undefined;
}

/**
 * A failure talking to a platform. `retryAfterMs` carries a 429's Retry-After (a rate limit,
 * never counted as a failed attempt); `permanent` marks errors that retrying cannot fix (e.g.
 * channel not found); `messageGone` says the message to edit no longer exists (someone deleted
 * it); `platformWide` says the limit holds for the whole platform (Discord's global 429,
 * Telegram's flood wait), so every channel of it pauses.
 */
export class ChatDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    readonly permanent = false,
    readonly messageGone = false,
    readonly platformWide = false,
  ) {
    super(message);
    this.name = "ChatDeliveryError";
  }
}

/** Which outbox row a post carries, so a re-send after a crash can be recognised. */
export interface PostDelivery {
  /** Stable per outbox row (at most 25 characters: Discord's nonce limit). */
  key: string;
  /** A previous attempt may have reached the platform (its process died, or it timed out). */
  mayAlreadyBeSent: boolean;
}

/** One chat platform: translates events in and renders messages out. Holds no business rule. */
/** Where an event's reply goes, as its adapter describes it (JSON; e.g. Slack's response_url). */
export type ReplyRoute = Record<string, string>;

/**
 * The inbox as an adapter sees it: an event is stored here before the platform is answered,
 * so a command answered 200 survives a crash of this process.
 */
export interface Intake {
  /**
   * Store `event` durably; false when this event id is already waiting (a duplicate delivery,
   * which the core applies once all the same). Throws when it could not be stored: do not
   * answer the platform then.
   */
  accept(event: InboundEvent, replyTo: ReplyRoute): Promise<boolean>;
  /** The event was applied and its reply went out. */
  done(eventId: string): Promise<void>;
  /** The reply could not go out: a later pass applies (idempotently) and answers again. */
  release(eventId: string): Promise<void>;
}

/**
 * Apply an accepted event and send its reply: the inbox row is done only once the reply went
 * out, and handed back when sending failed (the change is committed and its reply kept, so the
 * inbox's next pass answers again). Without `apply` (the adapter is stopping) the row stays in
 * the inbox for the process that takes it up.
 */
export async function answerThroughIntake(
  intake: Intake | undefined,
  event: InboundEvent,
  apply: (() => Promise<Reply>) | undefined,
  send: (reply: Reply) => Promise<unknown>,
): Promise<void> {
  if (!apply) return void (await intake?.release(event.eventId));
  const reply = await apply();
  try {
    await send(reply);
  } catch (error) {
    await intake?.release(event.eventId);
    throw error;
  }
  await intake?.done(event.eventId);
}

export interface ChatAdapter {
  readonly platform: Platform;
  /** Optional pacing for outbound messages on this platform. */
  readonly rateLimit?: RateLimit;
  /**
   * Begin receiving events; each is passed to `onEvent`, whose reply the adapter shows. With
   * `intake`, an event is stored there before the platform is answered, and marked done once
   * its reply went out; one stored when the process died is applied by the next one, which
   * answers through deliverReply().
   */
  start(onEvent: (event: InboundEvent) => Promise<Reply>, intake?: Intake): Promise<void>;
  /** Send the reply of an event taken up after a crash, to where `intake.accept` said it goes. */
  deliverReply?(route: ReplyRoute, reply: Reply): Promise<void>;
  /** Stop receiving and release sockets/servers. */
  stop(): Promise<void>;
  /**
   * Post a new message; throws ChatDeliveryError on platform failure. With `delivery`, the
   * adapter uses the platform's own idempotency where it has one (Discord's nonce), and when
   * `mayAlreadyBeSent` looks the message up before posting it again (Slack's metadata).
   */
  post(to: Address, message: OutboundMessage, delivery?: PostDelivery): Promise<MessageRef>;
  /** Replace a posted message in place; throws ChatDeliveryError on platform failure. */
  update(ref: MessageRef, message: OutboundMessage): Promise<void>;
  /**
   * A link that opens a private chat with the bot and hands it `code` (Telegram:
   * `https://t.me/<bot>?start=<code>`), for contact invitations; undefined when the platform
   * has no such link or the bot's name is not known yet.
   */
  inviteLink?(code: string): string | undefined;
  /** Whether the adapter is receiving from its platform right now (the adapter-connected gauge). */
  connected?(): boolean;
}
