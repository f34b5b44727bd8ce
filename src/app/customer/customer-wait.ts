// The contact's answer to what the team asked with `/incident wait`: it goes on the timeline
// and in the thread, and the SLA engine's restore and resolve clocks run again.
import type { Person } from "../../core/incident/types.js";
import { ACTIVE_STATUSES } from "../../core/incident/transitions.js";
import { incidentKey, type Incident } from "../../core/incident/types.js";
import { customerCopy as say } from "../../core/messages/copy-customer.js";
import { CUSTOMER_TIMELINE } from "../../core/survey/customer-timeline.js";
import type { Reply } from "../../ports/chat.js";
import { ok } from "../incident/load-incident.js";
import { customerAnswered } from "../sla/waits.js";
import type { Run } from "../app-context.js";
import { appendEntry } from "../incident/change-incident.js";

// A contact has a handful of open incidents at most; this bounds the look-up.
const OPEN_LIMIT = 50;

/** The actor's own open incident that waits on them (the most recent wait), and since when. */
export async function incidentWaitingOn(run: Run<Person>): Promise<{ incident: Incident; since: Date } | undefined> {
  if (!run.actor.organisationId) return undefined;
  const open = await run.tx.incidents.list({ statuses: [...ACTIVE_STATUSES], organisationId: run.actor.organisationId, limit: OPEN_LIMIT });
  const mine = open.filter((i) => i.reporterId === run.actor.id);
  if (mine.length === 0) return undefined;
  let best: { incident: Incident; since: Date } | undefined;
  for (const facts of await run.tx.sla.findFacts(mine.map((i) => i.id))) {
    const pause = facts.pauses.at(-1);
    if (!pause || pause.to || (best && best.since >= pause.from)) continue;
    best = { incident: mine.find((i) => i.id === facts.incidentId)!, since: pause.from };
  }
  return best;
}

/** Record the contact's answer and end the wait. */
export async function receiveAnswer(run: Run<Person>, incident: Incident, text: string): Promise<Reply> {
  await appendEntry(run, incident, CUSTOMER_TIMELINE.customerAnswer, { text });
  await run.notify.thread(run.tx, incident, say.threadReason(run.actor.name, text), run.now);
  await customerAnswered(run, incident);
  return ok(say.answerThanks(incidentKey(incident.number)));
}
