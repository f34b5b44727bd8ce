import { ACTIVE_STATUSES } from "../core/incident/transitions.js";
import { incidentKey } from "../core/incident/types.js";
import { copy } from "../core/messages/copy.js";
import type { Actor } from "../ports/chat.js";
import type { Store } from "../ports/store.js";

const MAX_SUGGESTIONS = 25;

/**
 * Open incidents `actor` may see whose number or title matches `prefix`, for platforms that
 * autocomplete incident keys (Discord). Contacts only ever see their own organisation's.
 */
export async function suggestIncidents(store: Store, actor: Actor, prefix: string): Promise<{ key: string; label: string }[]> {
  const person = await store.directory.findByIdentity(actor.platform, actor.userId);
  if (!person) return [];
  const incidents = await store.incidents.list({
    statuses: [...ACTIVE_STATUSES],
    organisationId: person.role === "contact" ? person.organisationId : undefined,
    limit: 100,
  });
  const needle = prefix.trim().toLowerCase().replace(/^inc-?/, "");
  return incidents
    .filter((i) => !needle || String(i.number).startsWith(needle) || i.title.toLowerCase().includes(needle))
    .slice(0, MAX_SUGGESTIONS)
    .map((i) => ({ key: incidentKey(i.number), label: copy.cardTitle(incidentKey(i.number), i.severity, i.title) }));
}
