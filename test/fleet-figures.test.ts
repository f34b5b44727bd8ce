import { describe, expect, it } from "vitest";
import { cardOrder, nudges } from "../faults/fleet-figures.js";
import { FakeSlack, type SlackCall } from "./fakes/fake-slack.js";

// What the fake recorded of one chat.postMessage Vigil made for outbox row `row`.
const post = (atMs: number, row: number, text: string, thread?: string): SlackCall => ({
  method: "chat.postMessage",
  path: "/api/chat.postMessage",
  params: { channel: "C1", text, ...(thread ? { thread_ts: thread } : {}), metadata: { event_type: "vigil_outbox_row", event_payload: { row: `vigil-${row}` } } },
  status: 200,
  atMs,
  response: { ok: true },
});

/** The fleet failover run's analyser, on calls as the fake records them. */
describe("fleet failover figures", () => {
  it("judges a channel's order by its queue (outbox rows), not by incident numbers", () => {
    const slack = new FakeSlack();
    // INC-2 was committed (queued) before INC-1: PostgreSQL's number sequence allows it.
    slack.calls.push(post(0, 1, "INC-2 · P3 · B"), post(10, 2, "Ana opened INC-2.", "1.1"), post(20, 3, "INC-1 · P3 · A"));
    expect(cardOrder(slack, "C1")).toEqual({ cards: 2, inOrder: true, numbersInOrder: false, reposts: 0 });
    slack.calls.push(post(30, 5, "x", "1.1"), post(40, 4, "y", "1.1"));
    expect(cardOrder(slack, "C1").inOrder).toBe(false);
  });

  it("tells a nudge row posted twice from two rows for one nudge", () => {
    const slack = new FakeSlack();
    const warning = "⏳ INC-3: response target 1m is 75 % used, 15s left. On call: Ben.";
    slack.calls.push(post(0, 7, warning, "1.1"), post(900, 7, warning, "1.1"), post(1900, 8, warning.replace(". On", " (late). On"), "1.1"));
    expect(nudges(slack)).toEqual({ posted: 3, distinct: 1, duplicated: 2, sameRow: 1 });
  });
});
