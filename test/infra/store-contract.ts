import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConcurrencyError } from "../../src/core/errors.js";
import type { NewIncident } from "../../src/core/incident/types.js";
import { DuplicateEventError, type Store } from "../../src/ports/store.js";
import { slaStoreContract } from "./sla-store-contract.js";

const T0 = new Date("2026-11-02T09:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function newIncident(overrides: Partial<NewIncident> = {}): NewIncident {
  return { title: "Disk full", description: "", severity: "P2", status: "open", organisationId: "acme", reporterId: "ana", tier: 0, openedAt: T0, updatedAt: T0, ...overrides };
}

/** The behaviour every Store must have; run against memory and Prisma+SQLite. */
/** What differs between stores by design. */
export interface ContractOptions {
  /** A card state takes the place of its waiting card row (one writer); else every state is a row. */
  foldsWaitingCards?: boolean;
}

export function storeContract(name: string, open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>, { foldsWaitingCards = true }: ContractOptions = {}) {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await open());
      await store.directory.upsertOrganisation({ id: "acme", name: "ACME Corp" });
      await store.directory.upsertOrganisation({ id: "globex", name: "Globex" });
      await store.directory.upsertPerson({ id: "ana", name: "Ana Lima", role: "lead", identities: [{ platform: "slack", externalId: "U0ANA" }, { platform: "console", externalId: "ana" }] });
    });
    afterEach(async () => cleanup());

    slaStoreContract(() => store);

    it("numbers incidents 1, 2, 3 and finds them by number and id", async () => {
      const a = await store.transaction((tx) => tx.incidents.create(newIncident()));
      const b = await store.transaction((tx) => tx.incidents.create(newIncident({ title: "Second" })));
      expect([a.number, b.number]).toEqual([1, 2]);
      expect((await store.incidents.findByNumber(2))?.title).toBe("Second");
      expect((await store.incidents.findById(a.id))?.number).toBe(1);
      expect(await store.incidents.findByNumber(99)).toBeUndefined();
    });

    it("never reuses a number after a rolled-back transaction", async () => {
      await store.transaction((tx) => tx.incidents.create(newIncident()));
      await expect(
        store.transaction(async (tx) => {
          await tx.incidents.create(newIncident());
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      const next = await store.transaction((tx) => tx.incidents.create(newIncident()));
      expect(next.number).toBeGreaterThanOrEqual(2);
      expect(await store.incidents.list({ limit: 10 })).toHaveLength(2);
    });

    it("rolls back every write of a failed transaction", async () => {
      const incident = await store.transaction((tx) => tx.incidents.create(newIncident()));
      await expect(
        store.transaction(async (tx) => {
          await tx.incidents.update({ ...incident, status: "acknowledged" });
          await tx.timeline.append({ incidentId: incident.id, at: T0, kind: "acknowledged", actorId: "ana", platform: "slack", details: {} });
          await tx.outbox.enqueue({ platform: "slack", channelId: "C1", kind: "thread", incidentId: incident.id, message: { text: "x" }, createdAt: T0 });
          throw new Error("rollback");
        }),
      ).rejects.toThrow("rollback");
      expect((await store.incidents.findById(incident.id))?.status).toBe("open");
      expect(await store.timeline.list(incident.id)).toEqual([]);
      expect((await store.outbox.pendingSummary()).count).toBe(0);
    });

    it("writes rows queued with enqueueLater in order with the others, at commit, and drops them on rollback", async () => {
      const post = (channelId: string, text: string) => ({ platform: "slack" as const, channelId, kind: "post" as const, message: { text }, createdAt: T0 });
      await store.transaction(async (tx) => {
        await tx.outbox.enqueueLater(post("A", "first"));
        await tx.outbox.enqueue(post("A", "second"));
        await tx.outbox.enqueueLater(post("B", "third"));
        await tx.outbox.enqueueLater(post("A", "fourth"));
      });
      expect((await store.outbox.list()).map((r) => r.message.text)).toEqual(["first", "second", "third", "fourth"]);
      await expect(
        store.transaction(async (tx) => {
          await tx.outbox.enqueueLater(post("A", "never"));
          throw new Error("rollback");
        }),
      ).rejects.toThrow("rollback");
      await store.outbox.enqueueLater(post("C", "alone"));
      expect((await store.outbox.list()).map((r) => r.message.text)).toEqual(["first", "second", "third", "fourth", "alone"]);
    });

    it("update checks the version and bumps it", async () => {
      const incident = await store.transaction((tx) => tx.incidents.create(newIncident()));
      const updated = await store.incidents.update({ ...incident, status: "acknowledged", acknowledgedAt: at(5), acknowledgedById: "ana" });
      expect(updated.version).toBe(2);
      const stored = await store.incidents.findById(incident.id);
      expect(stored).toMatchObject({ status: "acknowledged", version: 2, acknowledgedById: "ana" });
      expect(stored?.acknowledgedAt?.toISOString()).toBe(at(5).toISOString());
      await expect(store.incidents.update({ ...incident, status: "mitigated" })).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await store.incidents.findById(incident.id))?.status).toBe("acknowledged");
    });

    it("lists by status, organisation and assignee, newest first", async () => {
      await store.transaction(async (tx) => {
        await tx.incidents.create(newIncident({ title: "a" }));
        await tx.incidents.create(newIncident({ title: "b", organisationId: "globex", assigneeId: "ana" }));
        await tx.incidents.create(newIncident({ title: "c", status: "closed" }));
      });
      expect((await store.incidents.list({ limit: 10 })).map((i) => i.title)).toEqual(["c", "b", "a"]);
      expect((await store.incidents.list({ statuses: ["open"], limit: 10 })).map((i) => i.title)).toEqual(["b", "a"]);
      expect((await store.incidents.list({ organisationId: "globex", limit: 10 })).map((i) => i.title)).toEqual(["b"]);
      expect((await store.incidents.list({ assigneeId: "ana", limit: 10 })).map((i) => i.title)).toEqual(["b"]);
      expect(await store.incidents.list({ limit: 1 })).toHaveLength(1);
    });

    it("keeps the timeline in order and returns the last N", async () => {
      const incident = await store.transaction((tx) => tx.incidents.create(newIncident()));
      for (let i = 0; i < 4; i++) await store.timeline.append({ incidentId: incident.id, at: at(i), kind: `k${i}`, actorId: "ana", platform: "console", details: { i } });
      expect((await store.timeline.list(incident.id)).map((e) => e.kind)).toEqual(["k0", "k1", "k2", "k3"]);
      const last = await store.timeline.list(incident.id, 2);
      expect(last.map((e) => [e.kind, e.details.i, e.platform])).toEqual([["k2", 2, "console"], ["k3", 3, "console"]]);
    });

    it("resolves identities to people and lets the policy file move an identity", async () => {
      expect((await store.directory.findByIdentity("slack", "U0ANA"))?.id).toBe("ana");
      expect(await store.directory.findByIdentity("slack", "U0NOBODY")).toBeUndefined();
      await store.directory.upsertPerson({ id: "ben", name: "Ben", role: "engineer", identities: [{ platform: "slack", externalId: "U0ANA" }] });
      expect((await store.directory.findByIdentity("slack", "U0ANA"))?.id).toBe("ben");
      expect((await store.directory.findPerson("ana"))?.identities).toEqual([{ platform: "console", externalId: "ana" }]);
      expect((await store.directory.listOrganisations()).map((o) => o.id)).toEqual(["acme", "globex"]);
    });

    it("remembers card locations per incident and channel", async () => {
      const incident = await store.transaction((tx) => tx.incidents.create(newIncident()));
      await store.links.save(incident.id, { platform: "slack", channelId: "C1", messageId: "111.1" }, T0);
      await store.links.save(incident.id, { platform: "discord", channelId: "D1", messageId: "9" }, T0);
      expect(await store.links.find(incident.id, "slack", "C1")).toEqual({ platform: "slack", channelId: "C1", messageId: "111.1" });
      expect(await store.links.find(incident.id, "slack", "C2")).toBeUndefined();
      expect(await store.links.listForIncident(incident.id)).toHaveLength(2);
    });

    it("records processed events once and returns the stored reply", async () => {
      const reply = { outcome: "ok" as const, message: { text: "done" } };
      await store.events.record("e1", T0, reply);
      expect(await store.events.find("e1")).toEqual(reply);
      expect(await store.events.find("e2")).toBeUndefined();
      await expect(store.events.record("e1", T0, reply)).rejects.toBeInstanceOf(DuplicateEventError);
    });

    it("claims only each channel's first due row, leases it, and honours retry times", async () => {
      const row = (channelId: string, text: string) => store.outbox.enqueue({ platform: "slack", channelId, kind: "post", message: { text }, createdAt: T0 });
      const a1 = await row("A", "a1");
      await row("A", "a2");
      const b1 = await row("B", "b1");
      const claimed = await store.outbox.claimDue(T0, at(60), 10);
      expect(claimed.map((r) => r.message.text)).toEqual(["a1", "b1"]);
      expect(await store.outbox.claimDue(T0, at(60), 10)).toEqual([]);
      await store.outbox.complete(a1.id, "sent", T0, "m1");
      await store.outbox.retryLater(b1.id, at(30), "429", true);
      expect((await store.outbox.claimDue(at(1), at(61), 10)).map((r) => r.message.text)).toEqual(["a2"]);
      const later = await store.outbox.claimDue(at(30), at(90), 10);
      expect(later.map((r) => [r.message.text, r.attempts, r.lastError])).toEqual([["b1", 1, "429"]]);
      expect(await store.outbox.pendingSummary()).toMatchObject({ count: 2 });
    });

    it("makes a platform's rows backing off after errors due now: the soonest first, or all", async () => {
      const row = (channelId: string, platform: "slack" | "telegram" = "slack") => store.outbox.enqueue({ platform, channelId, kind: "post", message: { text: channelId }, createdAt: T0 });
      const a = await row("A");
      const b = await row("B");
      const paced = await row("C");
      const other = await row("T", "telegram");
      await store.outbox.retryLater(a.id, at(40), "HTTP 500", true, T0);
      await store.outbox.retryLater(b.id, at(20), "HTTP 500", true, T0);
      await store.outbox.retryLater(paced.id, at(30), undefined, false);
      await store.outbox.retryLater(other.id, at(30), "HTTP 500", true, T0);
      expect(await store.outbox.retryFailingNow("slack", at(1), 1)).toBe(1);
      expect((await store.outbox.claimDue(at(1), at(60), 10)).map((r) => r.message.text)).toEqual(["B"]);
      expect(await store.outbox.retryFailingNow("slack", at(2))).toBe(1);
      // Paced rows keep their time (they were not failing); other platforms are not touched.
      expect((await store.outbox.claimDue(at(2), at(60), 10)).map((r) => r.message.text)).toEqual(["A"]);
    });

    it("knows when a channel's last messages went out, newest first", async () => {
      const row = (channelId: string) => store.outbox.enqueue({ platform: "slack", channelId, kind: "post", message: { text: channelId }, createdAt: T0 });
      const [a1, a2, a3, b1] = [await row("A"), await row("A"), await row("A"), await row("B")];
      await store.outbox.complete(a1.id, "sent", at(1), "m1");
      await store.outbox.complete(a2.id, "superseded", at(2));
      await store.outbox.complete(a3.id, "sent", at(3), "m3");
      await store.outbox.complete(b1.id, "sent", at(4), "m4");
      expect(await store.outbox.lastSentAt("slack", "A", 3)).toEqual([at(3), at(1)]);
      expect(await store.outbox.lastSentAt("slack", "A", 1)).toEqual([at(3)]);
      expect(await store.outbox.lastSentAt("slack", "C", 3)).toEqual([]);
    });

    it("lists the pending rows queued after a row in its channel, in order, and rewrites a pending row's message", async () => {
      const row = (channelId: string, text: string) => store.outbox.enqueue({ platform: "slack", channelId, kind: "post", message: { text }, createdAt: T0 });
      const [a1, a2, , , a5] = [await row("A", "a1"), await row("A", "a2"), await row("B", "b1"), await row("A", "a3"), await row("A", "a4")];
      await store.outbox.complete(a2.id, "sent", at(1), "m2");
      expect((await store.outbox.queuedAfter(a1, 10)).map((r) => r.message.text)).toEqual(["a3", "a4"]);
      expect((await store.outbox.queuedAfter(a1, 1)).map((r) => r.message.text)).toEqual(["a3"]);
      expect(await store.outbox.queuedAfter(a5, 10)).toEqual([]);
      await store.outbox.rewrite(a1.id, { title: "2 updates", text: "a1\na3" });
      const [claimed] = await store.outbox.claimDue(T0, at(60), 10);
      expect(claimed).toMatchObject({ id: a1.id, message: { title: "2 updates", text: "a1\na3" } });
    });

    it("a lease that expires lets the row be claimed again (crashed dispatcher)", async () => {
      await store.outbox.enqueue({ platform: "slack", channelId: "A", kind: "post", message: { text: "x" }, createdAt: T0 });
      expect(await store.outbox.claimDue(T0, at(60), 10)).toHaveLength(1);
      expect(await store.outbox.claimDue(at(59), at(120), 10)).toHaveLength(0);
      expect(await store.outbox.claimDue(at(60), at(120), 10)).toHaveLength(1);
    });

    it("a card state replaces the one still waiting in its channel, never one already claimed", async () => {
      const incident = await store.transaction((tx) => tx.incidents.create(newIncident()));
      const card = (text: string, channelId = "A") => store.outbox.enqueue({ platform: "slack", channelId, kind: "card", incidentId: incident.id, message: { text }, createdAt: T0 });
      const first = await card("v1");
      await store.outbox.enqueue({ platform: "slack", channelId: "A", kind: "thread", incidentId: incident.id, message: { text: "line" }, createdAt: T0 });
      if (!foldsWaitingCards) {
        // PostgreSQL: every state is its own row, in order; the dispatcher skips the stale ones.
        await card("v2");
        expect((await store.outbox.list()).map((r) => r.message.text)).toEqual(["v1", "line", "v2"]);
        expect(await store.outbox.hasNewerCard(first)).toBe(true);
        return;
      }
      expect((await card("v2")).id).toBe(first.id);
      await card("other channel", "B");
      expect((await store.outbox.list()).map((r) => [r.channelId, r.kind, r.message.text])).toEqual([
        ["A", "card", "v2"],
        ["A", "thread", "line"],
        ["B", "card", "other channel"],
      ]);
      // Claimed (it may be on its way): the next state queues behind it, and folds from then on.
      await store.outbox.claimDue(T0, at(60), 10, {}, "p1");
      const third = await card("v3");
      expect(third.id).not.toBe(first.id);
      expect((await card("v4")).id).toBe(third.id);
      // A row that failed once may have gone out: it keeps its state too.
      await store.outbox.retryLater(third.id, at(5), "HTTP 500", true, T0);
      expect((await card("v5")).id).not.toBe(third.id);
      const cards = (await store.outbox.list()).filter((r) => r.channelId === "A" && r.kind === "card");
      expect(cards.map((r) => r.message.text)).toEqual(["v2", "v4", "v5"]);
    });

    it("a batch of rows folds its card rows the same way", async () => {
      const incident = await store.transaction((tx) => tx.incidents.create(newIncident()));
      const row = (kind: "card" | "thread", text: string) => ({ platform: "slack" as const, channelId: "A", kind, incidentId: incident.id, message: { text }, createdAt: T0 });
      await store.transaction((tx) => tx.outbox.enqueueMany([row("card", "v1"), row("thread", "t1"), row("card", "v2")]));
      expect((await store.outbox.list()).map((r) => r.message.text)).toEqual(["v2", "t1"]);
    });

    it("knows when a newer card row supersedes an older one; failed rows leave the queue", async () => {
      const incident = await store.transaction((tx) => tx.incidents.create(newIncident()));
      const card = (text: string) => store.outbox.enqueue({ platform: "slack", channelId: "A", kind: "card", incidentId: incident.id, message: { text }, createdAt: T0 });
      const first = await card("v1");
      await store.outbox.claimDue(T0, at(60), 10, {}, "p1");
      const second = await card("v2");
      expect(await store.outbox.hasNewerCard(first)).toBe(true);
      expect(await store.outbox.hasNewerCard(second)).toBe(false);
      await store.outbox.fail(first.id, "channel_not_found");
      expect((await store.outbox.claimDue(T0, at(60), 10)).map((r) => r.message.text)).toEqual(["v2"]);
      const rows = await store.outbox.list();
      expect(rows.map((r) => [r.status, r.lastError ?? null])).toEqual([["failed", "channel_not_found"], ["pending", null]]);
    });

    it("replays dead letters in their original order; knows the latest card of a channel", async () => {
      const incident = await store.transaction((tx) => tx.incidents.create(newIncident()));
      const card = (text: string) => store.outbox.enqueue({ platform: "slack", channelId: "A", kind: "card", incidentId: incident.id, message: { text }, createdAt: T0 });
      const first = await card("v1");
      await store.outbox.retryLater(first.id, at(5), "HTTP 500", true, T0);
      const second = await card("v2");
      expect((await store.outbox.latestCard(incident.id, "slack", "A"))?.message.text).toBe("v2");
      expect(await store.outbox.latestCard(incident.id, "slack", "B")).toBeUndefined();
      await store.outbox.fail(first.id, "channel_not_found");
      await store.outbox.fail(second.id, "channel_not_found");
      expect((await store.outbox.listFailed()).map((r) => r.id)).toEqual([first.id, second.id]);
      expect(await store.outbox.replay([second.id], at(10))).toBe(1);
      expect(await store.outbox.replay("all", at(10))).toBe(1);
      const rows = await store.outbox.claimDue(at(10), at(60), 10);
      expect(rows.map((r) => [r.id, r.status, r.attempts, r.failingSince ?? null])).toEqual([[first.id, "pending", 0, null]]);
    });

    it("leases carry their owner; a heartbeat extends them; removing an instance frees them at once", async () => {
      await store.outbox.registerInstance({ id: "p1", host: "h", pid: 1, startedAt: T0, heartbeatAt: T0 });
      await store.outbox.enqueue({ platform: "slack", channelId: "A", kind: "post", message: { text: "x" }, createdAt: T0 });
      expect((await store.outbox.claimDue(T0, at(30), 10, {}, "p1"))[0].leaseOwner).toBeUndefined();
      await store.outbox.heartbeat("p1", at(20), at(50));
      expect(await store.outbox.claimDue(at(40), at(70), 10, {}, "p2")).toEqual([]);
      expect((await store.outbox.listInstances()).map((i) => [i.id, i.heartbeatAt.toISOString()])).toEqual([["p1", at(20).toISOString()]]);
      expect(await store.outbox.removeInstances(["p1"])).toBe(1);
      const [again] = await store.outbox.claimDue(at(40), at(70), 10, {}, "p2");
      expect(again.leaseOwner).toBe("p1");
      expect(await store.outbox.listInstances()).toEqual([]);
      // Put back with the dead owner named (it may have posted the row): the next claim still sees it.
      await store.outbox.retryLater(again.id, at(41), undefined, false, undefined, "p1");
      expect((await store.outbox.claimDue(at(41), at(71), 10, {}, "p3"))[0].leaseOwner).toBe("p1");
      await store.outbox.retryLater(again.id, at(42), undefined, false);
      expect((await store.outbox.claimDue(at(42), at(72), 10, {}, "p3"))[0].leaseOwner).toBeUndefined();
    });

    it("the inbox keeps one row per event id, in arrival order; a row is taken up only once its owner is gone", async () => {
      const event = (n: number) => ({ kind: "command" as const, eventId: `slack:cmd:${n}`, actor: { platform: "slack" as const, userId: "U0ANA", displayName: "ana" }, at: { platform: "slack" as const, channelId: "C1" }, text: `/incident note 1 n${n}` });
      await store.outbox.registerInstance({ id: "p1", host: "h", pid: 1, startedAt: T0, heartbeatAt: T0 });
      await store.outbox.registerInstance({ id: "p2", host: "h", pid: 2, startedAt: T0, heartbeatAt: T0 });
      for (const n of [1, 2]) expect(await store.inbox.accept({ eventId: `slack:cmd:${n}`, platform: "slack", event: event(n), replyTo: { responseUrl: `https://hooks/${n}` }, owner: "p1", receivedAt: at(n) })).toBe(true);
      expect(await store.inbox.accept({ eventId: "slack:cmd:1", platform: "slack", event: event(1), replyTo: {}, owner: "p2", receivedAt: at(3) })).toBe(false);
      expect(await store.inbox.claimOrphans("p2", 10)).toEqual([]);
      await store.outbox.removeInstances(["p1"]);
      const taken = await store.inbox.claimOrphans("p2", 10);
      expect(taken.map((r) => [r.eventId, r.owner, r.replyTo.responseUrl, r.event.kind === "command" && r.event.text, r.receivedAt.toISOString()])).toEqual([
        ["slack:cmd:1", "p2", "https://hooks/1", "/incident note 1 n1", at(1).toISOString()],
        ["slack:cmd:2", "p2", "https://hooks/2", "/incident note 1 n2", at(2).toISOString()],
      ]);
      expect(await store.inbox.claimOrphans("p3", 10)).toEqual([]);
      await store.inbox.release("slack:cmd:2");
      await store.inbox.remove("slack:cmd:1");
      expect((await store.inbox.claimOrphans("p2", 10)).map((r) => r.eventId)).toEqual(["slack:cmd:2"]);
      await store.inbox.remove("slack:cmd:2");
      expect(await store.inbox.list()).toEqual([]);
    });
  });
}
