// Part of the composition root: how one replica of a fleet sharing PostgreSQL runs. Every
// replica takes requests (Slack, Telegram webhooks, alert webhooks, health); what must exist
// once — Telegram long polling, the Discord gateway and its command registration, the outbox
// sender (fleet-wide pacing and per-channel order) and the SLA/digest sweeper — runs on the
// one leader, elected with a PostgreSQL advisory lock; the others stand by and take over.
import type { Env } from "./config/env.js";
import type { ChatAdapter } from "./ports/chat.js";
import type { Logger } from "./ports/logger.js";
import { LeaderGatedAdapter } from "./infra/cluster/leader-gated-adapter.js";
import type { PostgresLeaderElection } from "./infra/cluster/postgres-leader.js";
import { OUTBOX_CHANNEL } from "./infra/prisma/sql-dialect.js";

/** Whether this adapter holds a connection that must exist once in the fleet. */
function isSingleton(adapter: ChatAdapter, env: Env): boolean {
  return adapter.platform === "discord" || (adapter.platform === "telegram" && !env.TELEGRAM_WEBHOOK_SECRET);
}

/** The adapters with the singleton ones gated on leadership. */
export function gateSingletons(adapters: ChatAdapter[], env: Env): { adapters: ChatAdapter[]; gated: LeaderGatedAdapter[] } {
  const gated: LeaderGatedAdapter[] = [];
  const out = adapters.map((a) => {
    if (!isSingleton(a, env)) return a;
    const g = new LeaderGatedAdapter(a);
    gated.push(g);
    return g;
  });
  return { adapters: out, gated };
}

/** What the leader runs besides the gated adapters. */
export interface LeaderWork {
  /** Free what the previous leader had claimed and cannot finish (timer leases; outbox leases of dead processes). */
  releaseLeases(): Promise<void>;
  startBackground(): Promise<void>;
  stopBackground(): Promise<void>;
  /** Another replica committed outbox rows. */
  outboxChanged(): void;
}

/**
 * Compete for leadership of the database at `url`; the returned election is already started.
 * The election (and the `pg` driver under it) is loaded here, so an SQLite install never loads them.
 */
export async function joinFleet(url: string, gated: LeaderGatedAdapter[], work: LeaderWork, logger: Logger): Promise<PostgresLeaderElection> {
  const { PostgresLeaderElection } = await import("./infra/cluster/postgres-leader.js");
  const election = new PostgresLeaderElection(
    url,
    {
      async elected() {
        await work.releaseLeases();
        // Polling and the gateway must not wait for the SLA catch-up tick (seconds to tens of
        // seconds after an outage): the fault run measured Telegram back after up to 28 s.
        const connect = async () => {
          for (const adapter of gated) await adapter.activate();
        };
        await Promise.all([work.startBackground(), connect()]);
      },
      async demoted() {
        for (const adapter of gated) await adapter.deactivate().catch((err: unknown) => logger.warn({ err }, "cluster: adapter stop failed"));
        // Sending stops, but this replica still takes commands: its instance (and so its inbox rows) stays alive.
        await work.stopBackground();
      },
      notified: () => work.outboxChanged(),
    },
    logger,
    { channels: [OUTBOX_CHANNEL] },
  );
  election.start();
  return election;
}
