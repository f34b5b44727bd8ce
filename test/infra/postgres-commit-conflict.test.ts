// A SERIALIZABLE transaction on PostgreSQL can lose its conflict at COMMIT itself ("during commit
// attempt"), not at a statement. The store retries it like any other conflict; the replica
// must keep its connection for the retry and for everything after. (Prisma 6.19's transaction
// manager never handed a connection back when COMMIT failed: each such conflict cost a
// replica one pooled connection for good, until every request waited forever.)
import { afterEach, describe, expect, it } from "vitest";
import type { NewIncident } from "../../src/core/incident/types.js";
import { openPostgresStore, type PrismaStore } from "../../src/infra/prisma/prisma-store.js";
import { tempPgDatabase } from "../support/temp-pg.js";

const T0 = new Date("2026-11-02T09:00:00Z");
const incident = (title: string): NewIncident => ({ title, description: "", severity: "P3", status: "open", organisationId: "acme", reporterId: "ana", tier: 0, openedAt: T0, updatedAt: T0 });

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("a transaction that loses its serialization conflict at COMMIT (PostgreSQL)", () => {
  const opened: PrismaStore[] = [];
  let dropDatabase: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await dropDatabase?.();
  });

  it("is run again on the same replica, which keeps answering with a pool of one connection", async () => {
    const db = await tempPgDatabase(true);
    dropDatabase = db.cleanup;
    // Two replicas with one connection each: a connection lost to a failed COMMIT would leave
    // that replica with none.
    const a = await openPostgresStore(db.url, 1);
    const b = await openPostgresStore(db.url, 1);
    opened.push(a, b);
    await a.directory.upsertOrganisation({ id: "acme", name: "ACME Corp" });
    await a.directory.upsertPerson({ id: "ana", name: "Ana Lima", role: "lead", identities: [] });
    const one = await a.transaction((tx) => tx.incidents.create(incident("One")));
    const two = await a.transaction((tx) => tx.incidents.create(incident("Two")));

    // Write skew: A reads one and writes two, B reads two and writes one, both write before
    // either commits. A commits; B's COMMIT is the one PostgreSQL refuses.
    const aRead = gate(), bWrote = gate(), aCommitted = gate();
    let bAttempts = 0;
    const first = a.transaction(async (tx) => {
      await tx.incidents.findById(one.id);
      aRead.open();
      await bWrote.opened;
      const current = (await tx.incidents.findById(two.id))!;
      await tx.incidents.update({ ...current, title: "Two, by A" });
    });
    const second = b.transaction(async (tx) => {
      bAttempts++;
      const current = (await tx.incidents.findById(two.id))!;
      await aRead.opened;
      const other = (await tx.incidents.findById(one.id))!;
      await tx.incidents.update({ ...other, title: `One, by B (${current.title})` });
      bWrote.open();
      await aCommitted.opened;
    });
    await first;
    aCommitted.open();
    await second;

    expect(bAttempts).toBe(2);
    // The retry saw A's committed write, and the replica's one connection still serves it.
    expect((await b.incidents.findById(one.id))?.title).toBe("One, by B (Two, by A)");
    expect((await b.transaction((tx) => tx.incidents.create(incident("Three")))).number).toBe(3);
  });
});
