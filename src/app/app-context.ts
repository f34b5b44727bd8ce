import type { IncidentChange } from "../core/incident/transitions.js";
import type { Incident, Person } from "../core/incident/types.js";
import type { Policy } from "../core/policy.js";
import type { Address, Platform } from "../ports/chat.js";
import type { Clock } from "../ports/clock.js";
import type { IdGenerator } from "../ports/ids.js";
import type { Logger } from "../ports/logger.js";
import type { Metrics } from "../ports/metrics.js";
import type { Store, StoreTx } from "../ports/store.js";
import type { Notifier } from "./incident/notifier.js";

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
  /** What else happens after incident changes (wired in the composition root: the customer loop's updates); none by default. */
  reactions?: readonly IncidentReactions[];
}

interface RunBase {
  ctx: AppContext;
  tx: StoreTx;
  now: Date;
  notify: Notifier;
  /** Where the event came from (a channel decides an incident's organisation); absent outside chat. */
  at?: Address;
}

/**
 * One event being handled inside one transaction: a person's command, button or reply, or a
 * due deadline. `actor` and `platform` say who acted and where; both are absent when Vigil
 * acted by itself (the timeline then says "system"). `Run<Person>` is a person's run.
 */
export type Run<Actor extends Person | undefined = Person | undefined> = RunBase &
  ([Actor] extends [Person] ? { actor: Person; platform: Platform } : { actor?: Person; platform?: Platform });

/** A change just applied by changeIncident: the incident before and after, and what was asked. */
export interface AppliedChange {
  before: Incident;
  after: Incident;
  change: IncidentChange;
}

/** What another part of the app does when an incident changes, in the same transaction. */
export interface IncidentReactions {
  /** After every change changeIncident applied. */
  changed?(run: Run, applied: AppliedChange): Promise<void>;
  /** The team now waits on the customer for `what` (`/incident wait`). */
  waitingOnCustomer?(run: Run, incident: Incident, what: string): Promise<void>;
}
