import type { OutboundMessage } from "../../src/ports/chat.js";

// Discord renders `[label](https://…)` as a link whose target is hidden behind the label,
// in content and in embeds: in a customer's text that is a phishing link dressed as Vigil's.
// Escaping the brackets shows the text as typed, URL visible.
const MASKED_LINK = /\[([^\]\n]*)\]\(/g;

/** Text safe to show on Discord: masked links appear as typed instead of as links. */
export function neutraliseDiscord(text: string): string {
  return text.replace(MASKED_LINK, (_, label: string) => `\\[${label}\\](`);
}

// A Discord user id is a snowflake; anything else in a directory entry is not a mention.
const SNOWFLAKE = /^\d{15,21}$/;

/**
 * The Discord users a message names as its mentions: the only ones `allowed_mentions`
 * lets it notify (typed "@everyone" or `<@&role>` in user text notifies no one).
 */
export function discordMentionIds(message: OutboundMessage): string[] {
  return (message.mentions ?? []).flatMap((m) => (m.ids.discord && SNOWFLAKE.test(m.ids.discord) ? [m.ids.discord] : []));
}
