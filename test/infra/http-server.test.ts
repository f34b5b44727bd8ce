import { afterEach, describe, expect, it } from "vitest";
import { VigilHttpServer } from "../../src/infra/http/http-server.js";

describe("the one HTTP server", () => {
  let server: VigilHttpServer;
  afterEach(async () => server.close());

  async function start(health: () => Promise<{ ok: boolean; details?: Record<string, unknown> }>) {
    server = new VigilHttpServer(health);
    server.mount("/hooks/*", (req, res) => {
      if (req.url?.includes("boom")) throw new Error("listener bug with secrets");
      res.writeHead(201).end("hooked");
    });
    const port = await server.listen(0, "127.0.0.1");
    return (path: string) => fetch(`http://127.0.0.1:${port}${path}`);
  }

  it("answers /healthz with the health details", async () => {
    const get = await start(async () => ({ ok: true, details: { database: "ok" } }));
    const res = await get("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, details: { database: "ok" } });
  });

  it("reports an unhealthy store as 503 and a failing check as 500 without details", async () => {
    let get = await start(async () => ({ ok: false }));
    expect((await get("/healthz")).status).toBe(503);
    await server.close();
    get = await start(async () => {
      throw new Error("SQLITE_CANTOPEN /secret/path");
    });
    const res = await get("/healthz");
    expect(res.status).toBe(500);
    expect(await res.text()).toBe("internal error");
  });

  it("routes a one-segment pattern, 404s the rest, and hides listener errors", async () => {
    const get = await start(async () => ({ ok: true }));
    expect((await get("/hooks/x")).status).toBe(201);
    expect((await get("/nope")).status).toBe(404);
    const boom = await get("/hooks/boom");
    expect(boom.status).toBe(500);
    expect(await boom.text()).toBe("internal error");
  });

  it("matches paths exactly: no prefix, no trailing slash, no extra segment; the query is ignored", async () => {
    const get = await start(async () => ({ ok: true }));
    server.mount("/metrics", (_req, res) => void res.writeHead(200).end("m"));
    expect((await get("/metrics")).status).toBe(200);
    expect((await get("/metrics?x=1")).status).toBe(200);
    for (const path of ["/metricsfoo", "/metrics/", "/metrics/x", "/healthzz", "/hooks/", "/hooks/a/b", "/", "/hooks"]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it("refuses to mount one path twice", async () => {
    await start(async () => ({ ok: true }));
    expect(() => server.mount("/hooks/*", () => undefined)).toThrow(/already mounted/);
    server.mount("/hooks/exact", () => undefined);
    expect(() => server.mount("/hooks/exact", () => undefined)).toThrow(/already mounted/);
  });
});
