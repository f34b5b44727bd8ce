import type { InboundEvent } from "../chat-types.js";
import { normaliseInput } from "./normalise-input.js";

/**
 * The event with every string a person or platform supplied normalised (see
 * normaliseInput): text, display name, ids and button data. Applied once, at the inbound
 * boundary, before anything is parsed, stored or echoed.
 */
export function normaliseEvent(event: InboundEvent): InboundEvent {
  const actor = { ...event.actor, userId: normaliseInput(event.actor.userId), displayName: normaliseInput(event.actor.displayName) };
  const at = { ...event.at, channelId: normaliseInput(event.at.channelId) };
  const eventId = normaliseInput(event.eventId);
  if (event.kind === "action") return { ...event, eventId, actor, at, actionId: normaliseInput(event.actionId) };
  return { ...event, eventId, actor, at, text: normaliseInput(event.text) };
}
