import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { readFileSync } from "node:fs";
import { parsePolicy } from "../../../src/config/load-policy.js";
import { tempDatabaseUrl } from "../../support/temp-db.js";
import { alertPolicy, fixture, startAlertRig, type AlertRig } from "./alert-rig.js";

/** A route may start its incidents at a higher escalation tier (issue 13: "optionally a tier or assignee"). */
describe("alert routes with an escalation tier", () => {
  let db: ReturnType<typeof tempDatabaseUrl>;
  let rig: AlertRig;
  afterEach(async () => {
    await rig.close();
    db.cleanup();
  });

  it("an incident from a route with `tier: duty lead` starts at that tier: escalated on the timeline, in the thread and to the duty lead", async () => {
    db = tempDatabaseUrl();
    const policy = alertPolicy((file) => file.alerts.routes.unshift({ name: "db-team", match: { team: "db" }, organisation: "acme", tier: "duty lead" }));
    rig = await startAlertRig(db.url, { policy });
    expect((await rig.post("generic", fixture("generic-firing"))).json.outcomes[0]).toMatchObject({ incident: 1, outcome: "opened" });
    await rig.deliver();
    const incident = (await rig.store.incidents.findByNumber(1))!;
    expect(incident).toMatchObject({ tier: 1, severity: "P3", organisationId: "acme", status: "open" });
    const escalated = (await rig.store.timeline.list(incident.id)).find((e) => e.kind === "escalated");
    expect(escalated?.details).toMatchObject({ fromTier: 0, toTier: 1, route: "db-team" });
    expect(rig.thread()).toContain("⬆️ Zabbix escalated INC-1 to duty lead: alert route “db-team” starts it at this tier");
    expect(rig.dutyLead().some((t) => t.includes("INC-1") && t.includes("escalated to duty lead"))).toBe(true);

    // A repeat adds to the incident and does not escalate it again.
    await rig.post("generic", fixture("generic-firing"));
    await rig.deliver();
    expect((await rig.store.incidents.findByNumber(1))!.tier).toBe(1);
    expect((await rig.store.timeline.list(incident.id)).filter((e) => e.kind === "escalated")).toHaveLength(1);
  });

  it("a route without a tier starts at the first tier, as before", async () => {
    db = tempDatabaseUrl();
    rig = await startAlertRig(db.url);
    await rig.post("generic", fixture("generic-firing"));
    expect((await rig.store.incidents.findByNumber(1))!.tier).toBe(0);
  });

  it("a tier the policy file does not define is refused at start, with its location", () => {
    const file = parse(readFileSync(new URL("../../../vigil.example.yaml", import.meta.url), "utf8")) as Record<string, any>;
    file.alerts.routes[1].tier = "CTO";
    const result = parsePolicy(stringify(file));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([expect.stringMatching(/^vigil\.yaml:\d+:\d+ alerts\.routes\[1\]\.tier: unknown escalation tier “CTO” \(escalation\.tiers: on-call engineers, duty lead, director\)$/)]);
  });
});
