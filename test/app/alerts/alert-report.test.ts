import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../support/fake-clock.js";
import { tempDatabaseUrl } from "../../support/temp-db.js";
import { fixture, startAlertRig, type AlertRig } from "./alert-rig.js";

const T0 = new Date("2026-11-02T09:00:00Z");
const MIN = 60_000;
const alert = (dedupKey: string) => JSON.stringify({ dedupKey, status: "firing", summary: `Disk ${dedupKey}`, source: "zabbix" });

describe("the monthly report counts alerts (hand-computed figures)", () => {
  const db = tempDatabaseUrl();
  const clock = new FakeClock(T0);
  let rig: AlertRig;
  beforeAll(async () => {
    rig = await startAlertRig(db.url, { clock });
  });
  afterAll(async () => {
    await rig.close();
    db.cleanup();
  });
  const at = async (minute: number) => {
    clock.set(new Date(T0.getTime() + minute * MIN));
    for (let i = 0; i < 2; i++) await rig.vigil.sweeper.tick();
  };

  it("received, incidents from alerts, share handled within 30 min, silences, graded failures by kind", async () => {
    await rig.post("generic", alert("a")); // INC-1: mitigated at 10 min (handled in time)
    await rig.post("generic", alert("b")); // INC-2: silenced at 20 min (handled in time)
    await rig.post("generic", alert("c")); // INC-3: nobody; fires again unacknowledged
    await rig.post("alertmanager", fixture("alertmanager-group")); // INC-4: a group of 2 firing, nobody
    await rig.as("ana", "/incident open P3 Printer jam --org acme"); // INC-5: not from an alert
    await at(5);
    await rig.post("generic", alert("c"));
    await at(10);
    await rig.as("ben", "/incident mitigate 1 Freed space");
    await at(20);
    await rig.as("ben", "/incident silence INC-2 4h waiting for the vendor");
    for (const minute of [30, 31, 480, 481, 540]) await at(minute);
    const reply = await rig.as("ana", "/incident report 2026-11");
    const lines = reply.message.text.split("\n");
    expect(lines.slice(-2)).toEqual([
      "Alerts: 6 received · 4 incident(s) from alerts · 50 % handled within 30m (2 of 4) · 1 silence(s)",
      // INC-2, 3 and 4 are unhandled at 8 h: a silence takes an alert offline, it does not handle it.
      "Graded failures: fired again unacknowledged 1 · unhandled after 8h 3 · unhandled after 12h 0",
    ]);
    const globex = await rig.as("ana", "/incident report 2026-11 --org globex");
    expect(globex.message.text.split("\n").slice(-2)[0]).toBe("Alerts: 0 received · 0 incident(s) from alerts · – handled within 30m (0 of 0) · 0 silence(s)");
  });
});
