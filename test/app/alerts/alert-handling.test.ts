import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../support/fake-clock.js";
import { runSweepWorkers } from "../../support/sweep-workers.js";
import { tempDatabaseUrl } from "../../support/temp-db.js";
import { startAlertRig, type AlertRig } from "./alert-rig.js";

const T0 = new Date("2026-11-02T09:00:00Z");
const MIN = 60_000;
const alert = (dedupKey: string, status = "firing") => JSON.stringify({ dedupKey, status, severity: "warning", summary: `Disk ${dedupKey}`, source: "zabbix" });

/** The contract's alert-handling rules as clocks (fake clock, SQLite, the sweeper's tick). */
describe("the 30-minute rule, silences and the graded failures", () => {
  let db: ReturnType<typeof tempDatabaseUrl>;
  let clock: FakeClock;
  let rig: AlertRig;
  beforeEach(async () => {
    db = tempDatabaseUrl();
    clock = new FakeClock(T0);
    rig = await startAlertRig(db.url, { clock });
  });
  afterEach(async () => {
    await rig.close();
    db.cleanup();
  });

  const at = async (minute: number, r = rig) => {
    clock.set(new Date(T0.getTime() + minute * MIN));
    for (let i = 0; i < 3; i++) await r.vigil.sweeper.tick();
  };
  const kinds = async (n: number) => {
    const incident = await rig.store.incidents.findByNumber(n);
    return (await rig.store.timeline.list(incident!.id)).map((e) => e.kind).filter((k) => k.startsWith("alert_"));
  };

  it("unhandled at 30 min: overdue once, in the thread and to the duty lead; one mitigated in time is not", async () => {
    await rig.post("generic", alert("a"));
    await rig.post("generic", alert("b"));
    await at(10);
    await rig.as("ben", "/incident mitigate 2 Cleared the volume");
    await at(29);
    await rig.deliver();
    expect(rig.dutyLead().filter((t) => t.startsWith("⏰"))).toEqual([]);
    await at(30);
    await at(31);
    await rig.deliver();
    expect(rig.dutyLead().filter((t) => t.startsWith("⏰"))).toEqual(["⏰ INC-1: this alert was not handled (mitigated, resolved or silenced) within 30m."]);
    expect(rig.thread().filter((t) => t.startsWith("⏰"))).toHaveLength(1);
    expect(await kinds(1)).toEqual(["alert_unrouted", "alert_handling_overdue"]);
    expect(await kinds(2)).toEqual(["alert_unrouted"]);
  });

  it("silenced in time: no overdue, the duty lead is told, repeats post nothing, mitigating brings it back online", async () => {
    await rig.post("generic", alert("a"));
    await rig.deliver(); // as the running outbox would, before 15 minutes pass
    await at(15);
    await rig.as("ben", "/incident ack 1");
    expect((await rig.as("carol", "/incident silence INC-1 2h vendor")).outcome).not.toBe("ok");
    await at(20);
    const reply = await rig.as("ben", "/incident silence INC-1 2h waiting for the storage vendor");
    expect(reply.message.text).toBe("🔕 INC-1 is silenced until 2026-11-02 19:20. Repeat alerts update the card but post nothing; it comes back online when mitigated or resolved.");
    expect((await rig.as("ben", "/incident silence INC-1 1h again")).message.text).toMatch(/^INC-1 is already silenced until/);
    await rig.deliver();
    expect(rig.dutyLead().at(-1)).toBe("🔕 INC-1 silenced for 2h by Ben Okafor: waiting for the storage vendor");
    await at(45);
    await rig.post("generic", alert("a")); // 45 min after the first: a repeat would be announced, but it is silenced
    await at(50);
    await rig.deliver();
    expect(rig.thread().filter((t) => t.startsWith("🔁") || t.startsWith("⏰"))).toEqual([]);
    await rig.as("ben", "/incident mitigate 1 Vendor replaced the disk");
    await at(200);
    await rig.deliver();
    expect(rig.thread().filter((t) => t.startsWith("🔔"))).toEqual(["🔔 INC-1: alert back online (the incident was handled)."]);
    expect(await kinds(1)).toEqual(["alert_unrouted", "alert_silenced", "alert_fired_again", "alert_back_online"]);
    expect(await rig.store.alerts.silencesOf([1])).toMatchObject([{ endReason: "handled", byId: "ben" }]);
  });

  it("a silence that runs out brings the alert back online once; repeats are announced again", async () => {
    await rig.post("generic", alert("a"));
    await rig.as("ben", "/incident ack 1");
    await rig.as("ben", "/incident silence INC-1 1h checking");
    await at(59);
    await rig.deliver();
    expect(rig.thread().filter((t) => t.startsWith("🔔"))).toEqual([]);
    await at(60);
    await at(61);
    await rig.post("generic", alert("a"));
    await rig.deliver();
    expect(rig.thread().filter((t) => t.startsWith("🔔") || t.startsWith("🔁"))).toEqual([
      "🔔 INC-1: alert back online (the silence ran out).",
      "🔁 INC-1: the alert fired again (×2).",
    ]);
  });

  it("graded failures: fired again unacknowledged, unhandled at 8 h and at 12 h, each once, across two processes and a restart", { timeout: 180_000 }, async () => {
    await rig.post("generic", alert("a"));
    await at(5);
    await rig.post("generic", alert("a"));
    await at(6);
    await rig.post("generic", alert("a"));
    await rig.close();
    // Two bot processes on the same database tick the same moments; then Vigil restarts.
    const instants = [479, 480, 481, 719, 720, 721, 2000];
    await runSweepWorkers(db.url, 2, instants.map((m) => new Date(T0.getTime() + m * MIN)));
    rig = await startAlertRig(db.url, { clock });
    await at(2001);
    const failures = (await rig.store.outbox.list()).filter((r) => r.channelId === "duty-lead" && r.message.text.startsWith("🚨")).map((r) => r.message.text);
    expect(failures).toEqual([
      "🚨 Graded failure on INC-1: the same alert fired again while nobody has acknowledged it.",
      "🚨 Graded failure on INC-1: the alert is still unhandled after 8h.",
      "🚨 Graded failure on INC-1: the alert is still unhandled after 12h.",
    ]);
    expect(await kinds(1)).toEqual(["alert_unrouted", "alert_fired_again", "alert_failure", "alert_fired_again", "alert_handling_overdue", "alert_failure", "alert_failure"]);
    expect((await rig.store.alerts.failuresOf([1])).map((f) => [f.kind, (f.at.getTime() - T0.getTime()) / MIN])).toEqual([
      // Nobody ticked between minute 6 and 479: the overdue 30-minute rule is caught up late, once.
      ["repeat_unacknowledged", 5], ["handling_overdue", 479], ["unhandled_first", 480], ["unhandled_second", 720],
    ]);
  });
});
