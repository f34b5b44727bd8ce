import type { Policy } from "../core/policy.js";
import type { Platform } from "../ports/chat.js";
import type { Clock } from "../ports/clock.js";
import type { IdGenerator } from "../ports/ids.js";
import type { Logger } from "../ports/logger.js";
import type { Metrics } from "../ports/metrics.js";
import type { Store } from "../ports/store.js";

/** What every use case needs: the store, time, ids, logs, the policy, and which platforms are live. */
export interface AppContext {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  policy: Policy;
  /** Platforms with a running adapter: messages are only queued for these. */
  platforms: readonly Platform[];
  /** Links that open a chat with the bot carrying an invitation code (one per platform that can make one). */
  inviteLinks?: (code: string) => string[];
  /** Where operational counters go (Prometheus in production); reported after commit. */
  metrics?: Metrics;
}
