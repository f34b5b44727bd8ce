import type { BlockAction, SlashCommand, ViewOutput } from "@slack/bolt";
import type { InboundEvent } from "../../src/ports/chat.js";
import { quoteArgument } from "../../src/core/commands/tokenizer.js";
import { OPEN_MODAL_INPUTS, type OpenModalMetadata } from "./types.js";

/** The user part of a view_submission body, as Bolt types it. */
export interface SlackUser {
  id: string;
  name?: string;
  username?: string;
}

/**
 * Turns Slack's escaped command text back into what the person typed. With the manifest's
 * `should_escape: true`, mentions arrive as `<@U123|ana>`; they become `@U123` so the core
 * can match Slack member ids from the policy file.
 */
export function normaliseCommandText(text: string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, "@$1")
    .replace(/<#([CG][A-Z0-9]+)(?:\|[^>]*)?>/g, "#$1")
    .replace(/<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** True for `/incident open` with nothing after it: the modal asks for the fields instead. */
export function isBareOpen(command: Pick<SlashCommand, "command" | "text">): boolean {
  return command.command === "/incident" && command.text.trim().toLowerCase() === "open";
}

/**
 * A slash command as a neutral command event. The trigger_id is unique per invocation and
 * repeated verbatim when Slack retries the request, so it makes a stable eventId.
 */
export function commandEvent(command: SlashCommand): InboundEvent {
  const args = normaliseCommandText(command.text).trim();
  return {
    kind: "command",
    eventId: `slack:cmd:${command.trigger_id}`,
    actor: { platform: "slack", userId: command.user_id, displayName: command.user_name },
    at: { platform: "slack", channelId: command.channel_id },
    text: args ? `${command.command} ${args}` : command.command,
  };
}

/**
 * A button click as a neutral action event, or undefined when it did not come from a
 * message (e.g. a button inside a modal). Ephemeral messages have no `message` field, so
 * the ts falls back to the container's.
 */
export function actionEvent(body: BlockAction): InboundEvent | undefined {
  const action = body.actions[0];
  const container = (body.container ?? {}) as { channel_id?: string; message_ts?: string; thread_ts?: string };
  const channelId = body.channel?.id ?? container.channel_id;
  const messageTs = body.message?.ts ?? container.message_ts;
  if (!action || !channelId || !messageTs) return undefined;
  const threadTs = (body.message?.thread_ts as string | undefined) ?? container.thread_ts;
  return {
    kind: "action",
    // action_ts is set once per click and kept on retries; user + id guard against two
    // people clicking in the same microsecond.
    eventId: `slack:act:${body.user.id}:${action.action_id}:${actionTs(action)}`,
    actor: { platform: "slack", userId: body.user.id, displayName: displayName(body.user) },
    at: { platform: "slack", channelId, ...(threadTs && threadTs !== messageTs ? { threadId: threadTs } : {}) },
    message: { platform: "slack", channelId, messageId: messageTs },
    actionId: action.action_id,
  };
}

/**
 * A submitted "open incident" modal as the command a person could have typed. Each
 * value goes through quoteArgument so titles with spaces or quotes survive tokenize().
 * A view is submitted once, so its id is the eventId.
 */
export function viewSubmissionEvent(view: ViewOutput, user: SlackUser): InboundEvent {
  const meta = parseModalMetadata(view.private_metadata);
  const field = (input: { block: string; action: string }) => {
    const state = view.state.values[input.block]?.[input.action];
    return (state?.selected_option?.value ?? state?.value ?? "").trim();
  };
  const words = [
    meta.command,
    "open",
    quoteArgument(field(OPEN_MODAL_INPUTS.severity)),
    quoteArgument(field(OPEN_MODAL_INPUTS.title)),
  ];
  const org = field(OPEN_MODAL_INPUTS.organisation);
  if (org) words.push("--org", quoteArgument(org));
  const desc = field(OPEN_MODAL_INPUTS.description);
  if (desc) words.push("--desc", quoteArgument(desc));
  return {
    kind: "command",
    eventId: `slack:view:${view.id}`,
    actor: { platform: "slack", userId: user.id, displayName: displayName(user) },
    at: { platform: "slack", channelId: meta.channelId },
    text: words.join(" "),
  };
}

/** Reads the modal's private_metadata; a missing or foreign value falls back to a DM with the user. */
export function parseModalMetadata(raw: string): OpenModalMetadata {
  try {
    const parsed = JSON.parse(raw) as Partial<OpenModalMetadata>;
    if (typeof parsed.channelId === "string" && typeof parsed.command === "string") {
      return { channelId: parsed.channelId, command: parsed.command };
    }
  } catch {
    // fall through: metadata we did not write
  }
  return { channelId: "", command: "/incident" };
}

function displayName(user: SlackUser): string {
  return user.name ?? user.username ?? user.id;
}

function actionTs(action: BlockAction["actions"][number]): string {
  return (action as { action_ts?: string }).action_ts ?? "";
}
