// Part of the composition root: where /metrics is served, from the environment.
import type { Env } from "./config/env.js";
import { bearerGuard } from "./infra/http/bearer-guard.js";
import { VigilHttpServer, type HealthCheck } from "./infra/http/http-server.js";
import type { HttpListener } from "./ports/http.js";

/** Where the metrics server listens when METRICS_PORT is set. */
export const DEFAULT_METRICS_HOST = "127.0.0.1";

/** The metrics endpoint's own server (when METRICS_PORT is set); start with `listen()`, end with `close()`. */
export interface MetricsEndpoint {
  /** Start the metrics server, if it has its own; resolves with where it listens. */
  listen(): Promise<{ host: string; port: number } | undefined>;
  close(): Promise<void>;
}

/**
 * Mount /metrics — behind METRICS_TOKEN's bearer check when set — on its own server at
 * METRICS_HOST:METRICS_PORT (default host 127.0.0.1, so it is private unless asked), or on
 * the main server when METRICS_PORT is not set.
 */
export function mountMetrics(env: Env, main: VigilHttpServer, health: HealthCheck, metrics: HttpListener): MetricsEndpoint {
  const listener = env.METRICS_TOKEN ? bearerGuard(env.METRICS_TOKEN, metrics) : metrics;
  if (env.METRICS_PORT === undefined) {
    main.mount("/metrics", listener);
    return { listen: async () => undefined, close: async () => undefined };
  }
  const own = new VigilHttpServer(health);
  own.mount("/metrics", listener);
  const host = env.METRICS_HOST ?? DEFAULT_METRICS_HOST;
  return { listen: async () => ({ host, port: await own.listen(env.METRICS_PORT!, host) }), close: () => own.close() };
}
