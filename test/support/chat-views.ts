import type { OutboundMessage } from "../../src/ports/chat.js";
import type { Harness } from "./harness.js";

/** Texts posted in the card threads of a channel, in order. */
export function threadTexts(h: Harness, channelId = "acme-incidents"): string[] {
  return h.chat.inChannel(channelId).flatMap((c) => (c.op === "post" && c.to.threadId ? [c.message.text] : []));
}

/** Messages posted to the duty lead's channel, in order. */
export function dutyLeadPosts(h: Harness): OutboundMessage[] {
  return h.chat.inChannel("duty-lead").flatMap((c) => (c.op === "post" ? [c.message] : []));
}
