import type { Incident } from "../../core/incident/types.js";
import { alertCopy } from "../../core/messages/copy-alerts.js";
import type { StoreTx } from "../../ports/store.js";

/** The card line of an alert-born incident: firing or resolved, how often, the last value. */
export async function alertCardFields(tx: StoreTx, incident: Incident): Promise<{ label: string; value: string }[]> {
  const links = await tx.alerts.linksOf(incident.id);
  if (!links.length) return [];
  const latest = links.reduce((a, b) => (b.lastAt > a.lastAt ? b : a));
  const fired = links.reduce((n, l) => n + l.fired, 0);
  return [{ label: alertCopy.cardField, value: alertCopy.cardValue(fired, latest.status, latest.lastValue) }];
}
