import type { Incident } from "../../core/incident/types.js";
import type { Run } from "../app-context.js";

/** Store a changed incident (version-checked) and refresh its cards. */
export async function saveIncident(run: Run, next: Incident): Promise<Incident> {
  const stored = await run.tx.incidents.update({ ...next, updatedAt: run.now });
  await run.notify.card(run.tx, stored, run.now);
  return stored;
}
