import type { OutboundMessage } from "../../src/ports/chat.js";

// Slack reads `<…>` as a link or mention (`<!channel>`, `<!subteam^S1>`, `<@U1>`) in both
// mrkdwn blocks AND the top-level `text` it notifies from; `&`, `<` and `>` escaped are
// shown literally and ping no one. Every text Vigil did not build itself goes through here.

/** Text safe for a mrkdwn block or a message's `text`: `& < >` escaped. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// A Slack user id (U… or W…); anything else in a directory entry is not rendered as a mention.
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

/**
 * `<@U0BEN> ` for each person the message names as a mention: the only real mentions a
 * Vigil message contains, so a customer's text can never ping @channel or a user group.
 */
export function slackPings(message: OutboundMessage): string {
  return (message.mentions ?? [])
    .flatMap((m) => (m.ids.slack && USER_ID.test(m.ids.slack) ? [`<@${m.ids.slack}> `] : []))
    .join("");
}
