import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/ports/chat.js";
import { createHarness, type Harness } from "../support/harness.js";

// Every path that moves an incident goes through the one transition table: a change it forbids
// is refused wherever it comes from, and the timeline is left exactly as it was.
describe("a change the transition table forbids is refused on every path, the timeline unchanged", () => {
  let h: Harness;
  let pressed = 0;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => h.close());

  function press(person: string, actionId: string): Promise<Reply> {
    const ref = { platform: "console" as const, channelId: person, messageId: "m" };
    return h.vigil.handle({ kind: "action", eventId: `press-${++pressed}`, actor: { platform: "console", userId: person, displayName: person }, at: ref, message: ref, actionId });
  }

  /** Carol reports INC-1, Ben resolves it: a confirmation question is pending. Returns its id. */
  async function resolvedWithQuestion(): Promise<number> {
    const ask = await h.as("carol", "/report Exports fail");
    await press("carol", ask.message.actions![2].id);
    await h.as("ben", "/resolve 1 Cleared the export queue");
    const incident = (await h.store.incidents.findByNumber(1))!;
    return (await h.store.followUps.findPendingCheck(incident.id))!.id;
  }

  async function snapshot() {
    const incident = (await h.store.incidents.findByNumber(1))!;
    return { incident, timeline: await h.store.timeline.list(incident.id) };
  }

  it("a customer “Yes” on an incident an engineer already closed", async () => {
    const checkId = await resolvedWithQuestion();
    await h.as("ana", "/incident close 1");
    const before = await snapshot();
    const reply = await press("carol", `c:${checkId}:y`);
    expect(reply).toMatchObject({ outcome: "refused", code: "CHECK.OVER" });
    expect(await snapshot()).toEqual(before);
    expect(before.incident.status).toBe("closed");
  });

  it("a customer “No” on an incident a lead already reopened", async () => {
    const checkId = await resolvedWithQuestion();
    await h.as("ana", "/incident reopen 1 Not yet");
    const before = await snapshot();
    expect((await press("carol", `c:${checkId}:n`)).code).toBe("CHECK.OVER");
    expect(await snapshot()).toEqual(before);
    expect(before.incident.status).toBe("acknowledged");
  });

  it("a deemed confirmation that comes due after the incident was reopened", async () => {
    await resolvedWithQuestion();
    await h.as("ana", "/incident reopen 1 Not yet");
    const before = await snapshot();
    h.clock.advance(7 * 24 * 3600_000);
    await h.tick();
    const after = await snapshot();
    expect(after.incident.status).toBe("acknowledged");
    expect(after.timeline.filter((e) => e.kind === "closed" || e.kind === "deemed_confirmed")).toEqual([]);
    // The week also brought SLA nudges; none of them is a lifecycle move.
    expect(after.timeline.slice(0, before.timeline.length)).toEqual(before.timeline);
  });

  it("a deemed confirmation whose incident was moved under it (its question still pending) closes nothing", async () => {
    const checkId = await resolvedWithQuestion();
    // Another writer reopened the incident without ending the question: the deadline still fires.
    await h.store.transaction(async (tx) => {
      const incident = (await tx.incidents.findByNumber(1))!;
      await tx.incidents.update({ ...incident, status: "acknowledged", resolvedAt: undefined, resolution: undefined });
    });
    const before = await snapshot();
    h.clock.advance(7 * 24 * 3600_000);
    await h.tick();
    const after = await snapshot();
    expect(after.incident.status).toBe("acknowledged");
    expect(after.timeline.filter((e) => e.kind === "closed" || e.kind === "deemed_confirmed")).toEqual([]);
    expect(after.timeline.slice(0, before.timeline.length)).toEqual(before.timeline);
    expect((await h.store.followUps.findCheck(checkId))?.status).toBe("cancelled");
  });

  it("a card button that the status no longer allows (Acknowledge on a resolved incident)", async () => {
    await h.as("ana", "/incident open P3 Disk full --org acme");
    await h.as("ben", "/resolve 1 Freed space");
    const before = await snapshot();
    const reply = await press("ben", "inc:ack:1");
    expect(reply).toMatchObject({ outcome: "refused", code: "INCIDENT.ALREADY_DONE" });
    expect((await press("ben", "inc:escalate:1")).code).toBe("INCIDENT.NOT_EDITABLE");
    expect(await snapshot()).toEqual(before);
  });

  it("commands: close before resolve, escalate once resolved", async () => {
    await h.as("ana", "/incident open P3 Disk full --org acme");
    const before = await snapshot();
    expect((await h.as("ana", "/incident close 1")).code).toBe("INCIDENT.INVALID_TRANSITION");
    expect(await snapshot()).toEqual(before);
    await h.as("ben", "/resolve 1 Freed space");
    const resolved = await snapshot();
    expect((await h.as("ben", "/incident escalate 1 worse")).code).toBe("INCIDENT.NOT_EDITABLE");
    expect(await snapshot()).toEqual(resolved);
  });
});
