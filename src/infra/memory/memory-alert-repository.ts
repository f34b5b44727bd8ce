import type { AlertFailure, AlertLink, AlertReceipt, AlertRepository, AlertSilence } from "../../ports/alert-store.js";

/** The alert tables in memory. */
export interface AlertMemoryState {
  links: Map<string, AlertLink>;
  receipts: AlertReceipt[];
  failures: AlertFailure[];
  silences: AlertSilence[];
  nextSilenceId: number;
}

export function emptyAlertState(): AlertMemoryState {
  return { links: new Map(), receipts: [], failures: [], silences: [], nextSilenceId: 1 };
}

/** Alert links, receipts, failures and silences in memory (same contract as Prisma). */
export class MemoryAlertRepository implements AlertRepository {
  constructor(private readonly state: () => AlertMemoryState) {}

  async findLink(key: string): Promise<AlertLink | undefined> {
    const link = this.state().links.get(key);
    return link && structuredClone(link);
  }

  async linksOf(incidentId: number): Promise<AlertLink[]> {
    return [...this.state().links.values()].filter((l) => l.incidentId === incidentId).map((l) => structuredClone(l));
  }

  async saveLink(link: AlertLink): Promise<void> {
    this.state().links.set(link.key, structuredClone(link));
  }

  async recordReceipts(receipts: AlertReceipt[]): Promise<void> {
    this.state().receipts.push(...receipts.map((r) => structuredClone(r)));
  }

  async recordFailure(failure: AlertFailure): Promise<boolean> {
    const s = this.state();
    if (s.failures.some((f) => f.incidentId === failure.incidentId && f.kind === failure.kind)) return false;
    s.failures.push(structuredClone(failure));
    return true;
  }

  async failuresOf(incidentIds: number[]): Promise<AlertFailure[]> {
    const ids = new Set(incidentIds);
    return this.state().failures.filter((f) => ids.has(f.incidentId)).map((f) => structuredClone(f));
  }

  async startSilence(silence: Omit<AlertSilence, "id">): Promise<AlertSilence> {
    const s = this.state();
    const stored = { ...structuredClone(silence), id: s.nextSilenceId++ };
    s.silences.push(stored);
    return structuredClone(stored);
  }

  async activeSilence(incidentId: number): Promise<AlertSilence | undefined> {
    const found = this.state().silences.find((x) => x.incidentId === incidentId && !x.endedAt);
    return found && structuredClone(found);
  }

  async endSilence(id: number, at: Date, reason: "handled" | "expired"): Promise<void> {
    const found = this.state().silences.find((x) => x.id === id);
    if (found && !found.endedAt) Object.assign(found, { endedAt: at, endReason: reason });
  }

  async silencesOf(incidentIds: number[]): Promise<AlertSilence[]> {
    const ids = new Set(incidentIds);
    return this.state().silences.filter((x) => ids.has(x.incidentId)).map((x) => structuredClone(x));
  }

  async totals(from: Date, to: Date): Promise<{ receivedByIncident: Map<number, number>; incidentIds: number[] }> {
    const inRange = this.state().receipts.filter((r) => r.at >= from && r.at < to);
    const receivedByIncident = new Map<number, number>();
    for (const r of inRange) receivedByIncident.set(r.incidentId, (receivedByIncident.get(r.incidentId) ?? 0) + r.count);
    return { receivedByIncident, incidentIds: [...new Set(inRange.filter((r) => r.opened).map((r) => r.incidentId))].sort((a, b) => a - b) };
  }
}
