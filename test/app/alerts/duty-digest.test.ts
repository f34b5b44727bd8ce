import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChatDeliveryError } from "../../../src/ports/chat.js";
import { FakeClock } from "../../support/fake-clock.js";
import { tempDatabaseUrl } from "../../support/temp-db.js";
import { startAlertRig, type AlertRig } from "./alert-rig.js";

const alert = (dedupKey: string) => JSON.stringify({ dedupKey, status: "firing", severity: "warning", summary: `Disk ${dedupKey}`, source: "zabbix" });

/** Many incidents at once tell the duty lead many things; a channel that fell behind gets them as one message. */
describe("duty-lead digest: posts waiting in the duty lead's channel go out as one", () => {
  let db: ReturnType<typeof tempDatabaseUrl>;
  let clock: FakeClock;
  let rig: AlertRig;
  beforeEach(async () => {
    db = tempDatabaseUrl();
    clock = new FakeClock("2026-11-02T09:00:00Z");
    rig = await startAlertRig(db.url, { clock });
  });
  afterEach(async () => {
    await rig.close();
    db.cleanup();
  });

  const fiveNewAlerts = async () => {
    for (const key of ["a", "b", "c", "d", "e"]) expect((await rig.post("generic", alert(key))).status).toBe(200);
  };
  const later = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));

  it("posts that waited behind the channel's pace: one message naming each incident once, the cards untouched", async () => {
    await fiveNewAlerts();
    later(10_000);
    await rig.deliver();
    const posts = rig.chat.inChannel("duty-lead");
    expect(posts).toHaveLength(1);
    const digest = posts[0].op === "post" ? posts[0].message : undefined;
    expect(digest?.title).toBe("5 updates for the duty lead");
    expect(digest?.text.split("\n")).toEqual(["a", "b", "c", "d", "e"].map((k, i) => `📥 INC-${i + 1} Disk ${k}: no alert route matched, so it went to ACME Corp. Please route it (or add a route to the policy file).`));
    expect(rig.lastCards()).toHaveLength(5);
    const rows = (await rig.store.outbox.list()).filter((r) => r.channelId === "duty-lead");
    expect(rows.map((r) => r.status)).toEqual(["sent", "superseded", "superseded", "superseded", "superseded"]);
  });

  it("a channel that keeps up gets each post on its own, as before", async () => {
    await fiveNewAlerts();
    await rig.deliver();
    expect(rig.dutyLead()).toHaveLength(5);
  });

  it("the fold is stored before sending: a digest that fails once goes out whole afterwards, no line twice or lost", async () => {
    await fiveNewAlerts();
    later(10_000);
    rig.chat.failures.push({ channelId: "duty-lead", error: new ChatDeliveryError("service unavailable"), times: 1 });
    await rig.deliver();
    later(60_000);
    await rig.deliver();
    expect(rig.chat.failures[0].times).toBe(0); // the first attempt did fail
    const sent = rig.dutyLead();
    expect(sent).toHaveLength(1);
    const lines = sent[0].split("\n");
    expect(lines).toHaveLength(5);
    expect(new Set(lines).size).toBe(5);
  });
});
