import type { HttpListener } from "../../ports/http.js";
import type { Platform } from "../../ports/chat.js";
import type { Store } from "../../ports/store.js";

/** One component's readiness as /readyz shows it. */
export interface ComponentReadiness {
  ok: boolean;
  [detail: string]: unknown;
}

/** What /readyz looks at. */
export interface ReadinessSources {
  store: Store;
  /** Each chat adapter: connected or not, and why not. */
  adapters: () => { platform: Platform; up: boolean; since: Date; lastError?: string; failures: number }[];
  /** The SLA scheduler: when it last ticked, and its interval. */
  scheduler: () => { lastTickAt?: Date; intervalMs: number } | undefined;
  now: () => Date;
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** Every component's readiness; ready only when all are ok. */
export async function readiness(src: ReadinessSources): Promise<{ ready: boolean; components: Record<string, ComponentReadiness> }> {
  const now = src.now().getTime();
  const components: Record<string, ComponentReadiness> = {};
  try {
    const pending = await src.store.outbox.pendingSummary();
    components.database = { ok: true };
    // Reported, not judged: a long queue behind a platform's rate limit is not an outage.
    components.outbox = { ok: true, pending: pending.count, oldestPendingSeconds: pending.oldestCreatedAt ? seconds(now - pending.oldestCreatedAt.getTime()) : 0 };
  } catch (error) {
    components.database = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  for (const a of src.adapters()) {
    const key = `adapter:${a.platform}`;
    components[key] = a.up ? { ok: true, connectedSeconds: seconds(now - a.since.getTime()) } : { ok: false, downSeconds: seconds(now - a.since.getTime()), failedStarts: a.failures, error: a.lastError };
  }
  const scheduler = src.scheduler();
  if (scheduler) {
    const ago = scheduler.lastTickAt ? now - scheduler.lastTickAt.getTime() : undefined;
    components.scheduler = { ok: ago !== undefined && ago <= 2 * scheduler.intervalMs, lastTickSecondsAgo: ago === undefined ? null : seconds(ago) };
  }
  return { ready: Object.values(components).every((c) => c.ok), components };
}

/** GET /readyz: 200 when every component is ready, else 503; the body names each component. */
export function readyzListener(src: ReadinessSources): HttpListener {
  return async (_req, res) => {
    const result = await readiness(src);
    res.writeHead(result.ready ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(result));
  };
}
