import type { App } from "@slack/bolt";
import type { Address } from "../../src/ports/chat.js";
import type { Logger } from "../../src/ports/logger.js";

/** The metadata event type that carries an outbox row's key on every message Vigil posts. */
export const OUTBOX_EVENT_TYPE = "vigil_outbox_row";

// A re-send follows its lost attempt within minutes, so the newest messages are enough.
const HISTORY_LIMIT = 100;

/** Metadata naming the outbox row a message carries. */
export function outboxMetadata(key: string): { event_type: string; event_payload: { row: string } } {
  return { event_type: OUTBOX_EVENT_TYPE, event_payload: { row: key } };
}

/**
 * The ts of a message already posted for outbox row `key` in the channel (or the thread), or
 * undefined. Slack has no idempotency key for chat.postMessage, so before posting again a row
 * that may already have gone out, Vigil reads recent history (channels:history,
 * groups:history, im:history) for its metadata. A failed lookup answers undefined: posting
 * twice beats not posting.
 */
export async function findPosted(client: App["client"], to: Address, key: string, log: Logger): Promise<string | undefined> {
  try {
    const page = to.threadId
      ? await client.conversations.replies({ channel: to.channelId, ts: to.threadId, include_all_metadata: true, limit: HISTORY_LIMIT })
      : await client.conversations.history({ channel: to.channelId, include_all_metadata: true, limit: HISTORY_LIMIT });
    const hit = page.messages?.find((m) => m.metadata?.event_type === OUTBOX_EVENT_TYPE && (m.metadata.event_payload as { row?: unknown } | undefined)?.row === key);
    return hit?.ts;
  } catch (error) {
    log.warn({ err: error, channel: to.channelId, key }, "slack: could not look for an earlier copy; posting again");
    return undefined;
  }
}
