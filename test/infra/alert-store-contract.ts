import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AlertLink } from "../../src/ports/alert-store.js";
import type { Store } from "../../src/ports/store.js";

const T0 = new Date("2026-11-02T09:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** The alert repository; run against memory, Prisma + SQLite and Prisma + PostgreSQL. */
export function alertStoreContract(name: string, open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>) {
  describe(`Alert store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => ({ store, cleanup } = await open()));
    afterEach(async () => cleanup());

    it("keeps one link per dedup key (the last saved) and finds an incident's links", async () => {
      const link: AlertLink = { key: "grafana:a", source: "grafana", incidentId: 1, fired: 1, status: "firing", summary: "CPU", firstAt: T0, lastAt: T0 };
      await store.alerts.saveLink(link);
      await store.alerts.saveLink({ ...link, fired: 2, lastValue: "B=1", lastAt: at(5) });
      await store.alerts.saveLink({ ...link, key: "grafana:b", incidentId: 2 });
      expect(await store.alerts.findLink("grafana:a")).toEqual({ ...link, fired: 2, lastValue: "B=1", lastAt: at(5) });
      expect(await store.alerts.findLink("nope")).toBeUndefined();
      expect((await store.alerts.linksOf(2)).map((l) => l.key)).toEqual(["grafana:b"]);
    });

    it("inside a transaction, an incident's links read with it stay in step with links saved in it", async () => {
      const incident = { title: "CPU", description: "", severity: "P2" as const, status: "open" as const, organisationId: "acme", reporterId: "ana", tier: 0, openedAt: T0, updatedAt: T0 };
      const link = (key: string, incidentId: number, firstAt = T0): AlertLink => ({ key, source: "grafana", incidentId, fired: 1, status: "firing", summary: "CPU", firstAt, lastAt: firstAt });
      await store.directory.upsertOrganisation({ id: "acme", name: "ACME Corp" });
      const created = await store.transaction(async (tx) => {
        const fresh = await tx.incidents.create(incident);
        expect(await tx.alerts.linksOf(fresh.id)).toEqual([]);
        await tx.alerts.saveLink(link("grafana:a", fresh.id));
        expect((await tx.alerts.linksOf(fresh.id)).map((l) => l.key)).toEqual(["grafana:a"]);
        return fresh;
      });
      await store.transaction(async (tx) => {
        const read = await tx.incidents.findByNumber(created.number);
        expect(read).toEqual(created);
        expect(await tx.alerts.linksOf(created.id)).toEqual([link("grafana:a", created.id)]);
        await tx.alerts.saveLink(link("grafana:b", created.id, at(5)));
        await tx.alerts.saveLink({ ...link("grafana:a", created.id), fired: 3 });
        expect((await tx.alerts.linksOf(created.id)).map((l) => [l.key, l.fired])).toEqual([["grafana:a", 3], ["grafana:b", 1]]);
        expect(await tx.incidents.findById(created.id)).toEqual(created);
        expect((await tx.alerts.linksOf(created.id)).map((l) => l.key)).toEqual(["grafana:a", "grafana:b"]);
      });
      expect((await store.alerts.linksOf(created.id)).map((l) => l.key)).toEqual(["grafana:a", "grafana:b"]);
    });

    it("records a graded failure once per incident and kind, even when two transactions race", async () => {
      const failure = { incidentId: 1, kind: "unhandled_first" as const, at: T0 };
      const results = await Promise.all([store.transaction((tx) => tx.alerts.recordFailure(failure)), store.transaction((tx) => tx.alerts.recordFailure(failure))]);
      expect(results.sort()).toEqual([false, true]);
      expect(await store.alerts.recordFailure({ ...failure, kind: "unhandled_second" })).toBe(true);
      expect((await store.alerts.failuresOf([1, 2])).map((f) => f.kind)).toEqual(["unhandled_first", "unhandled_second"]);
    });

    it("silences: one active until ended; ending twice keeps the first end", async () => {
      const s = await store.alerts.startSilence({ incidentId: 3, startedAt: T0, until: at(60), reason: "vendor", byId: "ben" });
      expect(await store.alerts.activeSilence(3)).toEqual(s);
      await store.alerts.endSilence(s.id, at(10), "handled");
      await store.alerts.endSilence(s.id, at(60), "expired");
      expect(await store.alerts.activeSilence(3)).toBeUndefined();
      expect(await store.alerts.silencesOf([3])).toEqual([{ ...s, endedAt: at(10), endReason: "handled" }]);
    });

    it("totals: alerts received in a period (groups count each member) and the incidents alerts opened", async () => {
      await store.alerts.recordReceipts([
        { at: at(-1), source: "generic", key: "x", status: "firing", count: 1, incidentId: 9, opened: true },
        { at: T0, source: "alertmanager", key: "g", status: "firing", count: 3, incidentId: 1, opened: true },
        { at: at(1), source: "alertmanager", key: "g", status: "firing", count: 2, incidentId: 1, opened: false },
        { at: at(2), source: "alertmanager", key: "g", status: "resolved", count: 3, incidentId: 1, opened: false },
        { at: at(60), source: "grafana", key: "h", status: "firing", count: 1, incidentId: 2, opened: true },
      ]);
      expect(await store.alerts.totals(T0, at(60))).toEqual({ receivedByIncident: new Map([[1, 8]]), incidentIds: [1] });
      expect(await store.alerts.totals(at(-1), at(61))).toEqual({ receivedByIncident: new Map([[9, 1], [1, 8], [2, 1]]), incidentIds: [1, 2, 9] });
    });
  });
}
