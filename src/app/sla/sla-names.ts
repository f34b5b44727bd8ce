import type { Mention } from "../../core/chat-types.js";
import type { Incident } from "../../core/incident/types.js";
import { slaCopy } from "../../core/messages/copy-sla.js";
import type { OncallRoster, StoreTx } from "../../ports/store.js";
import type { AppContext } from "../app-context.js";

/** People's names and who is on call, loaded once per tick (not once per nudge). */
export interface SlaNames {
  nameOf(personId: string): string;
  /** The person as a mention (their platform ids), for nudges that should notify them. */
  mentionOf(personId: string): Mention;
  /** Person ids on call now. */
  readonly oncall: readonly string[];
}

/** The roster set in chat, or the policy file's until someone sets one. */
export async function currentOncall(ctx: AppContext, tx: StoreTx): Promise<{ personIds: string[]; roster?: OncallRoster }> {
  const roster = await tx.roster.get();
  return roster ? { personIds: roster.personIds, roster } : { personIds: [...ctx.policy.oncall] };
}

/** Load names and the roster. */
export async function loadNames(ctx: AppContext, tx: StoreTx): Promise<SlaNames> {
  const people = new Map((await tx.directory.listPeople()).map((p) => [p.id, p]));
  const { personIds } = await currentOncall(ctx, tx);
  const nameOf = (id: string) => people.get(id)?.name ?? id;
  const mentionOf = (id: string): Mention => ({
    name: nameOf(id),
    ids: Object.fromEntries((people.get(id)?.identities ?? []).map((i) => [i.platform, i.externalId])),
  });
  return { nameOf, mentionOf, oncall: personIds };
}

/** The people a nudge or escalation notifies: the assignee, else whoever is on call. */
export function mentionsFor(names: SlaNames, incident: Incident): Mention[] {
  if (incident.assigneeId) return [names.mentionOf(incident.assigneeId)];
  return names.oncall.map((id) => names.mentionOf(id));
}

/** Who a nudge or escalation is for: the assignee, else whoever is on call. */
export function mention(names: SlaNames, incident: Incident): string {
  if (incident.assigneeId) return slaCopy.forAssignee(names.nameOf(incident.assigneeId));
  if (names.oncall.length > 0) return slaCopy.forOncall(names.oncall.map((id) => names.nameOf(id)).join(", "));
  return slaCopy.forNobody;
}
