import { afterEach, describe, expect, it } from "vitest";
import { tempDatabaseUrl } from "../../support/temp-db.js";
import { alertPolicy, fixture, startAlertRig, type AlertRig } from "./alert-rig.js";

/** What a route's `autoMitigate` and `afterResolve` do to the incident, and what silence refuses. */
describe("alert routes decide what resolved and firing-after-resolve do", () => {
  let db: ReturnType<typeof tempDatabaseUrl> | undefined;
  let rig: AlertRig | undefined;
  afterEach(async () => {
    await rig?.close();
    db?.cleanup();
  });
  const start = async (policy = alertPolicy()) => {
    db = tempDatabaseUrl();
    rig = await startAlertRig(db.url, { policy });
    return rig;
  };
  const generic = (status: "firing" | "resolved", labels: Record<string, string> = {}) => {
    const body = JSON.parse(fixture(status === "firing" ? "generic-firing" : "generic-resolved"));
    body.labels = { ...body.labels, ...labels };
    return JSON.stringify(body);
  };

  it("autoMitigate: true (the globex route): resolved mitigates the incident once; a person still resolves it", async () => {
    const r = await start();
    expect((await r.post("generic", generic("firing", { customer: "globex" }))).json.outcomes[0]).toMatchObject({ incident: 1, outcome: "opened" });
    const resolved = await r.post("generic", generic("resolved", { customer: "globex" }));
    expect(resolved.json.outcomes[0]).toMatchObject({ incident: 1, outcome: "resolved" });
    await r.post("generic", generic("resolved", { customer: "globex" }));
    await r.deliver();
    const [incident] = await r.store.incidents.list({ limit: 10 });
    expect(incident).toMatchObject({ number: 1, organisationId: "globex", status: "mitigated" });
    const lines = r.thread("globex-incidents").filter((t) => t.startsWith("✅"));
    expect(lines).toEqual(["✅ INC-1: Zabbix reports the alert resolved. Vigil marked the incident mitigated; a person still resolves and closes it."]);
    expect((await r.as("ben", "/incident resolve 1 Freed space on /var")).outcome).toBe("ok");
    expect((await r.store.incidents.list({ limit: 10 }))[0].status).toBe("resolved");
  });

  it("afterResolve: new: firing after a person resolved opens a second incident and leaves the first resolved", async () => {
    const r = await start(alertPolicy((file) => (file.alerts.default.afterResolve = "new")));
    await r.post("generic", generic("firing"));
    expect((await r.as("ben", "/incident resolve 1 Cleaned /var/log")).outcome).toBe("ok");
    const again = await r.post("generic", generic("firing"));
    expect(again.json.outcomes[0]).toMatchObject({ incident: 2, outcome: "opened" });
    const byNumber = new Map((await r.store.incidents.list({ limit: 10 })).map((i) => [i.number, i.status]));
    expect(Object.fromEntries(byNumber)).toEqual({ 1: "resolved", 2: "open" });
    // The dedup key now belongs to the new incident: the next repeat adds to INC-2.
    expect((await r.post("generic", generic("firing"))).json.outcomes[0]).toMatchObject({ incident: 2, outcome: "added" });
  });

  it("silence refuses an incident no alert opened and one already mitigated, and records nothing", async () => {
    const r = await start();
    expect((await r.as("ana", '/incident open P3 "Printer on fire" --org acme')).outcome).toBe("ok");
    const manual = await r.as("ben", "/incident silence INC-1 1h vendor");
    expect(manual.outcome).not.toBe("ok");
    expect(manual.message.text).toBe("INC-1 did not come from an alert, so there is nothing to silence.");
    await r.post("generic", generic("firing"));
    expect((await r.as("ben", "/incident mitigate 2 Moved logs away")).outcome).toBe("ok");
    const mitigated = await r.as("ben", "/incident silence INC-2 1h vendor");
    expect(mitigated.outcome).not.toBe("ok");
    expect(mitigated.message.text).toBe("INC-2 is mitigated; only an incident still being worked on can be silenced.");
    for (const incident of await r.store.incidents.list({ limit: 10 })) expect(await r.store.alerts.activeSilence(incident.id)).toBeUndefined();
  });
});
