import type { Incident } from "../../core/incident/types.js";
import { clockViews, initialFacts, type ClockView } from "../../core/sla/clocks.js";
import type { NudgeRecord, SlaFacts } from "../../core/sla/sla-types.js";
import { dueNudges, nextDueAt, type DueNudge } from "../../core/sla/thresholds.js";
import type { DeadlineTimer, TimerRearm } from "../../ports/store.js";
import { addNudge, escalateForBreach, type SweepBatch } from "./nudge-effects.js";
import { loadNames } from "./sla-names.js";
import type { Run } from "../app-context.js";

/** A threshold passed longer ago than this is reported as late (the bot was not ticking then). */
export const DEFAULT_LATE_AFTER_MS = 120_000;

/** One incident with what is due on it. */
interface Planned {
  timer?: DeadlineTimer;
  incident: Incident;
  facts: SlaFacts;
  fired: NudgeRecord[];
  due: DueNudge[];
  /** The clocks `due` was computed from, while the incident and facts are unchanged. */
  views?: ClockView[];
}

const nudgeKey = (n: Pick<NudgeRecord, "incidentId" | "clock" | "cycle" | "kind" | "repeat">) => `${n.incidentId}|${n.clock}|${n.cycle}|${n.kind}|${n.repeat}`;

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

function toRecord(incident: Incident, due: DueNudge, now: Date): NudgeRecord {
  const { name, cycle } = due.clock;
  return { incidentId: incident.id, clock: name, cycle, kind: due.kind, repeat: due.repeat, dueAt: due.dueAt, at: now, late: due.late };
}

/** Send an incident's nudges the ledger accepted and escalate on breaches; returns its state after. */
async function sendDue(run: Run, batch: SweepBatch, p: Planned, recorded: Set<string>): Promise<Planned> {
  let { incident, facts } = p;
  const sent: NudgeRecord[] = [];
  for (const due of p.due) {
    const record = toRecord(p.incident, due, run.now);
    if (!recorded.has(nudgeKey(record))) continue;
    sent.push(record);
    addNudge(run, batch, incident, due);
    if (due.kind === "breach") ({ incident, facts } = await escalateForBreach(run, batch, incident, facts, due));
  }
  if (facts !== p.facts) await run.tx.sla.saveFacts(facts);
  const changed = incident !== p.incident || facts !== p.facts;
  return { ...p, incident, facts, fired: [...p.fired, ...sent], due: [], views: changed ? undefined : p.views };
}

async function flush(run: Run, batch: SweepBatch): Promise<void> {
  if (batch.effects.timeline.length) await run.tx.timeline.appendMany(batch.effects.timeline.splice(0));
  if (batch.effects.outbox.length) await run.tx.outbox.enqueueMany(batch.effects.outbox.splice(0));
}

/** Record the planned nudges in the ledger (one statement) and act on those it accepted. */
async function fire(run: Run, batch: SweepBatch, planned: Planned[]): Promise<Planned[]> {
  const candidates = planned.flatMap((p) => p.due.map((d) => toRecord(p.incident, d, run.now)));
  const recorded = new Set((candidates.length ? await run.tx.sla.recordNudges(candidates) : []).map(nudgeKey));
  const after: Planned[] = [];
  for (const p of planned) after.push(await sendDue(run, batch, p, recorded));
  await flush(run, batch);
  return after;
}

/** Load a batch's incidents, facts and ledger in three queries and find what is due. */
async function plan(run: Run, batch: SweepBatch, timers: DeadlineTimer[], lateAfterMs: number, rearms: TimerRearm[]): Promise<Planned[]> {
  const ids = timers.map((t) => t.incidentId!);
  const incidents = new Map((await run.tx.incidents.findByIds(ids)).map((i) => [i.id, i]));
  const facts = new Map((await run.tx.sla.findFacts(ids)).map((f) => [f.incidentId, f]));
  const ledger = groupBy(await run.tx.sla.listNudges({ incidentIds: ids }), (n) => n.incidentId);
  const planned: Planned[] = [];
  for (const timer of timers) {
    const incident = incidents.get(timer.incidentId!);
    if (!incident) {
      rearms.push({ ...timer, dueAt: undefined });
      continue;
    }
    const f = facts.get(incident.id) ?? initialFacts(incident);
    const fired = ledger.get(incident.id) ?? [];
    const views = clockViews(run.ctx.policy.sla, incident, f, run.now);
    planned.push({ timer, incident, facts: f, fired, due: dueNudges(views, fired, run.ctx.policy.sla, run.now, lateAfterMs), views });
  }
  return planned;
}

/**
 * Act on a batch of claimed incident timers inside the caller's transaction. The ledger is
 * written first and only nudges it accepted go out, so nothing is ever sent twice; then the
 * batch's timeline entries and outbox rows go in as two statements, and every timer is
 * re-armed at its next threshold (generation + 1).
 */
export async function sweepIncidents(run: Run, batch: SweepBatch, timers: DeadlineTimer[], lateAfterMs: number): Promise<void> {
  const rearms: TimerRearm[] = [];
  for (const p of await fire(run, batch, await plan(run, batch, timers, lateAfterMs, rearms))) {
    const views = p.views ?? clockViews(run.ctx.policy.sla, p.incident, p.facts, run.now);
    rearms.push({ ...p.timer!, dueAt: nextDueAt(views, p.fired, run.ctx.policy.sla, run.now) });
  }
  await run.tx.deadlines.rearm(rearms, run.now);
}

/**
 * Before a change moves an incident's clocks, send whatever was already due on it (late if
 * the sweeper was not running), exactly as a tick at this instant would. Otherwise a public
 * update could restart the update clock over a breach nobody recorded.
 */
export async function settleIncident(run: Run, incident: Incident, facts: SlaFacts, fired: NudgeRecord[]) {
  const { sla } = run.ctx.policy;
  const due = dueNudges(clockViews(sla, incident, facts, run.now), fired, sla, run.now, DEFAULT_LATE_AFTER_MS);
  if (due.length === 0) return { incident, facts, fired };
  const batch: SweepBatch = { names: await loadNames(run.ctx, run.tx), effects: { timeline: [], outbox: [], nudges: 0, escalations: 0, sent: [] } };
  const [after] = await fire(run, batch, [{ incident, facts, fired, due }]);
  return { incident: after.incident, facts: after.facts, fired: after.fired };
}
