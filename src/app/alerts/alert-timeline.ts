import type { Incident } from "../../core/incident/types.js";
import type { CommandRun } from "../commands/command-run.js";

/**
 * A timeline row about the alert (repeat, resolved, graded failure, silence). These rows are
 * not public updates nor status or severity changes, so the SLA engine has nothing to re-arm
 * for them (unlike `record`), which also keeps a storm of repeats cheap.
 */
export async function recordFromAlert(run: CommandRun, incident: Incident, kind: string, details: Record<string, unknown>): Promise<void> {
  await run.tx.timeline.append({ incidentId: incident.id, at: run.now, kind, actorId: run.actor.id, platform: "system", details });
}
