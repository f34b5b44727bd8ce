import type { Address } from "../chat-types.js";
import type { Policy } from "../policy.js";

/**
 * The organisation a place in chat belongs to: the one whose incident channel on that
 * platform it is — a card's thread lives in that channel, so it counts too (adapters give a
 * thread's parent as `channelId`). Undefined for a DM, the duty-lead channel, or anywhere
 * else no organisation claims.
 */
export function orgForPlace(policy: Pick<Policy, "organisations">, at: Pick<Address, "platform" | "channelId">): string | undefined {
  return policy.organisations.find((o) => o.channels[at.platform] === at.channelId)?.id;
}

/** Most organisations offered as buttons at once (Slack and Discord both cap a message at 25). */
export const MAX_ORGANISATION_BUTTONS = 25;
