import { ACTIVE_STATUSES } from "../../core/incident/transitions.js";
import { incidentKey, SEVERITIES, type Severity } from "../../core/incident/types.js";
import { digestMessage, type DigestContent } from "../../core/messages/sla-messages.js";
import { clockViews, initialFacts } from "../../core/sla/clocks.js";
import { addIsoDays } from "../../core/sla/iso-date.js";
import { dayBounds, localDay, nextLocalTime } from "../../core/sla/local-time.js";
import { clockRisks, holidayGaps } from "../../core/sla/risk.js";
import type { DeadlineTimer, Store } from "../../ports/store.js";
import type { AppContext, Run } from "../app-context.js";

/** The timer row of the daily digest (one per database, so one digest across processes). */
export const DIGEST_KEY = "digest";

// The digest looks at this many active incidents at most; a team with more has bigger problems.
const SCAN = 2000;

/**
 * Make sure the digest timer exists and follows the configured time. A pending timer at the
 * configured time is kept even if it is in the past, so a digest missed while down is sent.
 */
export async function ensureDigestTimer(ctx: AppContext, store: Store): Promise<void> {
  const now = ctx.clock.now();
  const { timezone } = ctx.policy;
  const minutes = ctx.policy.sla.digestAtMinutes;
  await store.transaction(async (tx) => {
    const timer = await tx.deadlines.find(DIGEST_KEY);
    const onTime = timer && nextLocalTime(timezone, new Date(timer.dueAt.getTime() - 1), minutes).getTime() === timer.dueAt.getTime();
    if (timer?.status === "pending" && onTime) return;
    await tx.deadlines.arm(DIGEST_KEY, undefined, nextLocalTime(timezone, now, minutes), now);
  });
}

async function atRisk(run: Run): Promise<Pick<DigestContent, "openBySeverity" | "atRisk">> {
  const incidents = await run.tx.incidents.list({ statuses: [...ACTIVE_STATUSES], limit: SCAN });
  const facts = new Map((await run.tx.sla.findFacts(incidents.map((i) => i.id))).map((f) => [f.incidentId, f]));
  const openBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const risks: DigestContent["atRisk"] = [];
  for (const incident of [...incidents].reverse()) {
    openBySeverity[incident.severity]++;
    const views = clockViews(run.ctx.policy.sla, incident, facts.get(incident.id) ?? initialFacts(incident), run.now);
    for (const risk of clockRisks(views)) risks.push({ key: incidentKey(incident.number), severity: incident.severity, risk });
  }
  return { openBySeverity, atRisk: risks };
}

async function yesterdaysBreaches(run: Run, today: string): Promise<DigestContent["breaches"]> {
  const { from, to } = dayBounds(run.ctx.policy.timezone, addIsoDays(today, -1));
  // A breach that happened yesterday was sent yesterday or later (late, after a restart): the
  // indexed `at` bound narrows the scan, the breach's own time decides.
  const sent = await run.tx.sla.listNudges({ kinds: ["breach"], from });
  const breaches = sent.filter((b) => b.dueAt >= from && b.dueAt < to);
  const numbers = new Map((await run.tx.incidents.findByIds([...new Set(breaches.map((b) => b.incidentId))])).map((i) => [i.id, i.number]));
  return breaches.map((b) => ({ key: incidentKey(numbers.get(b.incidentId) ?? 0), clock: b.clock }));
}

/** Post the digest to the duty-lead channels and arm the next one, in the sweep's transaction. */
export async function sendDigest(run: Run, timer: DeadlineTimer, lateAfterMs: number): Promise<void> {
  const { timezone, sla } = run.ctx.policy;
  const today = localDay(timezone, run.now);
  const content: DigestContent = {
    date: today,
    late: run.now.getTime() - timer.dueAt.getTime() > lateAfterMs,
    ...(await atRisk(run)),
    breaches: await yesterdaysBreaches(run, today),
    holidayGaps: holidayGaps(sla.calendars, Number(today.slice(0, 4))),
  };
  await run.notify.dutyLeadPost(run.tx, digestMessage(content), run.now);
  await run.tx.deadlines.rearm([{ ...timer, dueAt: nextLocalTime(timezone, run.now, sla.digestAtMinutes) }], run.now);
}
