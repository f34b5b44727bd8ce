import { afterEach, describe, expect, it } from "vitest";
import type { Reply } from "../../../src/ports/chat.js";
import type { ProcessIdentity } from "../../../src/ports/process-identity.js";
import { CAROL, createTelegramRig, type TelegramRig } from "./telegram-rig.js";

// The crash window of a Telegram update: the real node-telegram-bot-api took it from the fake
// Bot API, and the process died before the core applied it. The offset was not confirmed, so
// Telegram hands the update out again, but the update ledger had already marked it seen, so
// that copy is never answered. The inbox row is what carries the answer: the next process (same database, same bot)
// applies it once and sends the reply to the chat it came from (the redelivered copy reaches
// the core too, which returns the reply it kept, and is not answered again).

const dead: ProcessIdentity = { id: "process-a", host: "test-host", pid: 4242, isAlive: () => true };
const next: ProcessIdentity = { id: "process-b", host: "test-host", pid: 4343, isAlive: (pid) => pid !== dead.pid };
const ASKED = "How much does it affect you?";

let rigs: TelegramRig[] = [];
let unblock: (() => void) | undefined;
afterEach(async () => {
  unblock?.();
  for (const rig of rigs.reverse()) await rig.close();
  rigs = [];
});

describe("Telegram: an update taken in survives the process dying", () => {
  it("killed before applying: the next process applies it once and replies once; the redelivered copy changes nothing", async () => {
    const a = await createTelegramRig({ harness: { identity: dead } });
    rigs.push(a);
    const gate = new Promise<void>((resolve) => (unblock = resolve));
    const gone: Reply = { outcome: "error", message: { text: "" } };
    await a.adapter.stop();
    await a.adapter.start(async () => (await gate, gone), a.h.vigil.inbox);
    const updateId = a.fake.say(CAROL, "/report Invoices are not generated");
    await expect.poll(async () => (await a.h.store.inbox.list()).map((r) => [r.eventId, r.owner, r.replyTo.chatId]), { timeout: 5000 }).toEqual([
      [`telegram:${a.fake.bot.id}:${updateId}`, dead.id, String(CAROL.id)],
    ]);
    expect(a.fake.find(CAROL.id, ASKED)).toBeUndefined();

    const b = await createTelegramRig({ harness: { identity: next, sharedStore: a.h.store }, fake: a.fake });
    rigs.push(b);
    expect(a.fake.find(CAROL.id, ASKED)).toBeDefined();
    expect(await b.h.store.inbox.list()).toEqual([]);
    // The unconfirmed update comes again to the new poller, which confirms it past and drops it.
    await a.fake.waitFor(() => a.fake.callsTo("getUpdates").some((c) => Number(c.params.offset) > updateId), 5000);
    await b.adapter.repliesSent();
    expect(a.fake.chat(CAROL.id).filter((m) => m.text.includes(ASKED))).toHaveLength(1);
    expect(await b.h.store.inbox.list()).toEqual([]);
  });
});
