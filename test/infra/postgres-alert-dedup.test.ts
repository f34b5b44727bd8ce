// Two replicas on one PostgreSQL database receive the first alert of a new dedup key at the
// same instant (Alertmanager sends to every replica behind the load balancer, or retries on
// another): one incident per key, the second signal counted on it ("fired ×2").
import { afterEach, describe, expect, it } from "vitest";
import { createVigil } from "../../src/app/vigil.js";
import type { AlertSignal } from "../../src/core/alerts/alert-types.js";
import { openPostgresStore, type PrismaStore } from "../../src/infra/prisma/prisma-store.js";
import { alertPolicy } from "../app/alerts/alert-rig.js";
import { RecordingAdapter } from "../fakes/recording-adapter.js";
import { FakeClock } from "../support/fake-clock.js";
import { MemoryLogger } from "../support/harness.js";
import { tempPgDatabase } from "../support/temp-pg.js";

const signal = (key: string): AlertSignal => ({
  source: "generic",
  sender: "zabbix",
  key: `generic:${key}`,
  status: "firing",
  alerts: 1,
  summary: `Disk full on ${key}`,
  details: "",
  labels: { host: key },
});

describe("alerts on PostgreSQL with two replicas", () => {
  const opened: PrismaStore[] = [];
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await cleanup?.();
  }, 60_000);

  it("the same new dedup key arriving at both replicas at once opens one incident", async () => {
    const db = await tempPgDatabase(true);
    cleanup = db.cleanup;
    const stores = await Promise.all([openPostgresStore(db.url, 4), openPostgresStore(db.url, 4)]);
    opened.push(...stores);
    const clock = new FakeClock("2026-11-02T09:00:00Z");
    const policy = alertPolicy();
    const [a, b] = stores.map((store) => createVigil({ store, clock, ids: { newId: () => "x", newReference: () => "R" }, logger: new MemoryLogger(), policy, adapters: [new RecordingAdapter("console")] }));
    await Promise.all([a.start({ background: false }), b.start({ background: false })]);
    const rounds = 8;
    for (let k = 0; k < rounds; k++) {
      const [fromA, fromB] = await Promise.all([a.alerts!.receive([signal(`db-${k}`)]), b.alerts!.receive([signal(`db-${k}`)])]);
      expect([fromA[0].outcome, fromB[0].outcome].sort()).toEqual(["added", "opened"]);
      expect(fromA[0].incident).toBe(fromB[0].incident);
    }
    const incidents = await stores[0].incidents.list({ limit: 100 });
    expect(incidents.map((i) => i.title).sort()).toEqual(Array.from({ length: rounds }, (_, k) => `Disk full on db-${k}`).sort());
    for (let k = 0; k < rounds; k++) expect((await stores[1].alerts.findLink(`generic:db-${k}`))?.fired).toBe(2);
    await Promise.all([a.stop(), b.stop()]);
  }, 90_000);
});
