import type { Incident } from "../../core/incident/types.js";
import { clockViews, initialFacts, type ClockView } from "../../core/sla/clocks.js";
import type { NudgeRecord, SlaFacts } from "../../core/sla/sla-types.js";
import { dueNudges, nextDueAt, type DueNudge } from "../../core/sla/thresholds.js";
import type { SlaTimer, StoreTx, TimerRearm } from "../../ports/store.js";
import type { AppContext } from "../app-context.js";
import type { Notifier } from "../notifier.js";
import { addNudge, escalateForBreach, type SweepEnv } from "./nudge-effects.js";
import { loadNames } from "./sla-names.js";

/** A threshold passed longer ago than this is reported as late (the bot was not ticking then). */
export const DEFAULT_LATE_AFTER_MS = 120_000;

/** One incident with what is due on it. */
interface Planned {
  timer?: SlaTimer;
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
async function act(env: SweepEnv, p: Planned, recorded: Set<string>): Promise<Planned> {
  let { incident, facts } = p;
  const sent: NudgeRecord[] = [];
  for (const due of p.due) {
    const record = toRecord(p.incident, due, env.now);
    if (!recorded.has(nudgeKey(record))) continue;
    sent.push(record);
    addNudge(env, incident, due);
    if (due.kind === "breach") ({ incident, facts } = await escalateForBreach(env, incident, facts, due));
  }
  if (facts !== p.facts) await env.tx.sla.saveFacts(facts);
  const changed = incident !== p.incident || facts !== p.facts;
  return { ...p, incident, facts, fired: [...p.fired, ...sent], due: [], views: changed ? undefined : p.views };
}

async function flush(env: SweepEnv): Promise<void> {
  if (env.effects.timeline.length) await env.tx.timeline.appendMany(env.effects.timeline.splice(0));
  if (env.effects.outbox.length) await env.tx.outbox.enqueueMany(env.effects.outbox.splice(0));
}

/** Record the planned nudges in the ledger (one statement) and act on those it accepted. */
async function fire(env: SweepEnv, planned: Planned[]): Promise<Planned[]> {
  const candidates = planned.flatMap((p) => p.due.map((d) => toRecord(p.incident, d, env.now)));
  const recorded = new Set((candidates.length ? await env.tx.sla.recordNudges(candidates) : []).map(nudgeKey));
  const after: Planned[] = [];
  for (const p of planned) after.push(await act(env, p, recorded));
  await flush(env);
  return after;
}

/** Load a batch's incidents, facts and ledger in three queries and find what is due. */
async function plan(env: SweepEnv, timers: SlaTimer[], lateAfterMs: number, rearms: TimerRearm[]): Promise<Planned[]> {
  const ids = timers.map((t) => t.incidentId!);
  const incidents = new Map((await env.tx.incidents.findByIds(ids)).map((i) => [i.id, i]));
  const facts = new Map((await env.tx.sla.findFacts(ids)).map((f) => [f.incidentId, f]));
  const ledger = groupBy(await env.tx.sla.listNudges({ incidentIds: ids }), (n) => n.incidentId);
  const planned: Planned[] = [];
  for (const timer of timers) {
    const incident = incidents.get(timer.incidentId!);
    if (!incident) {
      rearms.push({ ...timer, dueAt: undefined });
      continue;
    }
    const f = facts.get(incident.id) ?? initialFacts(incident);
    const fired = ledger.get(incident.id) ?? [];
    const views = clockViews(env.ctx.policy.sla, incident, f, env.now);
    planned.push({ timer, incident, facts: f, fired, due: dueNudges(views, fired, env.ctx.policy.sla, env.now, lateAfterMs), views });
  }
  return planned;
}

/**
 * Act on a batch of claimed incident timers inside the caller's transaction. The ledger is
 * written first and only nudges it accepted go out, so nothing is ever sent twice; then the
 * batch's timeline entries and outbox rows go in as two statements, and every timer is
 * re-armed at its next threshold (generation + 1).
 */
export async function sweepIncidents(env: SweepEnv, timers: SlaTimer[], lateAfterMs: number): Promise<void> {
  const rearms: TimerRearm[] = [];
  for (const p of await fire(env, await plan(env, timers, lateAfterMs, rearms))) {
    const views = p.views ?? clockViews(env.ctx.policy.sla, p.incident, p.facts, env.now);
    rearms.push({ ...p.timer!, dueAt: nextDueAt(views, p.fired, env.ctx.policy.sla, env.now) });
  }
  await env.tx.sla.rearm(rearms, env.now);
}

/** What a command's transaction offers the SLA engine. */
export interface SlaRun {
  ctx: AppContext;
  tx: StoreTx;
  notify: Notifier;
  now: Date;
}

/**
 * Before a change moves an incident's clocks, send whatever was already due on it (late if
 * the sweeper was not running), exactly as a tick at this instant would. Otherwise a public
 * update could restart the update clock over a breach nobody recorded.
 */
export async function settleIncident(run: SlaRun, incident: Incident, facts: SlaFacts, fired: NudgeRecord[]) {
  const { sla } = run.ctx.policy;
  const due = dueNudges(clockViews(sla, incident, facts, run.now), fired, sla, run.now, DEFAULT_LATE_AFTER_MS);
  if (due.length === 0) return { incident, facts, fired };
  const env: SweepEnv = { ...run, names: await loadNames(run.ctx, run.tx), effects: { timeline: [], outbox: [], nudges: 0, escalations: 0, sent: [] } };
  const [after] = await fire(env, [{ incident, facts, fired, due }]);
  return { incident: after.incident, facts: after.facts, fired: after.fired };
}
