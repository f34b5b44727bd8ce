import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dutyLeadPosts, threadTexts } from "../support/chat-views.js";
import { createHarness, type Harness } from "../support/harness.js";

const T0 = new Date("2026-11-02T09:00:00Z");
const MIN = 60_000;

/** Every SLA nudge on an incident's timeline as [minute after T0, kind, clock, repeat, late]. */
async function nudges(h: Harness, number: number) {
  const incident = await h.store.incidents.findByNumber(number);
  return (await h.store.timeline.list(incident!.id))
    .filter((e) => e.kind.startsWith("sla_"))
    .map((e) => [(e.at.getTime() - T0.getTime()) / MIN, e.details.kind, e.details.clock, e.details.repeat, e.details.late]);
}

async function autoEscalations(h: Harness, number: number) {
  const incident = await h.store.incidents.findByNumber(number);
  return (await h.store.timeline.list(incident!.id)).filter((e) => e.kind === "escalated" && e.details.auto);
}

const thread = (h: Harness) => threadTexts(h);
const dutyLead = (h: Harness) => dutyLeadPosts(h).map((m) => m.text);

/** Move the clock to `minute` after T0 and tick several times, as overlapping schedulers would. */
async function at(h: Harness, minute: number, ticks = 3): Promise<void> {
  h.clock.set(new Date(T0.getTime() + minute * MIN));
  for (let i = 0; i < ticks; i++) await h.tick();
  await h.deliver();
}

describe("SLA nudges and automatic escalation (fake clock, SQLite)", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    h.clock.set(T0);
  });
  afterEach(async () => h.close());

  it("a P1: warning at 15 min, breach and tier escalation at 20 min, update nudges each hour while unmitigated, each once", async () => {
    await h.as("ana", "/incident open P1 Payment API down --org acme");
    await h.deliver();
    for (let minute = 0; minute <= 181; minute++) {
      h.clock.set(new Date(T0.getTime() + minute * MIN));
      if (minute === 25) await h.as("ben", "/incident ack 1");
      if (minute === 90) await h.as("ben", "/incident note 1 Failover started");
      await at(h, minute, 2);
    }
    expect(await nudges(h, 1)).toEqual([
      [15, "warning", "response", 0, false],
      [20, "breach", "response", 0, false],
      [70, "warning", "update", 0, false], // acknowledged at 25: the update clock restarted then
      [85, "breach", "update", 0, false],
      [135, "warning", "update", 0, false], // the note at 90 restarted it again
      [135, "warning", "restore", 0, false],
      [150, "breach", "update", 0, false],
      [180, "repeat", "update", 1, false],
      [180, "breach", "restore", 0, false],
    ]);
    expect(thread(h).slice(1, 4)).toEqual([
      "⏳ INC-1: response target 20m is 75 % used, 5m left. On call: Ben Okafor.",
      "🔥 INC-1: response target 20m breached. On call: Ben Okafor.",
      "⬆️ Vigil escalated INC-1 to duty lead: response target 20m breached. On call: Ben Okafor.",
    ]);
    expect(thread(h)).toContain("🔥 INC-1: status update still overdue by 30m (reminder 1 of 5). On call: Ben Okafor.");
    expect(dutyLead(h).slice(1, 3)).toEqual([
      "🔥 INC-1 (P1) Payment API down: response target 20m breached. On call: Ben Okafor.",
      "⬆️ INC-1 (P1) Payment API down escalated to duty lead by Vigil: response target 20m breached. On call: Ben Okafor.",
    ]);
    const escalations = await autoEscalations(h, 1);
    expect(escalations.map((e) => [e.actorId, e.platform, e.details.clock, e.details.fromTier, e.details.toTier, e.details.toSeverity])).toEqual([
      ["system", "system", "response", 0, 1, "P1"],
      ["system", "system", "restore", 1, 2, "P1"],
    ]);
    expect(await h.store.incidents.findByNumber(1)).toMatchObject({ tier: 2, severity: "P1" });
  });

  it("a P2 not restored in 8 h is raised to P1 (and a tier) once; the update clock starts then", async () => {
    await h.as("ana", "/incident open P2 Replica lag --org acme");
    h.clock.set(new Date(T0.getTime() + 5 * MIN));
    await h.as("ben", "/incident assign 1 me");
    await h.as("ben", "/incident ack 1");
    await at(h, 6 * 60);
    await at(h, 8 * 60 - 1);
    await at(h, 8 * 60, 5);
    for (const minute of [8 * 60 + 29, 8 * 60 + 30, 8 * 60 + 44, 8 * 60 + 45]) await at(h, minute);
    // Restore reminders follow the breach sent at 8 h (not the new 3 h target: no burst).
    expect(await nudges(h, 1)).toEqual([
      [360, "warning", "restore", 0, false],
      [480, "breach", "restore", 0, false],
      [510, "repeat", "restore", 1, false],
      [525, "warning", "update", 0, false],
    ]);
    const [raise] = await autoEscalations(h, 1);
    expect(raise.details).toMatchObject({ clock: "restore", fromSeverity: "P2", toSeverity: "P1", fromTier: 0, toTier: 1 });
    expect(await autoEscalations(h, 1)).toHaveLength(1);
    expect(thread(h)).toContain("⬆️ Vigil raised INC-1 P2 → P1 and escalated it to duty lead: restore target 8h breached. Assignee: Ben Okafor.");
    expect(await h.store.incidents.findByNumber(1)).toMatchObject({ severity: "P1", tier: 1 });
    const card = h.chat.inChannel("acme-incidents").filter((c) => c.op === "update").at(-1)!;
    expect(card.message.title).toBe("INC-1 · P1 · Replica lag");
  });

  it("nudges notify the assignee (else whoever is on call) on each platform where they have an id", async () => {
    await h.as("ana", "/incident open P1 Payment API down --org acme");
    await at(h, 15);
    const ben = { name: "Ben Okafor", ids: { slack: "U0BEN", discord: "100000000000000002", console: "ben" } };
    const warning = h.chat.inChannel("acme-incidents").find((c) => c.message.text.startsWith("⏳ INC-1"));
    expect(warning?.message.mentions).toEqual([ben]);
    await h.as("ben", "/incident assign 1 @ana");
    await at(h, 20);
    const breach = dutyLeadPosts(h).find((m) => m.text.startsWith("🔥 INC-1"));
    expect(breach?.mentions).toEqual([{ name: "Ana Lima", ids: { slack: "U0ANA", discord: "100000000000000001", telegram: "5001", console: "ana" } }]);
  });

  it("nothing is nudged for clocks that stopped in time, and a closed incident's timer is finished", async () => {
    await h.as("ana", "/incident open P3 Slow search --org acme");
    h.clock.set(new Date(T0.getTime() + 10 * MIN));
    await h.as("ben", "/incident resolve 1 Reindexed");
    await h.as("ana", "/incident close 1");
    for (const minute of [15, 20, 60, 24 * 60, 8 * 24 * 60]) await at(h, minute);
    expect(await nudges(h, 1)).toEqual([]);
    expect(await h.store.deadlines.find(`incident:${(await h.store.incidents.findByNumber(1))!.id}`)).toMatchObject({ status: "done" });
  });
});
