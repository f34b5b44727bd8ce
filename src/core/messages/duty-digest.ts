import type { OutboundMessage } from "../chat-types.js";
import { deliveryCopy } from "./copy-delivery.js";

/** At most this much text in one digest: under Discord's 2,000 characters and Slack's 3,000 per block. */
export const DIGEST_MAX_CHARS = 1_800;
/** At most this many posts in one digest. */
export const DIGEST_MAX_POSTS = 15;

/** A duty-lead post as a digest line: what it said, led by its incident key unless the text names it. */
function line(message: OutboundMessage): string {
  return message.title && !message.text.includes(message.title) ? `${message.title}: ${message.text}` : message.text;
}

/**
 * How many of `messages` (in order, the first always) fit in one digest, within
 * DIGEST_MAX_POSTS and DIGEST_MAX_CHARS.
 */
export function digestSize(messages: readonly OutboundMessage[]): number {
  let chars = 0;
  let n = 0;
  for (const m of messages) {
    chars += line(m).length + 1;
    if (n > 0 && (n >= DIGEST_MAX_POSTS || chars > DIGEST_MAX_CHARS)) break;
    n++;
  }
  return n;
}

/** Several duty-lead posts as one message: a line each, everyone they mention mentioned once. */
export function dutyDigest(messages: readonly OutboundMessage[]): OutboundMessage {
  const mentions = new Map(messages.flatMap((m) => m.mentions ?? []).map((m) => [JSON.stringify(m), m]));
  return {
    title: deliveryCopy.dutyDigestTitle(messages.length),
    text: messages.map(line).join("\n"),
    ...(mentions.size ? { mentions: [...mentions.values()] } : {}),
  };
}

const DIGEST_TITLE = new RegExp(`^${deliveryCopy.dutyDigestTitle(0).replace("0", "\\d+")}$`);

/** Whether a message is already a digest (it is sent as it is, not folded again). */
export function isDutyDigest(message: OutboundMessage): boolean {
  return message.title !== undefined && DIGEST_TITLE.test(message.title);
}
