import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { HttpListener, HttpRouter } from "../../ports/http.js";
import { RouteTable } from "./route-table.js";

/** Health details shown at /healthz. */
export type HealthCheck = () => Promise<{ ok: boolean; details?: Record<string, unknown> }>;

/**
 * The one HTTP server: platform webhooks mounted by adapters, plus /healthz. Paths match
 * exactly (see {@link HttpRouter.mount}); anything else gets 404, and a listener that throws
 * gets 500 without leaking the error.
 */
export class VigilHttpServer implements HttpRouter {
  private readonly routes = new RouteTable();
  private server?: Server;

  constructor(private readonly health: HealthCheck) {}

  /** @inheritdoc */
  mount(path: string, listener: HttpListener): void {
    this.routes.add(path, listener);
  }

  /** Listen on `port` (0 = any free port) on `host`; resolves with the bound port. */
  async listen(port: number, host = "0.0.0.0"): Promise<number> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  /** Stop accepting requests and drop open connections. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  private async route(req: Parameters<HttpListener>[0], res: Parameters<HttpListener>[1]): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    try {
      if (path === "/healthz") {
        const result = await this.health();
        res.writeHead(result.ok ? 200 : 503, { "content-type": "application/json" });
        res.end(JSON.stringify(result));
        return;
      }
      const listener = this.routes.find(path);
      if (!listener) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      await listener(req, res);
    } catch {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error");
    }
  }
}
