import { afterEach, describe, expect, it } from "vitest";
import { createVigil, type Vigil } from "../../src/app/vigil.js";
import { openSqliteStore, type PrismaStore } from "../../src/infra/prisma/prisma-store.js";
import { RecordingAdapter } from "../fakes/recording-adapter.js";
import { FakeClock } from "../support/fake-clock.js";
import { examplePolicy, MemoryLogger } from "../support/harness.js";
import { tempDatabaseUrl } from "../support/temp-db.js";

const T0 = new Date("2026-11-02T09:00:00Z");
const MIN = 60_000;

/** One bot process on the shared file: its own store connection, adapter and Vigil. */
async function boot(url: string, clock: FakeClock): Promise<{ store: PrismaStore; chat: RecordingAdapter; vigil: Vigil }> {
  const store = await openSqliteStore(url);
  const chat = new RecordingAdapter();
  let n = 0;
  const ids = { newId: () => `id-${++n}`, newReference: () => `REF${n}` };
  const vigil = createVigil({ store, clock, ids, logger: new MemoryLogger(), policy: examplePolicy(), adapters: [chat] });
  await vigil.start({ background: false });
  return { store, chat, vigil };
}

describe("a bot that was down catches up on restart", () => {
  const db = tempDatabaseUrl();
  afterEach(() => db.cleanup());

  it("stopped for two hours: every threshold passed meanwhile is sent once, marked late", async () => {
    const clock = new FakeClock(T0);
    const first = await boot(db.url, clock);
    await first.vigil.handle({
      kind: "command",
      eventId: "open-1",
      actor: { platform: "console", userId: "ana", displayName: "ana" },
      at: { platform: "console", channelId: "dm-ana" },
      text: "/incident open P1 Checkout down --org acme",
    });
    clock.set(new Date(T0.getTime() + 5 * MIN));
    await first.vigil.sweeper.tick();
    await first.vigil.dispatcher.drain();
    await first.vigil.stop();
    await first.store.close();

    clock.set(new Date(T0.getTime() + 125 * MIN)); // down from 09:05 to 11:05
    const second = await boot(db.url, clock);
    const catchUp = await second.vigil.sweeper.tick();
    for (let i = 0; i < 3; i++) expect((await second.vigil.sweeper.tick()).nudges).toBe(0);
    await second.vigil.dispatcher.drain();
    expect(catchUp).toMatchObject({ nudges: 6, escalations: 1 });

    const incident = (await second.store.incidents.findByNumber(1))!;
    const entries = (await second.store.timeline.list(incident.id)).filter((e) => e.kind.startsWith("sla_") || e.details.auto);
    expect(entries.map((e) => [e.kind, e.details.clock, (Date.parse(String(e.details.dueAt)) - T0.getTime()) / MIN || undefined, e.details.late ?? null])).toEqual([
      ["sla_warning", "response", 15, true],
      ["sla_breach", "response", 20, true],
      ["escalated", "response", undefined, null],
      ["sla_warning", "update", 45, true],
      ["sla_breach", "update", 60, true],
      ["sla_repeat", "response", 110, true], // repeats 1–2 (50, 80 min) are folded into the latest
      ["sla_repeat", "update", 120, true],
    ]);
    expect(entries.every((e) => e.at.getTime() === clock.now().getTime())).toBe(true);
    const thread = second.chat.inChannel("acme-incidents").flatMap((c) => (c.op === "post" && c.to.threadId ? [c.message.text] : []));
    expect(thread).toEqual([
      "⏳ INC-1: response target 20m is 75 % used, 5m left (late). On call: Ben Okafor.",
      "🔥 INC-1: response target 20m breached (late). On call: Ben Okafor.",
      "⬆️ Vigil escalated INC-1 to duty lead: response target 20m breached (late). On call: Ben Okafor.",
      "⏳ INC-1: status update target 1h is 75 % used, 15m left (late). On call: Ben Okafor.",
      "🔥 INC-1: status update target 1h breached (late). On call: Ben Okafor.",
      "🔥 INC-1: response still overdue by 1h 45m (reminder 3 of 5) (late). On call: Ben Okafor.",
      "🔥 INC-1: status update still overdue by 1h 5m (reminder 2 of 5) (late). On call: Ben Okafor.",
    ]);
    await second.vigil.stop();
    await second.store.close();
  });
});
