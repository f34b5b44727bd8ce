import { routeAlert } from "../../core/alerts/alert-routing.js";
import type { AlertSignal, AlertTarget } from "../../core/alerts/alert-types.js";
import { ALERT_TIMELINE } from "../../core/incident/timeline-kinds.js";
import { ACTIVE_STATUSES } from "../../core/incident/transitions.js";
import { incidentKey, type Incident, type Person } from "../../core/incident/types.js";
import { alertCopy } from "../../core/messages/copy-alerts.js";
import { organisationName } from "../../core/policy.js";
import type { AlertLink, AlertReceipt } from "../../ports/alert-store.js";
import type { AppContext } from "../app-context.js";
import type { Run } from "../app-context.js";
import type { Notifier } from "../incident/notifier.js";
import { alertRun, moveFromAlert, openFromAlert } from "./alert-run.js";
import { appendEntry } from "../incident/change-incident.js";
import { noteRepeat } from "./handling-rules.js";
import { armHandlingTimer } from "./handling-timer.js";

/** What happened to one signal. */
export interface SignalOutcome {
  key: string;
  /** INC number, absent when a `resolved` arrived for an alert Vigil never saw firing. */
  incident?: number;
  outcome: "opened" | "added" | "reopened" | "resolved" | "ignored";
}

/**
 * Turns accepted alert signals into incident changes, all signals of one request in one
 * transaction: a new dedup key opens an incident where its route sends it, a known key adds
 * to its incident ("fired ×N"), `resolved` adds a timeline line and may mitigate, and firing
 * after a person resolved follows the route (reopen or a new incident).
 */
export class AlertIntake {
  constructor(
    private readonly ctx: AppContext,
    private readonly notify: Notifier,
    private readonly afterCommit: () => void,
  ) {}

  /** Apply the signals of one request; resolves once they are committed. */
  async receive(signals: AlertSignal[]): Promise<SignalOutcome[]> {
    const now = this.ctx.clock.now();
    const outcomes = await this.ctx.store.transaction(async (tx) => {
      const out: SignalOutcome[] = [];
      const receipts: AlertReceipt[] = [];
      const touched = new Map<number, Run<Person>>();
      for (const signal of signals) {
        const run = alertRun(this.ctx, tx, this.notify, signal.sender, now);
        const result = await this.apply(run, signal);
        out.push(result.outcome);
        if (result.incident) {
          receipts.push({ at: now, source: signal.source, key: signal.key, status: signal.status, count: signal.alerts, incidentId: result.incident.id, opened: result.outcome.outcome === "opened" });
          touched.set(result.incident.id, run);
        }
      }
      await tx.alerts.recordReceipts(receipts);
      // One card refresh per incident per request, however many of its alerts came in.
      for (const [id, run] of touched) {
        const incident = await tx.incidents.findById(id);
        if (incident) await this.notify.card(tx, incident, now);
      }
      return out;
    });
    this.afterCommit();
    return outcomes;
  }

  private async apply(run: Run<Person>, signal: AlertSignal): Promise<{ outcome: SignalOutcome; incident?: Incident }> {
    const link = await run.tx.alerts.findLink(signal.key);
    const current = link ? await run.tx.incidents.findById(link.incidentId) : undefined;
    const target = routeAlert(this.ctx.policy.alerts!, signal, this.ctx.policy.organisations.map((o) => o.id));
    if (signal.status === "resolved") return this.resolved(run, signal, target, link, current);
    if (!link || !current || (!isActive(current) && target.afterResolve === "new")) return this.opened(run, signal, target);
    if (!isActive(current)) {
      await moveFromAlert(run, current, "reopen", signal.sender);
      const reopened = await this.added(run, signal, link, (await run.tx.incidents.findById(current.id))!);
      return { outcome: { key: signal.key, incident: current.number, outcome: "reopened" }, incident: reopened };
    }
    const incident = await this.added(run, signal, link, current);
    return { outcome: { key: signal.key, incident: current.number, outcome: "added" }, incident };
  }

  private async opened(run: Run<Person>, signal: AlertSignal, target: AlertTarget): Promise<{ outcome: SignalOutcome; incident: Incident }> {
    const link = (incidentId: number): AlertLink => ({ key: signal.key, source: signal.source, incidentId, fired: signal.alerts, status: "firing", summary: signal.summary, ...(signal.value ? { lastValue: signal.value } : {}), firstAt: run.now, lastAt: run.now });
    const incident = await openFromAlert(run, signal, target, (created) => run.tx.alerts.saveLink(link(created.id)));
    if (target.unrouted) {
      const key = incidentKey(incident.number);
      await appendEntry(run, incident, ALERT_TIMELINE.unrouted, { key: signal.key });
      await this.notify.dutyLead(run.tx, incident, alertCopy.dutyUnrouted(key, signal.summary, organisationName(this.ctx.policy, incident.organisationId)), run.now);
    }
    await armHandlingTimer(run, incident);
    return { outcome: { key: signal.key, incident: incident.number, outcome: "opened" }, incident };
  }

  private async added(run: Run<Person>, signal: AlertSignal, link: AlertLink, incident: Incident): Promise<Incident> {
    const fired = link.fired + signal.alerts;
    const next: AlertLink = { ...link, incidentId: incident.id, fired, status: "firing", summary: signal.summary, ...(signal.value ? { lastValue: signal.value } : {}), lastAt: run.now };
    await appendEntry(run, incident, ALERT_TIMELINE.firedAgain, { key: signal.key, fired, ...(signal.value ? { value: signal.value } : {}) });
    const notifiedAt = await noteRepeat(run, incident, next, fired);
    await run.tx.alerts.saveLink(notifiedAt ? { ...next, notifiedAt } : next);
    return incident;
  }

  private async resolved(run: Run<Person>, signal: AlertSignal, target: AlertTarget, link?: AlertLink, incident?: Incident): Promise<{ outcome: SignalOutcome; incident?: Incident }> {
    if (!link || !incident) return { outcome: { key: signal.key, outcome: "ignored" } };
    const key = incidentKey(incident.number);
    await run.tx.alerts.saveLink({ ...link, status: "resolved", ...(signal.value ? { lastValue: signal.value } : {}), lastAt: run.now });
    if (!isActive(incident) || link.status === "resolved") return { outcome: { key: signal.key, incident: incident.number, outcome: "resolved" }, incident };
    const mitigate = target.autoMitigate && (incident.status === "open" || incident.status === "acknowledged");
    await appendEntry(run, incident, ALERT_TIMELINE.resolved, { key: signal.key, mitigate });
    await this.notify.thread(run.tx, incident, alertCopy.resolvedLine(key, signal.sender, mitigate), run.now);
    if (mitigate) await moveFromAlert(run, incident, "mitigate", signal.sender);
    return { outcome: { key: signal.key, incident: incident.number, outcome: "resolved" }, incident };
  }
}

function isActive(incident: Incident): boolean {
  return ACTIVE_STATUSES.includes(incident.status);
}
