import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InboundEvent } from "../../src/ports/chat.js";
import { openSqliteStore, type PrismaStore } from "../../src/infra/prisma/prisma-store.js";
import { tempDatabaseUrl } from "../support/temp-db.js";

// SQLite has one connection for everything: a statement outside a transaction must not land
// inside whichever transaction happens to be open (and vanish with its rollback).
describe("SQLite: statements outside a transaction wait for the open one", () => {
  let db: ReturnType<typeof tempDatabaseUrl>;
  let store: PrismaStore;
  beforeEach(async () => {
    db = tempDatabaseUrl();
    store = await openSqliteStore(db.url);
  });
  afterEach(async () => {
    await store.close();
    db.cleanup();
  });

  const command = (n: number) => ({
    eventId: `slack:cmd:${n}`,
    platform: "slack" as const,
    event: { kind: "command", eventId: `slack:cmd:${n}`, actor: { platform: "slack", userId: "U1", displayName: "ana" }, at: { platform: "slack", channelId: "C1" }, text: "/incident ack 1" } as InboundEvent,
    replyTo: { responseUrl: `https://hooks.slack.test/${n}` },
    receivedAt: new Date("2026-12-02T08:00:00Z"),
  });

  /** Work that starts from outside any transaction (as an HTTP request does) once `open()` is called. */
  const fromOutside = <T>(work: () => Promise<T>) => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const done = gate.then(work);
    return { open, done };
  };

  it("a slash command stored in the inbox while a refused command's transaction rolls back is kept (it was lost)", async () => {
    const slack = fromOutside(() => store.inbox.accept(command(1)));
    const refused = store.transaction(async (tx) => {
      await tx.events.find("evt-refused");
      // Slack's request for another command arrives meanwhile: Vigil stores it, then answers 200.
      slack.open();
      await new Promise((r) => setTimeout(r, 20));
      throw new Error("INC-99 does not exist");
    });
    await expect(refused).rejects.toThrow("INC-99");
    expect(await slack.done).toBe(true);
    expect((await store.inbox.list()).map((e) => e.eventId)).toEqual(["slack:cmd:1"]);
  });

  it("a read outside a transaction does not see what the open transaction has not committed, and sees it once committed", async () => {
    const reader = fromOutside(() => store.inbox.list());
    let settled = false;
    void reader.done.then(() => (settled = true));
    await store.transaction(async (tx) => {
      await tx.events.find("evt-2");
      await store.inbox.accept(command(2)); // the transaction's own call: part of it
      reader.open();
      await new Promise((r) => setTimeout(r, 20));
      expect(settled).toBe(false); // still waiting for this transaction
    });
    expect((await reader.done).map((e) => e.eventId)).toEqual(["slack:cmd:2"]);
  });
});
