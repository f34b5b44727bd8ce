/** The chat platforms Vigil speaks. The platform is data in the core, never a branch. */
export type Platform = "slack" | "discord" | "telegram" | "console";
export const PLATFORMS: readonly Platform[] = ["slack", "discord", "telegram", "console"];

/** A place to post: a channel (or DM), optionally a thread inside it. */
export interface Address {
  platform: Platform;
  channelId: string;
  threadId?: string;
}

/** A message the bot posted, as the platform knows it (Slack `ts`, Discord snowflake…). */
export interface MessageRef {
  platform: Platform;
  channelId: string;
  messageId: string;
}

/** Who did something, as the platform names them. */
export interface Actor {
  platform: Platform;
  userId: string;
  displayName: string;
}

/** One thing that happened on a platform, already translated by its adapter. */
export type InboundEvent =
  | { kind: "command"; eventId: string; actor: Actor; at: Address; text: string }
  | { kind: "action"; eventId: string; actor: Actor; at: Address; message: MessageRef; actionId: string }
  | { kind: "reply"; eventId: string; actor: Actor; at: Address; text: string };

/** A button on a card; `id` is a neutral action id (see core/commands/action-id.ts). */
export interface MessageAction {
  id: string;
  label: string;
  style?: "primary" | "danger";
}

/** A neutral message or card; each adapter renders it for its platform. */
export interface OutboundMessage {
  text: string;
  title?: string;
  fields?: { label: string; value: string }[];
  actions?: MessageAction[];
}

/** What the person who sent an inbound event sees (privately, where the platform allows). */
export interface Reply {
  /** "ok": the command did what was asked; "refused": a rule said no; "error": unexpected. */
  outcome: "ok" | "refused" | "error";
  /** For refusals: the DomainError code ("AREA.REASON"), for logs and tests. */
  code?: string;
  message: OutboundMessage;
}

/** Per-channel pacing a platform asks for; the outbox dispatcher enforces it. */
export interface RateLimit {
  /** Sustained messages per second per channel. */
  perChannelPerSecond: number;
  /** Messages allowed back to back before pacing starts. */
  burst: number;
}

/**
 * A failure talking to a platform. `retryAfterMs` carries a 429's Retry-After;
 * `permanent` marks errors that retrying cannot fix (e.g. channel not found).
 */
export class ChatDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    readonly permanent = false,
  ) {
    super(message);
    this.name = "ChatDeliveryError";
  }
}

/** One chat platform: translates events in and renders messages out. Holds no business rule. */
export interface ChatAdapter {
  readonly platform: Platform;
  /** Optional pacing for outbound messages on this platform. */
  readonly rateLimit?: RateLimit;
  /** Begin receiving events; each is passed to `onEvent`, whose reply the adapter shows. */
  start(onEvent: (event: InboundEvent) => Promise<Reply>): Promise<void>;
  /** Stop receiving and release sockets/servers. */
  stop(): Promise<void>;
  /** Post a new message; throws ChatDeliveryError on platform failure. */
  post(to: Address, message: OutboundMessage): Promise<MessageRef>;
  /** Replace a posted message in place; throws ChatDeliveryError on platform failure. */
  update(ref: MessageRef, message: OutboundMessage): Promise<void>;
}
