import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Notifier } from "../../src/app/incident/notifier.js";
import { customerAnswered } from "../../src/app/sla/waits.js";
import { dutyLeadPosts, threadTexts } from "../support/chat-views.js";
import { createHarness, examplePolicy, type Harness } from "../support/harness.js";

const T0 = new Date("2026-11-02T09:00:00Z"); // 17:00 in Shanghai
const MIN = 60_000;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);

const lines = (text: string) => text.split("\n");
const dutyLead = dutyLeadPosts;
const thread = (h: Harness) => threadTexts(h);

describe("SLA in chat: on call, clocks, lists, digest, customer answers", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    h.clock.set(T0);
  });
  afterEach(async () => h.close());

  it("/oncall shows the roster; leads set it (logged, not on any timeline); nudges mention it", async () => {
    expect((await h.as("ben", "/oncall")).message.text).toBe("On call: Ben Okafor.\nFrom the policy file (nobody has changed it in chat).");
    const refused = await h.as("ben", "/oncall set @ana");
    expect(refused).toMatchObject({ outcome: "refused", code: "AUTH.FORBIDDEN" });
    expect(refused.message.text).toMatch(/^As an engineer you may not set-oncall; that needs a lead or admin\./);
    expect((await h.as("carol", "/oncall")).code).toBe("AUTH.FORBIDDEN");
    expect((await h.as("ana", "/oncall set @ana ben ana")).message.text).toBe("On call is now: Ana Lima, Ben Okafor.");
    expect((await h.as("ben", "/oncall")).message.text).toBe("On call: Ana Lima, Ben Okafor.\nSet by Ana Lima at 2026-11-02 17:00.");
    expect(h.logger.lines.find((l) => l.message === "on-call roster changed")?.fields).toMatchObject({ by: "ana", before: ["ben"], after: ["ana", "ben"] });
    expect((await h.as("ana", "/oncall set carol")).message.text).toBe("“carol” is not a member of staff Vigil knows (use @id).");
    expect((await h.as("ana", "/oncall set")).message.text).toBe("Name at least one person: /oncall set @a @b.");
    expect((await h.as("ana", "/oncall frob")).message.text).toBe("“frob” is not an /oncall action (use /oncall, or /oncall set @a @b).\nUsage: /oncall [set @a @b]");
    await h.as("ana", "/incident open P2 Queue stuck --org acme");
    h.clock.set(at(15));
    await h.tick();
    await h.deliver();
    expect(thread(h).at(-1)).toBe("⏳ INC-1: response target 20m is 75 % used, 5m left. On call: Ana Lima, Ben Okafor.");
  });

  it("/incident show lists each clock; list at-risk and overdue find clocks at 75 % and past 100 %", async () => {
    await h.as("ana", "/incident open P1 Payment API down --org acme");
    await h.as("ana", "/incident open P3 Slow reports --org acme");
    await h.as("ana", "/incident open P2 Login errors --org globex"); // premium: response 15m
    await h.as("ana", "/incident open P4 Backup question --org acme");
    h.clock.set(at(10));
    await h.as("ben", "/incident ack 2");
    h.clock.set(at(16));
    const shown = lines((await h.as("ben", "/incident show 1")).message.text);
    expect(shown.slice(shown.indexOf("SLA clocks:"))).toEqual([
      "SLA clocks:",
      "• Response: target 20m, 16m elapsed, 4m left",
      "• Status update: target 1h, 16m elapsed, 44m left",
      "• Restore: target 3h, 16m elapsed, 2h 44m left",
      "• Resolve: target 3d, 16m elapsed, 2d 23h left",
    ]);
    const p4 = lines((await h.as("ben", "/incident show 4")).message.text);
    expect(p4).toContain("• Response: target 30m on office, 16m elapsed, 14m left");
    const atRisk = await h.as("ben", "/incident list at-risk");
    expect(atRisk.message.title).toBe("2 incidents (at-risk)");
    expect(lines(atRisk.message.text)).toEqual([
      "INC-3 · P2 · open · Globex · unassigned — Login errors · response overdue by 1m",
      "INC-1 · P1 · open · ACME Corp · unassigned — Payment API down · response at 80 %, 4m left",
    ]);
    expect(lines((await h.as("ben", "/incident list overdue")).message.text)).toEqual(["INC-3 · P2 · open · Globex · unassigned — Login errors · response overdue by 1m"]);
    expect((await h.as("ben", "/incident list overdue --org acme")).message.text).toBe("No incidents match.");
    expect(lines((await h.as("carol", "/incident list at-risk")).message.text)).toEqual([
      "INC-1 · P1 · open · ACME Corp · unassigned — Payment API down · response at 80 %, 4m left",
    ]);
  });

  it("the daily digest goes to the duty lead once at the configured local time, with yesterday's breaches and holiday gaps", async () => {
    await h.as("ana", "/incident open P1 Payment API down --org acme");
    await h.as("ana", "/incident open P3 Slow reports --org acme");
    h.clock.set(at(19));
    await h.as("ben", "/incident mitigate 2 Cache warmed");
    h.clock.set(at(20));
    await h.tick(); // INC-1's response breach, 17:20 on 2 Nov in Shanghai
    h.clock.set(new Date("2026-11-03T00:59:00Z"));
    // No tick overnight: the note first sends what came due on INC-1 (update breach at 18:00,
    // restore breach at 20:00 on 2 Nov), late, then restarts its update clock.
    await h.as("ben", "/incident note 1 Still investigating");
    await h.tick();
    await h.deliver();
    const before = dutyLead(h).length;
    h.clock.set(new Date("2026-11-03T01:00:00Z")); // 09:00 in Shanghai
    for (let i = 0; i < 3; i++) await h.tick();
    await h.deliver();
    const digests = dutyLead(h).slice(before).filter((m) => m.title?.startsWith("Daily digest"));
    expect(digests).toHaveLength(1);
    expect(digests[0].title).toBe("Daily digest · 2026-11-03");
    expect(lines(digests[0].text)).toEqual([
      "Open incidents: P1 1 · P2 0 · P3 1 · P4 0",
      "Clocks at risk (≥ 75 %):",
      "• INC-1 (P1) response overdue by 15h 40m",
      "• INC-1 (P1) restore overdue by 13h",
      "Breaches yesterday: 3",
      "• INC-1 response",
      "• INC-1 status update",
      "• INC-1 restore",
      "⚠️ Calendar “office” has no cn holiday data for 2027: public holidays there would count as working days.",
    ]);
    expect((await h.store.deadlines.find("digest"))?.dueAt.toISOString()).toBe("2026-11-04T01:00:00.000Z");
    // Nobody ticked on 4 Nov at 09:00: the next tick sends one digest, marked late, and re-arms.
    h.clock.set(new Date("2026-11-05T03:00:00Z"));
    for (let i = 0; i < 3; i++) await h.tick();
    await h.deliver();
    expect(dutyLead(h).filter((m) => m.title?.startsWith("Daily digest")).map((m) => m.title)).toEqual(["Daily digest · 2026-11-03", "Daily digest · 2026-11-05 (late)"]);
    expect((await h.store.deadlines.find("digest"))?.dueAt.toISOString()).toBe("2026-11-06T01:00:00.000Z");
  });

  it("a wait ends when the customer answers (app-level function for the customer loop)", async () => {
    await h.as("ana", "/incident open P2 Disk full --org acme");
    await h.as("ben", "/incident wait 1 Which volume?");
    h.clock.set(at(60));
    const ctx = { store: h.store, clock: h.clock, ids: { newId: () => "x", newReference: () => "R" }, logger: h.logger, policy: examplePolicy(), platforms: ["console" as const] };
    const answer = () =>
      h.store.transaction(async (tx) => {
        const incident = (await tx.incidents.findByNumber(1))!;
        const carol = (await tx.directory.findPerson("carol"))!;
        return customerAnswered({ ctx, tx, actor: carol, platform: "telegram", now: h.clock.now(), notify: new Notifier(ctx) }, incident);
      });
    expect(await answer()).toBe(true);
    expect(await answer()).toBe(false);
    await h.deliver();
    expect(thread(h)).toContain("▶️ Carol Chen answered; INC-1's restore and resolve clocks run again after 1h.");
    const resumed = (await h.store.timeline.list(1)).find((e) => e.kind === "resumed");
    expect(resumed).toMatchObject({ actorId: "carol", platform: "telegram", details: { via: "customer", waitedMs: 60 * MIN } });
  });

  it("warns at start about calendars whose holiday data misses this year or the next", () => {
    const warning = h.logger.lines.find((l) => l.level === "warn" && l.message.startsWith("calendar has no holiday data"));
    expect(warning?.fields).toEqual({ calendar: "office", holidays: "cn", years: [2027] });
  });
});
