import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDatabaseUrl } from "../../support/temp-db.js";
import { alertPolicy, fixture, startAlertRig, TOKENS, type AlertRig } from "./alert-rig.js";

const SECRET = "grafana-hmac-secret-0123456789";
const json = { "content-type": "application/json" };

/** Every refusal of point 2: the sender learns what is wrong, and nothing is stored. */
describe("alert receivers refuse bad input and store nothing", () => {
  let db: ReturnType<typeof tempDatabaseUrl>;
  let rig: AlertRig;
  beforeAll(async () => {
    db = tempDatabaseUrl();
    const policy = alertPolicy((file) => {
      file.alerts.maxBodyBytes = 4096;
      file.alerts.receivers.grafana = { hmacSecret: SECRET, signatureHeader: "X-Grafana-Alerting-Signature" };
      delete file.alerts.receivers.generic;
    });
    rig = await startAlertRig(db.url, { policy });
  });
  afterAll(async () => {
    await rig.close();
    db.cleanup();
  });

  const nothingStored = async () => {
    expect(await rig.store.incidents.list({ limit: 10 })).toEqual([]);
    expect(await rig.store.outbox.list()).toEqual([]);
  };
  const sign = (body: string, secret = SECRET) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

  it("401 without credentials, with a wrong token, or with a token of another receiver", async () => {
    const body = fixture("alertmanager-firing");
    for (const headers of [json, { ...json, authorization: "Bearer wrong-token-wrong-token" }, { ...json, authorization: `Bearer ${TOKENS.grafana}` }, { ...json, authorization: TOKENS.alertmanager }]) {
      const res = await rig.post("alertmanager", body, headers);
      expect(res).toEqual({ status: 401, json: { error: "unauthorized: missing or wrong credentials for this receiver" } });
    }
    await nothingStored();
  });

  it("HMAC receiver: 401 without or with a wrong signature (or one over another body); 200 with the right one", async () => {
    const body = fixture("grafana-firing");
    expect((await rig.post("grafana", body, json)).status).toBe(401);
    expect((await rig.post("grafana", body, { ...json, "x-grafana-alerting-signature": sign(body, "another-secret-0123456789") })).status).toBe(401);
    expect((await rig.post("grafana", body, { ...json, "x-grafana-alerting-signature": sign(`${body} `) })).status).toBe(401);
    expect((await rig.post("grafana", body, { ...json, authorization: `Bearer ${SECRET}` })).status).toBe(401);
    await nothingStored();
    const ok = await rig.post("grafana", body, { ...json, "x-grafana-alerting-signature": sign(body) });
    expect(ok.status).toBe(200);
    expect(await rig.store.incidents.list({ limit: 10 })).toHaveLength(2);
  });

  it("400 for malformed JSON, naming the parser's complaint", async () => {
    const res = await rig.post("alertmanager", '{"version": "4", "status": "firing",', undefined);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/^malformed JSON: .*(JSON|end)/);
  });

  it("400 for a payload of the wrong shape, naming each field that is wrong", async () => {
    const body = JSON.parse(fixture("alertmanager-firing"));
    body.version = "3";
    body.alerts[0].status = "burning";
    delete body.groupKey;
    const res = await rig.post("alertmanager", JSON.stringify(body));
    expect(res.status).toBe(400);
    expect(res.json.error).toBe(
      'invalid payload: version: expected version "4" (Alertmanager\'s webhook format); groupKey: Invalid input: expected string, received undefined; alerts[0].status: expected firing or resolved',
    );
    expect((await rig.post("alertmanager", "[1, 2]")).json.error).toMatch(/^invalid payload: \(body\): /);
  });

  it("413 for a body over the configured limit, 404 for unknown or unconfigured receivers, 405 for GET", async () => {
    const big = JSON.stringify({ ...JSON.parse(fixture("alertmanager-firing")), padding: "x".repeat(5000) });
    expect(await rig.post("alertmanager", big)).toEqual({ status: 413, json: { error: "payload too large: the limit is 4096 bytes" } });
    expect((await rig.post("generic", fixture("generic-firing"))).status).toBe(404); // not configured in this file
    expect((await rig.post("nagios", "{}")).status).toBe(404);
    expect((await rig.post("alertmanager/extra", fixture("alertmanager-firing"))).status).toBe(404);
    const get = await fetch(`${rig.url}/alerts/alertmanager`, { headers: { authorization: `Bearer ${TOKENS.alertmanager}` } });
    expect(get.status).toBe(405);
  });

  it("after all the refusals, nothing but the one signed Grafana delivery was stored", async () => {
    const list = await rig.store.incidents.list({ limit: 10 });
    expect(list.map((i) => i.reporterId)).toEqual(["grafana", "grafana"]);
  });

  it("every request is counted in vigil_alerts_received_total by source and outcome", async () => {
    const text = await rig.metrics.registry.metrics();
    const count = (source: string, outcome: string) => {
      const line = text.split("\n").find((l) => l.startsWith(`vigil_alerts_received_total{source="${source}",outcome="${outcome}"}`));
      return line ? Number(line.split(" ").pop()) : 0;
    };
    expect(count("alertmanager", "unauthorized")).toBe(4);
    expect(count("grafana", "accepted")).toBeGreaterThan(0);
    expect(count("grafana", "unauthorized")).toBeGreaterThan(0);
    expect(count("alertmanager", "too_large")).toBe(1);
    expect(count("alertmanager", "bad_request")).toBeGreaterThan(0);
    expect(count("alertmanager", "method_not_allowed")).toBe(1);
  });
});

/** Grafana's HMAC with its optional Timestamp Header: `<unix seconds>:<body>` is signed; an old request is a replay. */
describe("a timestamped HMAC receiver refuses replays", () => {
  let db: ReturnType<typeof tempDatabaseUrl>;
  let rig: AlertRig;
  beforeAll(async () => {
    db = tempDatabaseUrl();
    const policy = alertPolicy((file) => {
      file.alerts.receivers.grafana = { hmacSecret: SECRET, signatureHeader: "X-Grafana-Alerting-Signature", timestampHeader: "X-Grafana-Alerting-Signature-Timestamp" };
    });
    rig = await startAlertRig(db.url, { policy });
  });
  afterAll(async () => {
    await rig.close();
    db.cleanup();
  });

  const hex = (text: string) => createHmac("sha256", SECRET).update(text).digest("hex");
  const headers = (signature: string, stamp?: string) => ({ ...json, "x-grafana-alerting-signature": signature, ...(stamp === undefined ? {} : { "x-grafana-alerting-signature-timestamp": stamp }) });

  it("401 for a signature over the body alone, a missing or malformed timestamp, or one over five minutes old; 200 when fresh", async () => {
    const body = fixture("grafana-firing");
    const now = Math.floor(rig.clock.now().getTime() / 1000);
    const old = String(now - 301);
    expect((await rig.post("grafana", body, headers(hex(body)))).status).toBe(401);
    expect((await rig.post("grafana", body, headers(hex(body), String(now)))).status).toBe(401);
    expect((await rig.post("grafana", body, headers(hex(`${now}:${body}`)))).status).toBe(401);
    expect((await rig.post("grafana", body, headers(hex(`soon:${body}`), "soon"))).status).toBe(401);
    expect((await rig.post("grafana", body, headers(hex(`${old}:${body}`), old))).status).toBe(401);
    expect(await rig.store.incidents.list({ limit: 10 })).toEqual([]);
    // A sender's clock a little ahead is fine (within the window either way).
    const ahead = String(now + 60);
    const ok = await rig.post("grafana", body, headers(hex(`${ahead}:${body}`), ahead));
    expect(ok.status).toBe(200);
    expect(await rig.store.incidents.list({ limit: 10 })).toHaveLength(2);
  });
});
