import type { Severity } from "../../core/incident/types.js";
import type { ClockName, NudgeKind, NudgeRecord, Pause, SlaFacts } from "../../core/sla/sla-types.js";
import type { DeadlineTimer } from "../../ports/store.js";

// Rows per statement: a sweeper batch in one go, 8 values a row staying well under SQLite's
// 32,766 bound variables (and PostgreSQL's 65,535).
export const BATCH = 1000;

/** An incident timer's facts columns as raw SQL returns them (`SlaTimer`, non-null severity). */
export interface FactsRow {
  incidentId: number;
  severity: string;
  lastUpdateAt: Date | string;
  pauses: string | null;
  postmortemAt: Date | string | null;
  postmortem: string | null;
}

/** A `DeadlineTimer` row as raw SQL (or the model API) returns it. */
export interface TimerRow {
  id: number;
  key: string;
  incidentId: number | null;
  dueAt: Date | string;
  status: string;
  generation: number | bigint;
}

/** A `SlaNudge` row as raw SQL returns it. */
export interface NudgeRow {
  incidentId: number;
  clock: string;
  cycle: string;
  kind: string;
  repeat: number | bigint;
  dueAt: Date | string;
  at: Date | string;
  late: boolean | number;
}

// Raw queries return DATETIME columns as Date through the driver adapter, but a value read
// from an expression (RETURNING, aggregates) can arrive as the stored ISO text.
const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

/** Row → facts. */
export function toFacts(row: FactsRow): SlaFacts {
  const pauses = (JSON.parse(row.pauses ?? "[]") as { from: string; to?: string; reason: string }[]).map(
    (p): Pause => ({ from: new Date(p.from), ...(p.to ? { to: new Date(p.to) } : {}), reason: p.reason }),
  );
  return {
    incidentId: Number(row.incidentId),
    severity: row.severity as Severity,
    lastUpdateAt: asDate(row.lastUpdateAt),
    pauses,
    ...(row.postmortemAt ? { postmortemAt: asDate(row.postmortemAt) } : {}),
    ...(row.postmortem !== null ? { postmortem: row.postmortem } : {}),
  };
}

/** Facts → the columns of a row (without the key). */
export function factsColumns(facts: SlaFacts) {
  return {
    severity: facts.severity,
    lastUpdateAt: facts.lastUpdateAt,
    pauses: JSON.stringify(facts.pauses.map((p) => ({ from: p.from.toISOString(), ...(p.to ? { to: p.to.toISOString() } : {}), reason: p.reason }))),
    postmortemAt: facts.postmortemAt ?? null,
    postmortem: facts.postmortem ?? null,
  };
}

/** Row → timer. */
export function toTimer(row: TimerRow): DeadlineTimer {
  return {
    id: Number(row.id),
    key: row.key,
    ...(row.incidentId !== null ? { incidentId: Number(row.incidentId) } : {}),
    dueAt: asDate(row.dueAt),
    status: row.status as DeadlineTimer["status"],
    generation: Number(row.generation),
  };
}

/** Row → ledger entry. */
export function toNudge(row: NudgeRow): NudgeRecord {
  return {
    incidentId: Number(row.incidentId),
    clock: row.clock as ClockName,
    cycle: row.cycle,
    kind: row.kind as NudgeKind,
    repeat: Number(row.repeat),
    dueAt: asDate(row.dueAt),
    at: asDate(row.at),
    late: Boolean(row.late),
  };
}

/** Split a list into parts of at most `size` (empty lists give no parts). */
export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
