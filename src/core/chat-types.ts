// The neutral vocabulary of chat, shared by the core (which builds messages) and the
// adapter port (which carries them). Pure types, no behaviour beyond the platform list.

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

/** Someone a message is for: platforms that can notify people do (Slack <@U…>, Discord <@…>). */
export interface Mention {
  name: string;
  /** The person's user id on each platform where they have one. */
  ids: Partial<Record<Platform, string>>;
}

/** A neutral message or card; each adapter renders it for its platform. */
export interface OutboundMessage {
  text: string;
  /** People to notify (the assignee, whoever is on call); the text already names them. */
  mentions?: Mention[];
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

