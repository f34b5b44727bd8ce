import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVigil, type Vigil } from "../../src/app/vigil.js";
import { openSqliteStore, type PrismaStore } from "../../src/infra/prisma/prisma-store.js";
import type { Reply } from "../../src/ports/chat.js";
import { RecordingAdapter } from "../fakes/recording-adapter.js";
import { FakeClock } from "../support/fake-clock.js";
import { examplePolicy, MemoryLogger } from "../support/harness.js";
import { tempDatabaseUrl } from "../support/temp-db.js";

// Every SQL statement the store sends for one command (BEGIN and COMMIT included; through
// Prisma or straight on its SQLite connection), on a real SQLite file. The ceilings are what the
// core reaches today (23, 23, 16 and 24 before the directory cache; 18, 16, 13 and 17 before the
// sender was read inside the transaction, outbox rows went in as one statement, the SLA facts
// and nudges as one read, then with the incident in the same statement as its alert links; 11,
// 11, 10 and 12 before the event id was no longer looked up ahead of the work; 10, 10, 9 and 11
// before the directory's version was read by the statement recording the event instead of one
// of its own; 9, 9, 8 and 10 before an incident's SLA facts moved onto its timer row, saved with
// its re-arming in one upsert): a change that adds round trips to a command fails here; one that removes some
// lowers the ceiling with it. The first command after start also loads the directory into
// memory (its version, people with their identities, organisations: 4 more).
const CEILING = { open: 8, ack: 8, note: 7, resolve: 9, unknownIncident: 5 };

describe("SQL statements per command (SQLite through Prisma)", () => {
  const db = tempDatabaseUrl();
  const sent: string[] = [];
  let store: PrismaStore;
  let vigil: Vigil;
  let events = 0;

  beforeAll(async () => {
    store = await openSqliteStore(db.url, { onStatement: (sql) => void sent.push(sql) });
    vigil = createVigil({ store, clock: new FakeClock(), ids: { newId: () => `id-${++events}`, newReference: () => `REF${events}` }, logger: new MemoryLogger(), policy: examplePolicy(), adapters: [new RecordingAdapter("console")] });
    await vigil.start({ background: false });
  });
  afterAll(async () => {
    await vigil.stop();
    await store.close();
    db.cleanup();
  });

  /** Runs a command as a person and returns its reply and the statements it sent. */
  const counted = async (who: string, text: string): Promise<{ reply: Reply; statements: string[] }> => {
    // As in production, the previous command's messages went out first (a card still waiting
    // would take the new card state in place: a different, rarer path).
    await vigil.dispatcher.drain();
    sent.length = 0;
    const reply = await vigil.handle({ kind: "command", eventId: `evt-${++events}`, actor: { platform: "console", userId: who, displayName: who }, at: { platform: "console", channelId: `dm-${who}` }, text });
    return { reply, statements: [...sent] };
  };

  it("keeps open, ack, note and resolve within their statement budgets, cycle after cycle", async () => {
    const first = await counted("ana", "/incident open P3 Warm-up --org acme");
    expect(first.reply.message.text).toMatch(/^Opened INC-1 \(P3\)/);
    expect(first.statements.length).toBeLessThanOrEqual(CEILING.open + 4);
    for (const n of [2, 3]) {
      const open = await counted("ana", "/incident open P2 Disk full on db-1 --org acme");
      expect(open.reply.message.text).toMatch(new RegExp(`^Opened INC-${n} \\(P2\\)`));
      const ack = await counted("ben", `/incident ack ${n}`);
      expect(ack.reply.message.text).toBe(`INC-${n} acknowledged.`);
      const note = await counted("ben", `/incident note ${n} Cleaning old logs`);
      expect(note.reply.message.text).toBe(`Note added to INC-${n}.`);
      const resolve = await counted("ben", `/incident resolve ${n} Added a disk`);
      expect(resolve.reply.message.text).toBe(`INC-${n} resolved.`);
      const counts = { open: open.statements.length, ack: ack.statements.length, note: note.statements.length, resolve: resolve.statements.length };
      // Over budget shows as the command and its count next to the ceiling.
      const over = Object.entries(counts).filter(([kind, count]) => count > CEILING[kind as keyof typeof CEILING]);
      expect(over).toEqual([]);
      // Each command is one transaction: its writes commit together or not at all.
      for (const { statements } of [open, ack, note, resolve]) expect(statements.filter((s) => /^(BEGIN|COMMIT)\b/.test(s))).toEqual(["BEGIN", "COMMIT"]);
    }
  });

  it("refuses an unknown incident within its budget, writing nothing but the handled event", async () => {
    const { reply, statements } = await counted("ben", "/incident ack 99");
    expect(reply.message.text).toMatch(/INC-99/);
    expect(statements.length).toBeLessThanOrEqual(CEILING.unknownIncident);
    expect(statements.filter((s) => /^(INSERT|UPDATE|DELETE)/.test(s) && !/ProcessedEvent/.test(s))).toEqual([]);
  });
});
