import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { threadTexts } from "../support/chat-views.js";
import { createHarness, type Harness } from "../support/harness.js";

const T0 = new Date("2026-11-02T09:00:00Z");
const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (ms: number) => new Date(T0.getTime() + ms);

async function nudges(h: Harness) {
  const incident = await h.store.incidents.findByNumber(1);
  return (await h.store.timeline.list(incident!.id))
    .filter((e) => e.kind.startsWith("sla_"))
    .map((e) => [(e.at.getTime() - T0.getTime()) / MIN, e.details.kind, e.details.clock]);
}

async function timerDue(h: Harness): Promise<string | undefined> {
  const incident = await h.store.incidents.findByNumber(1);
  const timer = await h.store.deadlines.find(`incident:${incident!.id}`);
  return timer?.status === "pending" ? timer.dueAt.toISOString() : undefined;
}

async function clockLine(h: Harness, name: string): Promise<string | undefined> {
  const shown = await h.as("ben", "/incident show 1");
  return shown.message.text.split("\n").find((l) => l.startsWith(`• ${name}:`));
}

/** Tick at each instant (ms after T0), three times each. */
async function ticks(h: Harness, ...offsets: number[]): Promise<void> {
  for (const offset of offsets) {
    h.clock.set(at(offset));
    for (let i = 0; i < 3; i++) await h.tick();
  }
}

describe("SLA re-targeting: waits, severity changes, reopen", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    h.clock.set(T0);
  });
  afterEach(async () => h.close());

  it("waiting on the customer pauses restore and resolve until resumed; the deadlines move by the wait", async () => {
    await h.as("ana", "/incident open P2 Disk full --org acme");
    h.clock.set(at(1 * MIN));
    await h.as("ben", "/incident ack 1");
    h.clock.set(at(2 * HOUR));
    const waiting = await h.as("ben", "/incident wait INC-1 Need the server logs");
    expect(waiting.message.text).toBe("INC-1 is waiting on the customer; the restore and resolve clocks are paused until /incident resume INC-1.");
    expect((await h.as("ben", "/incident wait 1 again")).code).toBe("SLA.ALREADY_WAITING");
    h.clock.set(at(3 * HOUR));
    expect(await clockLine(h, "Restore")).toBe("• Restore: target 8h, 2h elapsed, paused (waiting on the customer)");
    expect(await clockLine(h, "Resolve")).toBe("• Resolve: target 3d, 2h elapsed, paused (waiting on the customer)");
    expect(await timerDue(h)).toBeUndefined();
    await ticks(h, 6 * HOUR, 8 * HOUR);
    expect(await nudges(h)).toEqual([]);
    // Resumed after 3 h of waiting: restore warning at 6 h of running time = 9 h, breach at 11 h.
    h.clock.set(at(5 * HOUR));
    expect((await h.as("ben", "/incident resume 1")).message.text).toBe("INC-1: the restore and resolve clocks run again.");
    expect((await h.as("ben", "/incident resume 1")).code).toBe("SLA.NOT_WAITING");
    expect(await timerDue(h)).toBe(at(9 * HOUR).toISOString());
    await ticks(h, 9 * HOUR - MIN, 9 * HOUR, 11 * HOUR);
    expect(await nudges(h)).toEqual([
      [540, "warning", "restore"],
      [660, "breach", "restore"],
    ]);
    await h.deliver();
    const thread = threadTexts(h);
    expect(thread).toContain("⏸ Ben Okafor: INC-1 is waiting on the customer: Need the server logs. The restore and resolve clocks are paused.");
    expect(thread).toContain("▶️ Ben Okafor resumed INC-1: the restore and resolve clocks run again after 3h waiting on the customer.");
    const kinds = (await h.store.timeline.list((await h.store.incidents.findByNumber(1))!.id)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["waiting", "resumed"]));
  });

  it("a severity change re-targets from the incident's start, both ways", async () => {
    await h.as("ana", "/incident open P3 Slow checkout --org acme");
    h.clock.set(at(1 * MIN));
    await h.as("ben", "/incident ack 1");
    expect(await timerDue(h)).toBe(at(18 * HOUR).toISOString()); // P3 restore 24 h: warning at 18 h
    h.clock.set(at(1 * HOUR));
    await h.as("ana", "/incident severity 1 P2 More customers affected");
    expect(await timerDue(h)).toBe(at(6 * HOUR).toISOString()); // P2 restore 8 h from the start
    await ticks(h, 6 * HOUR);
    expect(await nudges(h)).toEqual([[360, "warning", "restore"]]);
    h.clock.set(at(7 * HOUR));
    await h.as("ana", "/incident severity 1 P3 Workaround found for most");
    expect(await clockLine(h, "Restore")).toBe("• Restore: target 1d, 7h elapsed, 17h left");
    await ticks(h, 8 * HOUR, 18 * HOUR);
    // The warning went out once; the breach now comes at 24 h.
    expect(await nudges(h)).toEqual([[360, "warning", "restore"]]);
    await ticks(h, 24 * HOUR);
    expect(await nudges(h)).toEqual([
      [360, "warning", "restore"],
      [1440, "breach", "restore"],
    ]);
  });

  it("reopening restarts the resolve clock; the post-incident report stops the report clock", async () => {
    await h.as("ana", "/incident open P2 Lost orders --org acme");
    h.clock.set(at(1 * MIN));
    await h.as("ben", "/incident ack 1");
    h.clock.set(at(30 * MIN));
    await h.as("ben", "/incident mitigate 1 Queue drained");
    h.clock.set(at(2 * HOUR));
    await h.as("ben", "/incident resolve 1 Fixed the consumer");
    expect(await clockLine(h, "Resolve")).toBe("• Resolve: target 3d, met in 2h");
    expect(await clockLine(h, "Post-incident report")).toBe("• Post-incident report: target 5d, 0s elapsed, 5d left");
    h.clock.set(at(3 * HOUR));
    await h.as("ana", "/incident reopen 1 Orders lost again");
    expect(await clockLine(h, "Resolve")).toBe("• Resolve: target 3d, 0s elapsed, 3d left");
    expect(await clockLine(h, "Restore")).toBe("• Restore: target 8h, met in 30m");
    h.clock.set(at(4 * HOUR));
    await h.as("ben", "/incident resolve 1 Fixed for real");
    h.clock.set(at(5 * HOUR));
    expect((await h.as("ben", "/incident postmortem 1 https://wiki.example/pm/1")).message.text).toBe("Post-incident report attached to INC-1.");
    expect(await clockLine(h, "Post-incident report")).toBe("• Post-incident report: target 5d, met in 1h");
    expect(await timerDue(h)).toBeUndefined();
    expect((await h.as("ben", "/incident postmortem 1 https://wiki.example/pm/1-v2")).message.text).toBe("Post-incident report of INC-1 replaced.");
  });
});
