import { afterEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../support/fake-clock.js";
import { tempDatabaseUrl } from "../../support/temp-db.js";
import { field, fixture, startAlertRig, type AlertRig } from "./alert-rig.js";

describe("dedup survives a restart: the dedup key lives in the database", () => {
  const db = tempDatabaseUrl();
  let rig: AlertRig | undefined;
  afterEach(async () => {
    await rig?.close();
    db.cleanup();
  });

  it("the same Grafana alert before and after a restart, and two requests at once, stay one incident each", async () => {
    const clock = new FakeClock("2026-11-02T09:00:00Z");
    rig = await startAlertRig(db.url, { clock });
    await rig.post("grafana", fixture("grafana-firing"));
    await rig.close();

    clock.advance(10 * 60_000);
    rig = await startAlertRig(db.url, { clock });
    const [a, b] = await Promise.all([rig.post("grafana", fixture("grafana-firing")), rig.post("grafana", fixture("grafana-firing"))]);
    expect([...a.json.outcomes, ...b.json.outcomes].map((o: { outcome: string }) => o.outcome)).toEqual(["added", "added", "added", "added"]);
    await rig.deliver();
    const list = await rig.store.incidents.list({ limit: 10 });
    expect(list).toHaveLength(2);
    expect(rig.lastCards().map((c) => field(c, "Alert"))).toEqual(["firing, fired ×3 · last value B=44.23943737541908, C=1", "firing, fired ×3 · last value B=44.23943737541908, C=1"]);
  });
});
