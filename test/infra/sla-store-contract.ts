import { beforeEach, describe, expect, it } from "vitest";
import type { NewIncident } from "../../src/core/incident/types.js";
import type { NudgeRecord, SlaFacts } from "../../src/core/sla/sla-types.js";
import type { Store } from "../../src/ports/store.js";

const T0 = new Date("2026-11-02T09:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function newIncident(overrides: Partial<NewIncident> = {}): NewIncident {
  return { title: "Disk full", description: "", severity: "P2", status: "open", organisationId: "acme", reporterId: "ana", tier: 0, openedAt: T0, updatedAt: T0, ...overrides };
}

function nudge(overrides: Partial<NudgeRecord> = {}): NudgeRecord {
  return { incidentId: 1, clock: "response", cycle: T0.toISOString(), kind: "warning", repeat: 0, dueAt: at(900), at: at(900), late: false, ...overrides };
}

/** SLA repositories and the batch methods the sweeper uses; part of the Store contract. */
export function slaStoreContract(getStore: () => Store) {
  describe("SLA facts, timers, ledger, roster and batches", () => {
    let store: Store;
    beforeEach(() => {
      store = getStore();
    });

    it("stores facts with open and closed pauses and a postmortem, and replaces them", async () => {
      const facts: SlaFacts = {
        incidentId: 7,
        severity: "P1",
        lastUpdateAt: at(60),
        pauses: [{ from: at(100), to: at(200), reason: "logs" }, { from: at(300), reason: "access" }],
      };
      await store.sla.saveFacts(facts);
      expect(await store.sla.findFacts([7, 8])).toEqual([facts]);
      const updated: SlaFacts = { ...facts, severity: "P2", postmortemAt: at(900), postmortem: "https://wiki/pm/7" };
      await store.sla.saveFacts(updated);
      expect(await store.sla.findFacts([7])).toEqual([updated]);
      expect(await store.sla.findFacts([])).toEqual([]);
    });

    it("reads one incident's facts and nudges together, as findFacts and listNudges give them", async () => {
      expect(await store.sla.incidentSla(7)).toEqual({ nudges: [] });
      const facts: SlaFacts = { incidentId: 7, severity: "P1", lastUpdateAt: at(60), pauses: [{ from: at(100), reason: "logs" }] };
      await store.sla.saveFacts(facts);
      expect(await store.sla.incidentSla(7)).toEqual({ facts, nudges: [] });
      await store.sla.recordNudges([nudge({ incidentId: 7, kind: "breach", at: at(1200) }), nudge({ incidentId: 7 }), nudge({ incidentId: 8 })]);
      const both = await store.sla.incidentSla(7);
      expect(both).toEqual({ facts, nudges: await store.sla.listNudges({ incidentIds: [7] }) });
      expect(both.nudges.map((n) => n.kind)).toEqual(["warning", "breach"]);
      // Nudges without stored facts still come back.
      expect(await store.sla.incidentSla(8)).toEqual({ nudges: [nudge({ incidentId: 8 })] });
    });

    it("inside a transaction, an incident's SLA read with it stays in step with facts and nudges written in it", async () => {
      await store.directory.upsertOrganisation({ id: "acme", name: "ACME Corp" });
      const created = await store.transaction(async (tx) => {
        const fresh = await tx.incidents.create(newIncident());
        expect(await tx.sla.incidentSla(fresh.id)).toEqual({ nudges: [] });
        return fresh;
      });
      const facts: SlaFacts = { incidentId: created.id, severity: "P2", lastUpdateAt: at(60), pauses: [] };
      await store.transaction(async (tx) => {
        expect(await tx.incidents.findByNumber(created.number)).toEqual(created);
        expect(await tx.sla.incidentSla(created.id)).toEqual({ nudges: [] });
        await tx.sla.saveFacts(facts);
        expect(await tx.sla.incidentSla(created.id)).toEqual({ facts, nudges: [] });
        await tx.sla.recordNudges([nudge({ incidentId: created.id, kind: "breach", at: at(1200) }), nudge({ incidentId: created.id })]);
        expect((await tx.incidents.findById(created.id))?.id).toBe(created.id);
        const read = await tx.sla.incidentSla(created.id);
        expect(read).toEqual({ facts, nudges: await tx.sla.listNudges({ incidentIds: [created.id] }) });
        expect(read.nudges.map((n) => n.kind)).toEqual(["warning", "breach"]);
        await tx.sla.saveFacts({ ...facts, lastUpdateAt: at(90) });
        expect((await tx.sla.incidentSla(created.id)).facts?.lastUpdateAt).toEqual(at(90));
      });
    });

    it("arms a timer, bumps its generation on every re-arm, and finishes it", async () => {
      await store.deadlines.arm("incident:1", 1, at(10), T0);
      const first = await store.deadlines.find("incident:1");
      expect(first).toMatchObject({ key: "incident:1", incidentId: 1, dueAt: at(10), status: "pending" });
      await store.deadlines.arm("incident:1", 1, at(20), T0);
      const second = await store.deadlines.find("incident:1");
      expect(second).toMatchObject({ dueAt: at(20), generation: first!.generation + 1 });
      await store.deadlines.arm("incident:1", 1, undefined, at(5));
      expect(await store.deadlines.find("incident:1")).toMatchObject({ status: "done", generation: first!.generation + 2 });
      await store.deadlines.arm("incident:2", 2, undefined, T0);
      expect(await store.deadlines.find("incident:2")).toBeUndefined();
      expect(await store.deadlines.find("digest")).toBeUndefined();
    });

    it("saves facts and re-arms the incident's timer in one call, as arm would; facts alone leave the timer as it was", async () => {
      const facts: SlaFacts = { incidentId: 3, severity: "P1", lastUpdateAt: at(60), pauses: [] };
      // Facts for an incident without a timer yet: it gets a finished one, never a due one.
      await store.sla.saveFacts(facts);
      expect(await store.sla.findFacts([3])).toEqual([facts]);
      const finished = await store.deadlines.find("incident:3");
      expect(finished).toMatchObject({ incidentId: 3, status: "done" });
      expect(await store.deadlines.claimDue(at(10_000), at(10_060), 10)).toEqual([]);

      await store.sla.saveFacts({ ...facts, lastUpdateAt: at(70) }, { dueAt: at(100), now: at(70) });
      const armed = await store.deadlines.find("incident:3");
      expect(armed).toMatchObject({ dueAt: at(100), status: "pending", generation: finished!.generation + 1 });
      expect((await store.sla.findFacts([3]))[0].lastUpdateAt).toEqual(at(70));

      // A claim in flight is voided by the re-arm (its lease dropped, generation moved on)...
      const [claimed] = await store.deadlines.claimDue(at(100), at(160), 10);
      expect(claimed).toMatchObject({ key: "incident:3", generation: armed!.generation });
      await store.sla.saveFacts({ ...facts, pauses: [{ from: at(110), reason: "logs" }] }, { dueAt: at(200), now: at(110) });
      expect(await store.deadlines.find("incident:3")).toMatchObject({ dueAt: at(200), generation: armed!.generation + 1 });
      expect((await store.deadlines.claimDue(at(200), at(260), 10)).map((t) => t.key)).toEqual(["incident:3"]);

      // ...while facts alone (a postmortem link, a customer wait) keep due time, status and generation.
      const before = await store.deadlines.find("incident:3");
      await store.sla.saveFacts({ ...facts, postmortem: "https://wiki/pm/3", postmortemAt: at(300) });
      expect(await store.deadlines.find("incident:3")).toEqual(before);
      expect((await store.sla.findFacts([3]))[0]).toMatchObject({ postmortem: "https://wiki/pm/3" });

      // Nothing left to do: finished, with the facts kept.
      await store.sla.saveFacts(facts, { dueAt: undefined, now: at(400) });
      expect(await store.deadlines.find("incident:3")).toMatchObject({ status: "done", dueAt: at(400), generation: before!.generation + 1 });
      expect(await store.sla.findFacts([3])).toEqual([facts]);
      // Other timers carry no facts.
      await store.deadlines.arm("digest", undefined, at(10), T0);
      expect(await store.sla.findFacts([3, 4])).toEqual([facts]);
    });

    it("claims due pending timers oldest first, up to the limit, and leases them", async () => {
      await store.deadlines.arm("incident:1", 1, at(30), T0);
      await store.deadlines.arm("incident:2", 2, at(10), T0);
      await store.deadlines.arm("incident:3", 3, at(20), T0);
      await store.deadlines.arm("incident:4", 4, at(500), T0);
      await store.deadlines.arm("digest", undefined, at(5), T0);
      await store.deadlines.arm("digest", undefined, undefined, T0);
      const claimed = await store.deadlines.claimDue(at(100), at(160), 2);
      expect(claimed.map((t) => t.key)).toEqual(["incident:2", "incident:3"]);
      expect((await store.deadlines.claimDue(at(100), at(160), 10)).map((t) => t.key)).toEqual(["incident:1"]);
      expect(await store.deadlines.claimDue(at(159), at(220), 10)).toEqual([]);
      expect((await store.deadlines.claimDue(at(160), at(220), 10)).map((t) => t.key)).toEqual(["incident:2", "incident:3", "incident:1"]);
    });

    it("re-arms a claimed batch: new due times, generation + 1, lease dropped, finished ones done", async () => {
      await store.deadlines.arm("incident:1", 1, at(10), T0);
      await store.deadlines.arm("incident:2", 2, at(10), T0);
      const claimed = await store.deadlines.claimDue(at(10), at(70), 10);
      const [a, b] = claimed;
      await store.deadlines.rearm([{ ...a, dueAt: at(40) }, { ...b, dueAt: undefined }], at(11));
      const byKey = Object.fromEntries((await store.deadlines.findByIds([a.id, b.id])).map((t) => [t.key, t]));
      expect(byKey["incident:1"]).toMatchObject({ dueAt: at(40), status: "pending", generation: a.generation + 1 });
      expect(byKey["incident:2"]).toMatchObject({ status: "done", generation: b.generation + 1 });
      expect((await store.deadlines.claimDue(at(40), at(100), 10)).map((t) => t.key)).toEqual(["incident:1"]);
    });

    it("records each nudge once and lists them by incident, kind and time", async () => {
      const warning = nudge();
      const breach = nudge({ kind: "breach", dueAt: at(1200), at: at(1500), late: true });
      expect(await store.sla.recordNudges([warning, breach])).toEqual([warning, breach]);
      const repeat = nudge({ kind: "repeat", repeat: 1, at: at(3000) });
      expect(await store.sla.recordNudges([warning, repeat, { ...breach, at: at(9999) }])).toEqual([repeat]);
      await store.sla.recordNudges([nudge({ incidentId: 2, cycle: "other" })]);
      expect(await store.sla.listNudges({ incidentIds: [1] })).toEqual([warning, breach, repeat]);
      expect(await store.sla.listNudges({ kinds: ["breach"] })).toEqual([breach]);
      expect((await store.sla.listNudges({ from: at(1000), to: at(3000) })).map((n) => n.kind)).toEqual(["breach"]);
      expect(await store.sla.listNudges({ incidentIds: [] })).toEqual([]);
    });

    it("keeps the on-call roster", async () => {
      expect(await store.roster.get()).toBeUndefined();
      await store.roster.set({ personIds: ["ana", "ben"], updatedAt: T0, updatedById: "ana" });
      await store.roster.set({ personIds: ["ben"], updatedAt: at(60), updatedById: "ana" });
      expect(await store.roster.get()).toEqual({ personIds: ["ben"], updatedAt: at(60), updatedById: "ana" });
    });

    it("loads incidents by ids, appends and counts timeline batches, enqueues outbox batches in order", async () => {
      const [a, b] = await store.transaction(async (tx) => [await tx.incidents.create(newIncident()), await tx.incidents.create(newIncident({ title: "b", openedAt: at(3600) }))]);
      expect((await store.incidents.findByIds([b.id, 999, a.id])).map((i) => i.title).sort()).toEqual(["Disk full", "b"]);
      expect((await store.incidents.list({ openedFrom: at(1), limit: 10 })).map((i) => i.title)).toEqual(["b"]);
      expect((await store.incidents.list({ openedTo: at(1), limit: 10 })).map((i) => i.title)).toEqual(["Disk full"]);
      const entry = (kind: string, incidentId: number) => ({ incidentId, at: at(5), kind, actorId: "system", platform: "system" as const, details: { kind } });
      await store.timeline.appendMany([entry("sla_warning", a.id), entry("escalated", a.id), entry("escalated", b.id)]);
      expect((await store.timeline.list(a.id)).map((e) => [e.kind, e.details.kind, e.platform, e.actorId])).toEqual([
        ["sla_warning", "sla_warning", "system", "system"],
        ["escalated", "escalated", "system", "system"],
      ]);
      expect(await store.timeline.countKinds([a.id, b.id], ["escalated"])).toBe(2);
      expect(await store.timeline.countKinds([a.id], ["escalated", "sla_warning"])).toBe(2);
      const row = (text: string) => ({ platform: "slack" as const, channelId: "C", kind: "thread" as const, incidentId: a.id, message: { text }, createdAt: T0 });
      await store.outbox.enqueueMany([row("one"), row("two")]);
      const claimed = await store.outbox.claimDue(T0, at(60), 10);
      expect(claimed.map((r) => [r.message.text, r.status, r.attempts, r.incidentId])).toEqual([["one", "pending", 0, a.id]]);
    });

    it("rolls SLA rows back with the transaction", async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.deadlines.arm("incident:1", 1, at(10), T0);
          await tx.sla.recordNudges([nudge()]);
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect(await store.deadlines.find("incident:1")).toBeUndefined();
      expect(await store.sla.listNudges({})).toEqual([]);
    });
  });
}
