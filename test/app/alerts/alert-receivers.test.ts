import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDatabaseUrl } from "../../support/temp-db.js";
import { field, fixture, startAlertRig, type AlertRig } from "./alert-rig.js";

/** The published payloads, through HTTP, into a real SQLite file. */
describe("alert receivers: Alertmanager, Grafana and generic payloads become incidents", () => {
  let db: ReturnType<typeof tempDatabaseUrl>;
  let rig: AlertRig;
  beforeEach(async () => {
    db = tempDatabaseUrl();
    rig = await startAlertRig(db.url);
  });
  afterEach(async () => {
    await rig.close();
    db.cleanup();
  });

  const incidents = async () => (await rig.store.incidents.list({ limit: 100 })).reverse();

  it("Alertmanager: firing opens one incident, the repeat adds to it (×2), resolved adds a line; never a second incident", async () => {
    const first = await rig.post("alertmanager", fixture("alertmanager-firing"));
    expect(first.status).toBe(200);
    expect(first.json.outcomes).toEqual([{ key: 'alertmanager:{}/{severity="critical"}:{alertname="ProbeFailure"}', incident: 1, outcome: "opened" }]);
    await rig.deliver();
    let [incident] = await incidents();
    expect(incident).toMatchObject({ number: 1, title: "BlackBox Probe Failure: https://server.example.org", severity: "P1", organisationId: "acme", status: "open", reporterId: "alertmanager" });
    expect(rig.thread()).toEqual(["Alertmanager opened INC-1."]);
    expect(rig.dutyLead()[0]).toContain("INC-1");

    const again = await rig.post("alertmanager", fixture("alertmanager-firing"));
    expect(again.json.outcomes[0]).toMatchObject({ incident: 1, outcome: "added" });
    await rig.deliver();
    expect(await incidents()).toHaveLength(1);
    expect(field(rig.lastCards()[0], "Alert")).toBe("firing, fired ×2 · last value 1 of 1 firing");

    await rig.as("ben", "/incident ack 1");
    const resolved = await rig.post("alertmanager", fixture("alertmanager-resolved"));
    expect(resolved.json.outcomes[0]).toMatchObject({ incident: 1, outcome: "resolved" });
    await rig.deliver();
    [incident] = await incidents();
    expect(incident.status).toBe("acknowledged"); // the default route does not auto-mitigate
    expect(rig.thread().at(-1)).toBe("✅ INC-1: Alertmanager reports the alert resolved.");
    const kinds = (await rig.store.timeline.list(incident.id)).map((e) => e.kind).filter((k) => k !== "message_sent");
    // No route matches ProbeFailure: it went to the default organisation and the duty lead was told.
    expect(kinds).toEqual(["opened", "alert_unrouted", "alert_fired_again", "alert_failure", "acknowledged", "alert_resolved"]);
  });

  it("a burst of repeats edits the card once, with the newest count: one card row waits, not one per alert", async () => {
    await rig.post("alertmanager", fixture("alertmanager-firing"));
    await rig.deliver();
    const callsBefore = rig.chat.inChannel("acme-incidents").length;
    for (let i = 0; i < 30; i++) expect((await rig.post("alertmanager", fixture("alertmanager-firing"))).status).toBe(200);
    const waiting = (await rig.store.outbox.list()).filter((r) => r.status === "pending" && r.channelId === "acme-incidents" && r.kind === "card");
    expect(waiting).toHaveLength(1);
    await rig.deliver();
    const after = rig.chat.inChannel("acme-incidents").slice(callsBefore);
    expect(after.filter((c) => c.op === "update")).toHaveLength(1);
    expect(field(rig.lastCards()[0], "Alert")).toBe("firing, fired ×31 · last value 1 of 1 firing");
  });

  it("twenty senders at once: every request is answered with its own outcome, one incident counts all of them", async () => {
    await rig.post("alertmanager", fixture("alertmanager-firing"));
    const answers = await Promise.all(Array.from({ length: 20 }, () => rig.post("alertmanager", fixture("alertmanager-firing"))));
    expect(answers.map((a) => [a.status, a.json.outcomes[0].outcome, a.json.outcomes[0].incident])).toEqual(Array.from({ length: 20 }, () => [200, "added", 1]));
    await rig.deliver();
    expect(await incidents()).toHaveLength(1);
    expect(field(rig.lastCards()[0], "Alert")).toBe("firing, fired ×21 · last value 1 of 1 firing");
    const totals = await rig.store.alerts.totals(new Date("2026-11-01T00:00:00Z"), new Date("2026-12-01T00:00:00Z"));
    expect([...totals.receivedByIncident.values()]).toEqual([21]);
  });

  it("Alertmanager group of several alerts: one incident for the group, counting its firing members", async () => {
    const res = await rig.post("alertmanager", fixture("alertmanager-group"));
    expect(res.status).toBe(200);
    expect(res.json.accepted).toBe(1);
    await rig.deliver();
    const [incident] = await incidents();
    expect(incident).toMatchObject({ title: "Test", severity: "P3", organisationId: "acme" }); // no severity label: the fallback
    expect(field(rig.lastCards()[0], "Alert")).toBe("firing, fired ×2 · last value 2 of 3 firing");
    expect(rig.dutyLead().some((t) => t.includes("no alert route matched"))).toBe(true);
  });

  it("Grafana: the documented two-alert body opens two incidents (one per fingerprint); resolving one leaves the other", async () => {
    const res = await rig.post("grafana", fixture("grafana-firing"));
    expect(res.json.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(["opened", "opened"]);
    await rig.post("grafana", fixture("grafana-firing"));
    await rig.deliver();
    const list = await incidents();
    expect(list.map((i) => i.title)).toEqual(["This alert was triggered for zone us-1", "This alert was triggered for zone eu-1"]);
    const cards = rig.lastCards();
    expect(cards.map((c) => field(c, "Alert"))).toEqual(["firing, fired ×2 · last value B=44.23943737541908, C=1", "firing, fired ×2 · last value B=44.23943737541908, C=1"]);
    const resolved = await rig.post("grafana", fixture("grafana-resolved"));
    expect(resolved.json.outcomes).toEqual([{ key: "grafana:c6eadffa33fcdf37", incident: 1, outcome: "resolved" }]);
    await rig.deliver();
    expect(rig.thread()).toContain("✅ INC-1: Grafana reports the alert resolved.");
    expect(rig.thread().some((t) => t.startsWith("✅ INC-2"))).toBe(false);
  });

  it("Grafana: both alerts of the documented body resolved in one request resolve both incidents, each once", async () => {
    await rig.post("grafana", fixture("grafana-firing"));
    // The documented firing body as Grafana sends it once both alerts are resolved.
    const body = JSON.parse(fixture("grafana-firing"));
    body.status = "resolved";
    for (const alert of body.alerts) Object.assign(alert, { status: "resolved", endsAt: "2022-11-05T09:38:00Z" });
    const resolved = await rig.post("grafana", JSON.stringify(body));
    expect(resolved.json.outcomes).toEqual([
      { key: "grafana:c6eadffa33fcdf37", incident: 1, outcome: "resolved" },
      { key: "grafana:bc97ff14869b13e3", incident: 2, outcome: "resolved" },
    ]);
    await rig.post("grafana", JSON.stringify(body));
    await rig.deliver();
    const lines = rig.thread().filter((t) => t.startsWith("✅"));
    expect(lines).toEqual(["✅ INC-1: Grafana reports the alert resolved.", "✅ INC-2: Grafana reports the alert resolved."]);
  });

  it("generic: the same dedupKey firing again adds to the incident (×2, last value) and opens no second one", async () => {
    const first = JSON.parse(fixture("generic-firing"));
    expect((await rig.post("generic", JSON.stringify(first))).json.outcomes[0]).toMatchObject({ incident: 1, outcome: "opened" });
    const again = { ...first, value: "2.1 %" };
    expect((await rig.post("generic", JSON.stringify(again))).json.outcomes[0]).toMatchObject({ incident: 1, outcome: "added" });
    await rig.deliver();
    expect(await incidents()).toHaveLength(1);
    expect(field(rig.lastCards()[0], "Alert")).toBe("firing, fired ×2 · last value 2.1 %");
  });

  it("generic (Zabbix-style): routed by regex to the database route (P2, assigned to Ben); resolved; firing after a person resolved reopens", async () => {
    const body = JSON.parse(fixture("generic-firing"));
    body.labels.instance = "db-01:9100";
    const res = await rig.post("generic", JSON.stringify(body));
    expect(res.json.outcomes[0]).toMatchObject({ incident: 1, outcome: "opened" });
    await rig.deliver();
    let [incident] = await incidents();
    expect(incident).toMatchObject({ severity: "P2", organisationId: "acme", assigneeId: "ben", reporterId: "zabbix" });
    expect(incident.description).toContain("From Zabbix.");
    await rig.post("generic", fixture("generic-resolved"));
    await rig.as("ben", "/incident resolve 1 Cleaned /var/log");
    const again = await rig.post("generic", JSON.stringify(body));
    expect(again.json.outcomes[0]).toMatchObject({ incident: 1, outcome: "reopened" });
    [incident] = await incidents();
    expect(incident.status).toBe("acknowledged");
    expect(await incidents()).toHaveLength(1);
  });
});
