import type { Policy } from "../../core/policy.js";
import type { Address, Platform } from "../../ports/chat.js";

/** The channels where an organisation's incident cards live, on live platforms only. */
export function cardChannels(policy: Policy, platforms: readonly Platform[], organisationId: string): Address[] {
  const org = policy.organisations.find((o) => o.id === organisationId);
  if (!org) return [];
  return platforms.flatMap((platform) => {
    const channelId = org.channels[platform];
    return channelId ? [{ platform, channelId }] : [];
  });
}

/** The duty lead's alert channels, on live platforms only. */
export function dutyLeadChannels(policy: Policy, platforms: readonly Platform[]): Address[] {
  return platforms.flatMap((platform) => {
    const channelId = policy.dutyLeadChannels[platform];
    return channelId ? [{ platform, channelId }] : [];
  });
}
