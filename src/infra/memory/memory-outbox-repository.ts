import type { MessageRef, OutboundMessage, Platform } from "../../ports/chat.js";
import type { DispatcherInstance, NewOutboxRow, OutboxRepository, OutboxRow } from "../../ports/store.js";
import type { MemoryState } from "./memory-state.js";

const copyOf = <T>(value: T): T => structuredClone(value);
// A row as the store's callers see it: the lease's end stays inside the store, as in SQL.
const visible = ({ leaseUntil: _, ...row }: MemoryState["outbox"][number]): OutboxRow => copyOf(row);

/** The outbox in memory, with the same head-of-channel claiming as the SQL one. */
export class MemoryOutboxRepository implements OutboxRepository {
  constructor(private readonly s: () => MemoryState) {}

  async enqueue(row: NewOutboxRow): Promise<OutboxRow> {
    const waiting = row.kind === "card" ? this.unclaimedCard(row) : undefined;
    if (waiting) {
      waiting.message = copyOf(row.message);
      return copyOf(waiting);
    }
    const stored = { ...copyOf(row), id: this.s().nextId.outbox++, status: "pending" as const, attempts: 0, nextAttemptAt: row.createdAt };
    this.s().outbox.push(stored);
    return copyOf(stored);
  }

  // The SQL store's rule: the newest pending card row of the incident in the channel, never claimed.
  private unclaimedCard(row: NewOutboxRow): MemoryState["outbox"][number] | undefined {
    const cards = this.s().outbox.filter(
      (r) => r.status === "pending" && r.kind === "card" && r.incidentId === row.incidentId && r.platform === row.platform && r.channelId === row.channelId,
    );
    const newest = cards[cards.length - 1];
    return newest && newest.attempts === 0 && !newest.leaseOwner && !newest.leaseUntil ? newest : undefined;
  }

  async enqueueMany(rows: NewOutboxRow[]): Promise<void> {
    for (const row of rows) await this.enqueue(row);
  }

  // Written at once: in memory nothing is saved by batching, and the order is the same.
  async enqueueLater(row: NewOutboxRow): Promise<void> {
    await this.enqueue(row);
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number, quotas: Partial<Record<Platform, number>> = {}, owner?: string): Promise<OutboxRow[]> {
    const heads = new Map<string, MemoryState["outbox"][number]>();
    for (const row of this.s().outbox) {
      const channel = `${row.platform}\u0000${row.channelId}`;
      if (row.status === "pending" && !heads.has(channel)) heads.set(channel, row);
    }
    const taken = new Map<Platform, number>();
    const due: MemoryState["outbox"] = [];
    for (const row of heads.values()) {
      if (due.length >= limit) break;
      if (row.nextAttemptAt > now || (row.leaseUntil && row.leaseUntil > now)) continue;
      const count = taken.get(row.platform) ?? 0;
      const quota = quotas[row.platform];
      if (quota !== undefined && count >= quota) continue;
      taken.set(row.platform, count + 1);
      due.push(row);
    }
    const claimed = due.map(visible);
    for (const row of due) Object.assign(row, { leaseUntil, leaseOwner: owner });
    return claimed;
  }

  async hasNewerCard(row: OutboxRow): Promise<boolean> {
    if (row.kind !== "card" || row.incidentId === undefined) return false;
    return this.s().outbox.some(
      (r) => r.status === "pending" && r.kind === "card" && r.incidentId === row.incidentId && r.platform === row.platform && r.channelId === row.channelId && r.id > row.id,
    );
  }

  async findSentByKey(platform: Platform, channelId: string, messageKey: string): Promise<MessageRef | undefined> {
    const sent = this.s().outbox.filter((r) => r.status === "sent" && r.messageKey === messageKey && r.platform === platform && r.channelId === channelId && r.messageId);
    const last = sent[sent.length - 1];
    return last && { platform, channelId, messageId: last.messageId! };
  }

  async lastSentAt(platform: Platform, channelId: string, count: number): Promise<Date[]> {
    const sent = this.s().outbox.filter((r) => r.status === "sent" && r.platform === platform && r.channelId === channelId && r.sentAt);
    return sent.slice(-count).reverse().map((r) => new Date(r.sentAt!));
  }

  async complete(id: number, status: "sent" | "superseded", at: Date, messageId?: string) {
    Object.assign(this.row(id), { status, sentAt: at, messageId, leaseUntil: undefined, leaseOwner: undefined });
  }

  async retryLater(id: number, nextAttemptAt: Date, error: string | undefined, countAttempt: boolean, failingSince?: Date, previousOwner?: string) {
    const row = this.row(id);
    Object.assign(row, { nextAttemptAt, leaseUntil: undefined, leaseOwner: previousOwner, attempts: row.attempts + (countAttempt ? 1 : 0) });
    if (failingSince) row.failingSince = failingSince;
    if (error !== undefined) row.lastError = error;
  }

  async retryFailingNow(platform: Platform, now: Date, limit?: number): Promise<number> {
    const backingOff = this.s()
      .outbox.filter((r) => r.platform === platform && r.status === "pending" && r.failingSince && r.nextAttemptAt > now)
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime())
      .slice(0, limit);
    for (const row of backingOff) row.nextAttemptAt = now;
    return backingOff.length;
  }

  async fail(id: number, error: string) {
    const row = this.row(id);
    Object.assign(row, { status: "failed", lastError: error, leaseUntil: undefined, leaseOwner: undefined, attempts: row.attempts + 1 });
  }

  async listFailed() {
    return (await this.list()).filter((r) => r.status === "failed");
  }

  async replay(ids: number[] | "all", now: Date): Promise<number> {
    const rows = this.s().outbox.filter((r) => r.status === "failed" && (ids === "all" || ids.includes(r.id)));
    for (const row of rows) Object.assign(row, { status: "pending", attempts: 0, failingSince: undefined, nextAttemptAt: now, leaseUntil: undefined, leaseOwner: undefined });
    return rows.length;
  }

  async queuedAfter(row: OutboxRow, limit: number): Promise<OutboxRow[]> {
    return this.s()
      .outbox.filter((r) => r.status === "pending" && r.platform === row.platform && r.channelId === row.channelId && r.id > row.id)
      .slice(0, limit)
      .map(visible);
  }

  async rewrite(id: number, message: OutboundMessage): Promise<void> {
    // Only a row still waiting, as the SQL store's UPDATE … WHERE "status" = 'pending'.
    const row = this.s().outbox.find((r) => r.id === id && r.status === "pending");
    if (row) row.message = copyOf(message);
  }

  async latestCard(incidentId: number, platform: Platform, channelId: string) {
    const cards = this.s().outbox.filter((r) => r.kind === "card" && r.incidentId === incidentId && r.platform === platform && r.channelId === channelId);
    const last = cards[cards.length - 1];
    return last && visible(last);
  }

  async registerInstance(instance: DispatcherInstance) {
    this.s().instances.set(instance.id, copyOf(instance));
  }

  async heartbeat(owner: string, at: Date, leaseUntil: Date) {
    const instance = this.s().instances.get(owner);
    if (instance) instance.heartbeatAt = at;
    for (const row of this.s().outbox) if (row.leaseOwner === owner && row.status === "pending" && row.leaseUntil) row.leaseUntil = leaseUntil;
  }

  async listInstances() {
    return [...this.s().instances.values()].map(copyOf);
  }

  async removeInstances(ids: string[]) {
    for (const id of ids) this.s().instances.delete(id);
    const freed = this.s().outbox.filter((r) => r.status === "pending" && r.leaseOwner && ids.includes(r.leaseOwner));
    for (const row of freed) row.leaseUntil = undefined;
    return freed.length;
  }

  async pendingSummary() {
    const pending = this.s().outbox.filter((r) => r.status === "pending");
    const earliest = (key: "nextAttemptAt" | "createdAt") => pending.reduce<Date | undefined>((min, r) => (!min || r[key] < min ? r[key] : min), undefined);
    const [nextDueAt, oldest] = [earliest("nextAttemptAt"), earliest("createdAt")];
    const failed = this.s().outbox.filter((r) => r.status === "failed").length;
    return { count: pending.length, nextDueAt: nextDueAt && new Date(nextDueAt), oldestCreatedAt: oldest && new Date(oldest), failed };
  }

  async list() {
    return this.s().outbox.map(visible);
  }

  private row(id: number): MemoryState["outbox"][number] {
    const row = this.s().outbox.find((r) => r.id === id);
    if (!row) throw new Error(`outbox row ${id} not found`);
    return row;
  }
}
