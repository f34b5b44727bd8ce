import { afterEach, describe, expect, it } from "vitest";
import { loadEnv } from "../src/config/env.js";
import { VigilHttpServer } from "../src/infra/http/http-server.js";
import { mountMetrics, type MetricsEndpoint } from "../src/operations-endpoints.js";

const health = async () => ({ ok: true });
const metricsBody = "vigil_outbox_pending_messages 0\n";

describe("/metrics: on the main port, on its own port, behind a bearer token", () => {
  let main: VigilHttpServer;
  let endpoint: MetricsEndpoint | undefined;
  afterEach(async () => {
    await main.close();
    await endpoint?.close();
  });

  async function serve(vars: Record<string, string>) {
    main = new VigilHttpServer(health);
    endpoint = mountMetrics(loadEnv(vars), main, health, (_req, res) => void res.writeHead(200).end(metricsBody));
    const mainPort = await main.listen(0, "127.0.0.1");
    const metricsAt = await endpoint.listen();
    return { mainPort, metricsPort: metricsAt?.port, metricsHost: metricsAt?.host };
  }

  it("serves /metrics on the main port by default, and nothing else but /healthz", async () => {
    const { mainPort, metricsPort } = await serve({});
    expect(metricsPort).toBeUndefined();
    const res = await fetch(`http://127.0.0.1:${mainPort}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(metricsBody);
    expect((await fetch(`http://127.0.0.1:${mainPort}/metricsfoo`)).status).toBe(404);
  });

  it("with METRICS_PORT, serves it only there, on 127.0.0.1 unless METRICS_HOST says otherwise", async () => {
    const { mainPort, metricsPort, metricsHost } = await serve({ METRICS_PORT: "0" });
    expect(metricsHost).toBe("127.0.0.1");
    expect(metricsPort).toBeGreaterThan(0);
    expect((await fetch(`http://127.0.0.1:${mainPort}/metrics`)).status).toBe(404);
    expect(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text()).toBe(metricsBody);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/slack/events`)).status).toBe(404);
    await endpoint!.close();
    await main.close();
    const wide = await serve({ METRICS_PORT: "0", METRICS_HOST: "0.0.0.0" });
    expect(wide.metricsHost).toBe("0.0.0.0");
  });

  it("with METRICS_TOKEN, answers 401 with a Bearer challenge unless the right token is sent", async () => {
    const { mainPort } = await serve({ METRICS_TOKEN: "s3cret-token" });
    const url = `http://127.0.0.1:${mainPort}/metrics`;
    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect(await none.text()).not.toContain("vigil_");
    expect((await fetch(url, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: "Basic s3cret-token" } })).status).toBe(401);
    const ok = await fetch(url, { headers: { authorization: "Bearer s3cret-token" } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe(metricsBody);
  });

  it("combines both: its own port and the token", async () => {
    const { metricsPort } = await serve({ METRICS_PORT: "0", METRICS_TOKEN: "t" });
    expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { headers: { authorization: "Bearer t" } })).status).toBe(200);
  });
});
