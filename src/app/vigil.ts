import type { Policy } from "../core/policy.js";
import type { ChatAdapter, InboundEvent, Platform, Reply } from "../ports/chat.js";
import type { Clock } from "../ports/clock.js";
import type { IdGenerator } from "../ports/ids.js";
import type { Logger } from "../ports/logger.js";
import type { Metrics } from "../ports/metrics.js";
import type { ProcessIdentity } from "../ports/process-identity.js";
import type { Store } from "../ports/store.js";
import { AdapterSupervisor, type SupervisorOptions } from "./adapter-supervisor.js";
import { InboundHandler } from "./inbound/handle-inbound.js";
import { Inbox, type InboxOptions } from "./inbound/inbox.js";
import { Notifier } from "./incident/notifier.js";
import { OutboxDispatcher, type DispatcherOptions } from "./outbox-dispatcher.js";
import { DeadlineSweeper, type SweeperOptions } from "./deadlines/deadline-sweeper.js";
import { ensureDigestTimer } from "./sla/digest.js";
import { warnHolidayGaps } from "./sla/holiday-warnings.js";
import { syncDirectory } from "./sync-directory.js";
import { dutyLeadChannels } from "./incident/routing.js";
import { alertCardFields } from "./alerts/alert-card.js";
import { AlertIntake } from "./alerts/receive-alerts.js";
import { alertReactions } from "./alerts/handling-timer.js";
import { customerReactions } from "./customer/customer-updates.js";

/** Everything Vigil's core needs from the outside world. */
export interface VigilDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  policy: Policy;
  adapters: ChatAdapter[];
  dispatcher?: Partial<DispatcherOptions>;
  sweeper?: Partial<SweeperOptions>;
  /** Where counters go (Prometheus in production); none by default. */
  metrics?: Metrics;
  /** This process, owner of its outbox leases (main passes the real one; tests a stand-in). */
  identity?: ProcessIdentity;
  /** How often the inbox looks for events a dead process answered but did not finish. */
  inbox?: Partial<InboxOptions>;
  /** How a chat adapter that cannot start is retried. */
  supervisor?: Partial<SupervisorOptions>;
}

/** A running Vigil: the inbound boundary and the outbox dispatcher, wired to the adapters. */
export interface Vigil {
  /** Handle one inbound event (adapters call this through start()). */
  handle(event: InboundEvent): Promise<Reply>;
  readonly dispatcher: OutboxDispatcher;
  /** Events stored before their platform was answered; rows of a dead process are taken up here. */
  readonly inbox: Inbox;
  /** The SLA engine's tick; the scheduler calls it, tests call it with a fake clock. */
  readonly sweeper: DeadlineSweeper;
  /** Which chat adapters are connected (a platform down at start is retried, never fatal). */
  readonly adapters: AdapterSupervisor;
  /** Turns alerts from monitoring into incidents; present when the policy file has `alerts:`. */
  readonly alerts?: AlertIntake;
  /** Sync the directory, check calendars, arm the digest, start every adapter and the delivery loop. */
  start(options?: { background?: boolean }): Promise<void>;
  /** Stop adapters and the delivery loop. */
  stop(): Promise<void>;
}

/** Compose the app from its dependencies (no I/O until start()). */
export function createVigil(deps: VigilDeps): Vigil {
  const platforms: Platform[] = deps.adapters.map((a) => a.platform);
  const inviteLinks = (code: string) => deps.adapters.flatMap((a) => a.inviteLink?.(code) ?? []);
  // The customer loop and the alert clocks follow every incident change as reactions, wired here rather than called by the commands.
  const reactions = [customerReactions, alertReactions];
  const ctx = { store: deps.store, clock: deps.clock, ids: deps.ids, logger: deps.logger, policy: deps.policy, platforms, inviteLinks, metrics: deps.metrics, reactions };
  let supervisor: AdapterSupervisor | undefined;
  const dispatcher = new OutboxDispatcher(
    deps.store,
    deps.clock,
    deps.logger,
    new Map(deps.adapters.map((a) => [a.platform, a])),
    deps.dispatcher,
    deps.metrics,
    dutyLeadChannels(deps.policy, platforms),
    deps.identity,
    (platform) => supervisor?.isUp(platform) ?? false,
  );
  supervisor = new AdapterSupervisor(deps.adapters, deps.clock, deps.logger, () => dispatcher.kick(), deps.supervisor);
  const notifier = new Notifier(ctx, alertCardFields);
  const handler = new InboundHandler(ctx, notifier, () => dispatcher.kick());
  const sweeper = new DeadlineSweeper(ctx, notifier, () => dispatcher.kick(), deps.sweeper);
  const handle = async (event: InboundEvent) => {
    const reply = await handler.handle(event);
    deps.metrics?.inboundHandled(event.actor.platform, reply.outcome);
    return reply;
  };
  const inbox = new Inbox(deps.store, deps.clock, deps.logger, dispatcher.lease, new Map(deps.adapters.map((a) => [a.platform, a])), handle, deps.inbox);
  const alerts = deps.policy.alerts ? new AlertIntake(ctx, notifier, () => dispatcher.kick()) : undefined;
  return {
    handle,
    dispatcher,
    inbox,
    sweeper,
    adapters: supervisor,
    ...(alerts ? { alerts } : {}),
    async start(options = {}) {
      await syncDirectory(deps.store, deps.policy);
      warnHolidayGaps(ctx);
      await ensureDigestTimer(ctx, deps.store);
      // What a dead process answered is applied before anything new, so order holds across a restart.
      await inbox.takeUp();
      await supervisor.start(handle, inbox);
      if (options.background ?? true) {
        dispatcher.start();
        inbox.start();
      }
    },
    async stop() {
      await inbox.stop();
      await dispatcher.stop();
      await supervisor.stop();
    },
  };
}
