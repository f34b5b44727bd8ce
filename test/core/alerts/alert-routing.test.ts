import { describe, expect, it } from "vitest";
import { routeAlert } from "../../../src/core/alerts/alert-routing.js";
import type { AlertSignal } from "../../../src/core/alerts/alert-types.js";
import { parsePolicy } from "../../../src/config/load-policy.js";
import { alertPolicy } from "../../app/alerts/alert-rig.js";

const ORGS = ["acme", "globex"];
const signal = (over: Partial<AlertSignal> = {}): AlertSignal => ({
  source: "alertmanager", sender: "alertmanager", key: "k", status: "firing", alerts: 1, summary: "Disk full", details: "", labels: {}, ...over,
});

describe("alert routing (policy file rules)", () => {
  const config = alertPolicy((file) => {
    file.alerts.routes.push(
      { name: "zabbix-web", match: { source: "zabbix", team: "web" }, organisation: "globex", severityLabel: "priority", severityMap: { disaster: "P1", high: "P2" }, afterResolve: "new" },
    );
  }).alerts!;

  it("equality on a label routes to the rule's organisation, with the default route's settings filled in", () => {
    expect(routeAlert(config, signal({ labels: { customer: "globex", severity: "warning" } }), ORGS)).toEqual({
      route: "globex", organisationId: "globex", severity: "P3", autoMitigate: true, afterResolve: "reopen", unrouted: false,
    });
  });

  it("a regex on a label, with a fixed severity and an assignee", () => {
    expect(routeAlert(config, signal({ labels: { instance: "db-07:9100", severity: "info" } }), ORGS)).toMatchObject({ route: "database", organisationId: "acme", severity: "P2", assigneeId: "ben" });
    expect(routeAlert(config, signal({ labels: { instance: "web-db-07" } }), ORGS).route).toBe("default");
  });

  it("fields (the sender) and labels together; the severity from another label through the rule's own map", () => {
    const s = signal({ source: "generic", sender: "zabbix", labels: { team: "web", priority: "Disaster" } });
    expect(routeAlert(config, s, ORGS)).toMatchObject({ route: "zabbix-web", organisationId: "globex", severity: "P1", afterResolve: "new" });
    expect(routeAlert(config, { ...s, sender: "nagios" }, ORGS).route).toBe("default");
  });

  it("severity words: critical/warning/info through the default map, P1–P4 as is, unknown words and none fall back", () => {
    const sev = (s: Partial<AlertSignal>) => routeAlert(config, signal(s), ORGS).severity;
    expect([sev({ labels: { severity: "critical" } }), sev({ labels: { severity: "WARNING" } }), sev({ labels: { severity: "info" } })]).toEqual(["P1", "P3", "P4"]);
    expect([sev({ severity: "p2" }), sev({ labels: { severity: "meh" } }), sev({})]).toEqual(["P2", "P3", "P3"]);
  });

  it("what no rule matches goes to the default organisation, marked unrouted so the duty lead is told; a known org field routes", () => {
    expect(routeAlert(config, signal(), ORGS)).toMatchObject({ route: "default", organisationId: "acme", unrouted: true });
    expect(routeAlert(config, signal({ org: "globex" }), ORGS)).toMatchObject({ organisationId: "globex", unrouted: false });
    expect(routeAlert(config, signal({ org: "initech" }), ORGS)).toMatchObject({ organisationId: "acme", unrouted: true });
  });
});

describe("the alerts: section is validated at start, every error with its path", () => {
  it("a timestamp header or replay window needs an HMAC receiver; a bad window is named", () => {
    const text = `
organisations: [{ id: acme, name: ACME }]
alerts:
  receivers:
    alertmanager: { token: abcdefghijklmnopqrstuvwxyz, timestampHeader: X-Stamp }
    grafana: { hmacSecret: abcdefghijklmnopqrstuvwxyz, timestampHeader: X-Stamp, maxSkew: soon }
`;
    const result = parsePolicy(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      "vigil.yaml:5:19 alerts.receivers.alertmanager: timestampHeader and maxSkew need hmacSecret",
      'vigil.yaml:6:91 alerts.receivers.grafana.maxSkew: invalid duration "soon": expected a whole number and a unit (s, m, h, d), like 90s, 20m, 3h or 5d',
    ]);
  });

  it("lists unknown organisations, assignees, bad regexes, missing secrets, unknown keys", () => {
    const text = `
organisations: [{ id: acme, name: ACME }, { id: globex, name: Globex }]
people: [{ id: carol, name: Carol, role: contact, organisation: acme }]
alerts:
  receivers:
    alertmanager: {}
    grafana: { token: short }
    zabbix: { token: abcdefghijklmnopqrstuvwxyz }
  default: { severity: P9 }
  routes:
    - { name: a, match: { team: db }, organisation: initech, assignee: carol }
    - { name: b, matchRegex: { instance: "^(db" }, afterResolve: later, colour: red }
  handling: { within: 30x, unhandled: [12h, 8h] }
`;
    const result = parsePolicy(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      "vigil.yaml:6:19 alerts.receivers.alertmanager: expected exactly one of token or hmacSecret",
      "vigil.yaml:7:23 alerts.receivers.grafana.token: expected a secret of at least 16 characters",
      "vigil.yaml:8:5 alerts.receivers: unknown key “zabbix”",
      "vigil.yaml:9:24 alerts.default.severity: expected one of P1|P2|P3|P4",
      "vigil.yaml:12:42 alerts.routes[1].matchRegex.instance: invalid regular expression: Invalid regular expression: /^(db/: Unterminated group",
      "vigil.yaml:12:66 alerts.routes[1].afterResolve: expected reopen or new",
      "vigil.yaml:12:73 alerts.routes[1]: unknown key “colour”",
      'vigil.yaml:13:23 alerts.handling.within: invalid duration "30x": expected a whole number and a unit (s, m, h, d), like 90s, 20m, 3h or 5d',
      // Cross-references are checked even though other fields have type errors (all errors in one run).
      "vigil.yaml:11:53 alerts.routes[0].organisation: unknown organisation “initech”",
      "vigil.yaml:11:72 alerts.routes[0].assignee: unknown engineer “carol”",
      "vigil.yaml:9:12 alerts.default.organisation: expected the organisation that gets alerts no route matches",
      // The durations are read even when another field has a type error (a text comparison missed this).
      "vigil.yaml:13:45 alerts.handling.unhandled[1]: expected the second step after the first",
    ]);
  });

  it("cross-references once the shapes are right: organisation, assignee (staff only), default organisation, step order", () => {
    const result = parsePolicy(`
organisations: [{ id: acme, name: ACME }, { id: globex, name: Globex }]
people: [{ id: carol, name: Carol, role: contact, organisation: acme }]
alerts:
  receivers: { generic: { token: abcdefghijklmnopqrstuvwxyz } }
  routes: [{ name: a, match: { team: db }, organisation: initech, assignee: carol }]
  handling: { unhandled: [12h, 8h] }
`);
    expect(result.ok ? [] : result.errors).toEqual([
      "vigil.yaml:6:58 alerts.routes[0].organisation: unknown organisation “initech”",
      "vigil.yaml:6:77 alerts.routes[0].assignee: unknown engineer “carol”",
      "vigil.yaml:5:3 alerts.default.organisation: expected the organisation that gets alerts no route matches",
      "vigil.yaml:7:32 alerts.handling.unhandled[1]: expected the second step after the first",
    ]);
  });
});
