// Two processes on one SQLite file (two stores, two connections): each answers commands from its
// own copy of the directory in memory, trusted without a read and checked on the way by the
// statement that records the command. What the other process changes in the directory (a new
// person, a removed identity, a new role) is seen by the very next command, never by a later one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVigil, type Vigil } from "../../src/app/vigil.js";
import { openSqliteStore, type PrismaStore } from "../../src/infra/prisma/prisma-store.js";
import { copy } from "../../src/core/messages/copy.js";
import type { StoreTx } from "../../src/ports/store.js";
import { RecordingAdapter } from "../fakes/recording-adapter.js";
import { FakeClock } from "../support/fake-clock.js";
import { examplePolicy, MemoryLogger } from "../support/harness.js";
import { tempDatabaseUrl } from "../support/temp-db.js";

describe("the directory changed by another process", () => {
  const db = tempDatabaseUrl();
  const sent: string[] = [];
  let here: PrismaStore;
  let there: PrismaStore;
  let vigil: Vigil;
  let events = 0;

  beforeAll(async () => {
    here = await openSqliteStore(db.url, { onStatement: (sql) => void sent.push(sql) });
    there = await openSqliteStore(db.url);
    vigil = createVigil({ store: here, clock: new FakeClock(), ids: { newId: () => `id-${++events}`, newReference: () => `REF${events}` }, logger: new MemoryLogger(), policy: examplePolicy(), adapters: [new RecordingAdapter("console")] });
    await vigil.start({ background: false });
  });
  afterAll(async () => {
    await vigil.stop();
    await here.close();
    await there.close();
    db.cleanup();
  });

  const say = async (who: string, text: string) => {
    sent.length = 0;
    const reply = await vigil.handle({ kind: "command", eventId: `evt-${++events}`, actor: { platform: "console", userId: who, displayName: who }, at: { platform: "console", channelId: `dm-${who}` }, text });
    return reply.message.text;
  };
  const inTheOtherProcess = (work: (d: StoreTx["directory"]) => Promise<void>) => there.transaction((tx) => work(tx.directory));

  it("answers a person the other process added, at their first command", async () => {
    // This process has the directory in memory, and answers from it without reading its version first.
    expect(await say("ben", "/incident open P3 Warm-up --org acme")).toMatch(/^Opened INC-1 /);
    expect(await say("ben", "/incident note 1 still warm")).toBe("Note added to INC-1.");
    expect(sent.filter((s) => /FROM "Sequence" WHERE "name"/.test(s) && !/RETURNING/.test(s))).toEqual([]);

    await inTheOtherProcess((d) => d.upsertPerson({ id: "cleo", name: "Cleo Diaz", role: "engineer", identities: [{ platform: "console", externalId: "cleo" }] }));
    expect(await say("cleo", "/incident open P3 Queue backlog --org acme")).toMatch(/^Opened INC-2 /);
    // The stale answer was rolled back, not committed next to the right one.
    expect((await here.incidents.findByNumber(2))?.reporterId).toBe("cleo");
    expect(await here.incidents.findByNumber(3)).toBeUndefined();
  });

  it("refuses an identity the other process removed, at its next command", async () => {
    expect(await say("ben", "/incident ack 2")).toBe("INC-2 acknowledged.");
    await inTheOtherProcess((d) => d.upsertPerson({ id: "ben", name: "Ben Okafor", role: "engineer", identities: [{ platform: "slack", externalId: "U0BEN" }] }));
    expect(await say("ben", "/incident note 2 gone")).toBe(copy.unknownIdentity);
    expect((await here.timeline.list(2)).filter((e) => e.kind === "note")).toEqual([]);
  });

  it("lets a person act on a role the other process gave them, at their next command", async () => {
    expect(await say("cleo", "/incident report")).toMatch(/you may not/);
    await inTheOtherProcess((d) => d.upsertPerson({ id: "cleo", name: "Cleo Diaz", role: "lead", identities: [{ platform: "console", externalId: "cleo" }] }));
    expect(await say("cleo", "/incident report")).not.toMatch(/you may not|not registered/);
  });
});
