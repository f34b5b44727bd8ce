import type { ChatMemory } from "./chat-memory.js";
import type {
  Incident,
  NewIncident,
  NewTimelineEntry,
  Organisation,
  Person,
  Severity,
  Status,
  TimelineEntry,
} from "../core/incident/types.js";
import type { InboundEvent, MessageRef, OutboundMessage, Platform, Reply, ReplyRoute } from "./chat.js";
import type { RosterRepository, SlaRepository } from "./sla-store.js";
import type { DeadlineRepository } from "./deadline-store.js";
import type { CustomerRepository, FollowUpRepository } from "./customer-store.js";
import type { AlertRepository } from "./alert-store.js";

export type { FactsRearm, NudgeFilter, OncallRoster, RosterRepository, SlaRepository } from "./sla-store.js";
export type { DeadlineRepository, DeadlineTimer, TimerRearm } from "./deadline-store.js";

/** Which incidents a listing returns. */
export interface IncidentFilter {
  statuses?: Status[];
  organisationId?: string;
  assigneeId?: string;
  severities?: Severity[];
  /** Opened at or after. */
  openedFrom?: Date;
  /** Opened before. */
  openedTo?: Date;
  limit: number;
}

/** Incidents. `update` enforces optimistic concurrency. */
export interface IncidentRepository {
  /** Insert a new incident with the next never-reused number. */
  create(data: NewIncident): Promise<Incident>;
  /** The incident with this number, or undefined. */
  findByNumber(number: number): Promise<Incident | undefined>;
  /** The incident with this id, or undefined. */
  findById(id: number): Promise<Incident | undefined>;
  /** The incidents with these ids (unknown ids are skipped), in one query. */
  findByIds(ids: number[]): Promise<Incident[]>;
  /**
   * Write `next` if the stored version still equals `next.version`; returns the stored
   * incident with its version bumped. Throws ConcurrencyError otherwise.
   */
  update(next: Incident): Promise<Incident>;
  /** Incidents matching the filter, newest first. */
  list(filter: IncidentFilter): Promise<Incident[]>;
}

/** The append-only incident timeline. */
export interface TimelineRepository {
  /** Append one entry. */
  append(entry: NewTimelineEntry): Promise<TimelineEntry>;
  /** Append many entries at once, in order (the SLA sweeper writes a batch per tick). */
  appendMany(entries: NewTimelineEntry[]): Promise<void>;
  /** Entries of an incident in order; with `last`, only the last N (still in order). */
  list(incidentId: number, last?: number): Promise<TimelineEntry[]>;
  /** How many entries of these kinds the incidents have (reports). */
  countKinds(incidentIds: number[], kinds: string[]): Promise<number>;
}

/** Organisations, people and their platform identities (mirrored from the policy file). */
export interface DirectoryRepository {
  /** Create or rename an organisation. */
  upsertOrganisation(org: Organisation): Promise<void>;
  /** Create or replace a person and their identities. */
  upsertPerson(person: Person): Promise<void>;
  /** The person behind a platform identity, or undefined. */
  findByIdentity(platform: Platform, externalId: string): Promise<Person | undefined>;
  /** The person with this id, or undefined. */
  findPerson(id: string): Promise<Person | undefined>;
  /** Every person. */
  listPeople(): Promise<Person[]>;
  /** Every organisation. */
  listOrganisations(): Promise<Organisation[]>;
}

/** The messages that show an incident (its card per platform channel). */
export interface MessageLinkRepository {
  /** The card of `incidentId` in that channel, if it was posted. */
  find(incidentId: number, platform: Platform, channelId: string): Promise<MessageRef | undefined>;
  /** Remember where the card was posted. */
  save(incidentId: number, ref: MessageRef, at: Date): Promise<void>;
  /** Every card of an incident. */
  listForIncident(incidentId: number): Promise<MessageRef[]>;
}

/** What an outbox row asks the dispatcher to do. */
// "edit": replace the message an earlier row with the same `messageKey` posted in that channel.
export type OutboxKind = "card" | "thread" | "post" | "edit";

export interface NewOutboxRow {
  platform: Platform;
  channelId: string;
  kind: OutboxKind;
  /** Names a posted message so a later "edit" row can find it (e.g. `survey:12`). */
  messageKey?: string;
  incidentId?: number;
  message: OutboundMessage;
  createdAt: Date;
}

export interface OutboxRow extends NewOutboxRow {
  id: number;
  status: "pending" | "sent" | "failed" | "superseded";
  attempts: number;
  nextAttemptAt: Date;
  lastError?: string;
  sentAt?: Date;
  messageId?: string;
  /** When the current run of transient failures began (the give-up horizon counts from here). */
  failingSince?: Date;
  /** The dispatcher instance that held this row's lease when it was claimed (a crash may have sent it). */
  leaseOwner?: string;
}

/** A running dispatcher: its heartbeat keeps the leases it holds alive. */
export interface DispatcherInstance {
  id: string;
  host: string;
  pid: number;
  startedAt: Date;
  heartbeatAt: Date;
}

/** Messages waiting to be sent after commit; rows are claimed with a lease. */
export interface OutboxRepository {
  /**
   * Add a pending row (call inside the state change's transaction). A card row instead replaces
   * the message of its incident's card row still waiting in that channel, if that row was never
   * claimed: only the newest state of a card is ever sent, so a storm of changes to one incident
   * queues one card row, not one per change (where the database has one writer: SQLite; on
   * PostgreSQL that read would make concurrent transactions conflict, so each state is a row and
   * the dispatcher skips the stale ones). Returns the row as stored.
   */
  enqueue(row: NewOutboxRow): Promise<OutboxRow>;
  /** Add many pending rows at once, in order (same transaction and card rules as enqueue). */
  enqueueMany(rows: NewOutboxRow[]): Promise<void>;
  /**
   * Add a pending row when its id is not needed. Inside a transaction the rows added this way
   * are written together, in order, before the transaction's next outbox call or its commit
   * (one statement for a change's card and thread lines); outside one it is written at once.
   * Card rows follow enqueue's rule: a waiting, unclaimed card row takes the new state.
   */
  enqueueLater(row: NewOutboxRow): Promise<void>;
  /**
   * Claim due rows that are first in their channel's queue, at most one per channel,
   * leasing them until `leaseUntil` so no other dispatcher takes them. `quotas` caps the
   * rows claimed per platform (a platform-wide rate limit); platforms absent are uncapped.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number, quotas?: Partial<Record<Platform, number>>, owner?: string): Promise<OutboxRow[]>;
  /** Whether a newer pending card row exists for the same incident and channel. */
  hasNewerCard(row: OutboxRow): Promise<boolean>;
  /** Where the latest sent row with this `messageKey` went in that channel, if it was sent. */
  findSentByKey(platform: Platform, channelId: string, messageKey: string): Promise<MessageRef | undefined>;
  /** When the last `count` rows sent to a channel went out, newest first (to resume its pacing). */
  lastSentAt(platform: Platform, channelId: string, count: number): Promise<Date[]>;
  /** Mark delivered (with the platform's message id) or superseded. */
  complete(id: number, status: "sent" | "superseded", at: Date, messageId?: string): Promise<void>;
  /**
   * Put back for a later attempt; `countAttempt` false when only pacing or a rate limit
   * delayed it. `failingSince` starts (or keeps) the run of transient failures.
   * `previousOwner`: the process whose unfinished claim may have sent the row already (the
   * row's `leaseOwner` as claimed); it stays recorded, so the next claim still looks for an
   * earlier copy before posting.
   */
  retryLater(id: number, nextAttemptAt: Date, error: string | undefined, countAttempt: boolean, failingSince?: Date, previousOwner?: string): Promise<void>;
  /**
   * Make rows of `platform` that are backing off after transient errors due at `now` (the
   * `limit` whose retry is soonest, or all): a platform answering again moves its whole backlog
   * at once instead of each row waiting out its own backoff. Returns how many.
   */
  retryFailingNow(platform: Platform, now: Date, limit?: number): Promise<number>;
  /** Dead-letter a row: kept with its error, never retried until replayed. */
  fail(id: number, error: string): Promise<void>;
  /** Dead-lettered rows, oldest first. */
  listFailed(): Promise<OutboxRow[]>;
  /** Put dead-lettered rows (these ids, or all) back in their queues, due at `now`; returns how many. */
  replay(ids: number[] | "all", now: Date): Promise<number>;
  /** The pending rows queued after `row` in its channel, in order, at most `limit` (to send several as one). */
  queuedAfter(row: OutboxRow, limit: number): Promise<OutboxRow[]>;
  /** Replace a pending row's message (it now stands for rows folded into it). */
  rewrite(id: number, message: OutboundMessage): Promise<void>;
  /** The newest card row of an incident in a channel, whatever its status (to re-post a lost card). */
  latestCard(incidentId: number, platform: Platform, channelId: string): Promise<OutboxRow | undefined>;
  /** Record a starting dispatcher instance. */
  registerInstance(instance: DispatcherInstance): Promise<void>;
  /** Beat for `owner`: its heartbeat moves to `at` and the leases it holds run until `leaseUntil`. */
  heartbeat(owner: string, at: Date, leaseUntil: Date): Promise<void>;
  /** Every registered instance. */
  listInstances(): Promise<DispatcherInstance[]>;
  /** Forget instances (dead or stopped) and free their leases at once; returns rows freed. */
  removeInstances(ids: string[]): Promise<number>;
  /** Pending rows count, the earliest time one becomes due, when the oldest was written, and rows given up on. */
  pendingSummary(): Promise<{ count: number; nextDueAt?: Date; oldestCreatedAt?: Date; failed: number }>;
  /** Rows in id order (tests, diagnostics). */
  list(): Promise<OutboxRow[]>;
}

/** Inbound event ids already handled, with the reply that was given. */
export interface ProcessedEventRepository {
  /** The stored reply if this event id was handled before. */
  find(eventId: string): Promise<Reply | undefined>;
  /**
   * Inside a transaction, before its work: take the event id, so a concurrent handler of the
   * same delivery waits for this one and then finds it handled, instead of doing the work too
   * (on PostgreSQL, where replicas run such transactions at once; where transactions run one
   * at a time it does nothing). Throws DuplicateEventError if the event was handled already.
   */
  claim(eventId: string, at: Date): Promise<void>;
  /** Record an event id; throws DuplicateEventError if another handler recorded it first. */
  record(eventId: string, at: Date, reply: Reply): Promise<void>;
}

/** An inbound event stored before its platform was answered (the inbox). */
export interface InboxEntry {
  /** Arrival order. */
  seq: number;
  eventId: string;
  platform: Platform;
  event: InboundEvent;
  /** Where the reply goes, as the adapter described it (e.g. Slack's response_url). */
  replyTo: ReplyRoute;
  /** The dispatcher instance handling it; absent when nobody does. */
  owner?: string;
  receivedAt: Date;
}

/**
 * Inbound events that were answered to their platform but not yet applied and replied to.
 * A row whose owner is no registered DispatcherInstance is orphaned: its process died.
 */
export interface InboxRepository {
  /** Store an event for `owner`; false when a row with this event id is already waiting (a duplicate delivery). */
  accept(entry: Omit<InboxEntry, "seq">): Promise<boolean>;
  /** Take up to `limit` orphaned rows (owner null or not a registered instance) for `owner`, in arrival order. */
  claimOrphans(owner: string, limit: number): Promise<InboxEntry[]>;
  /** Give a row back (no owner), so the next pass of any process retries it. */
  release(eventId: string): Promise<void>;
  /** The event was applied and its reply delivered (or given up on). */
  remove(eventId: string): Promise<void>;
  /** Every waiting row in arrival order (tests, diagnostics). */
  list(): Promise<InboxEntry[]>;
}

/** The repositories available inside one transaction. */
export interface StoreTx {
  readonly incidents: IncidentRepository;
  readonly timeline: TimelineRepository;
  readonly directory: DirectoryRepository;
  readonly links: MessageLinkRepository;
  readonly outbox: OutboxRepository;
  readonly events: ProcessedEventRepository;
  /** SLA facts and the nudge ledger. */
  readonly sla: SlaRepository;
  /** Every deadline Vigil acts on by itself (SLA clocks, digest, customer loop, alert handling). */
  readonly deadlines: DeadlineRepository;
  readonly roster: RosterRepository;
  readonly customers: CustomerRepository;
  /** After resolution: confirmation checks, satisfaction surveys, complaints. */
  readonly followUps: FollowUpRepository;
  /** Alert links, receipts, graded failures and silences (alert ingestion). */
  readonly alerts: AlertRepository;
}

/** The unit of work: outside a transaction each call commits on its own. */
export interface Store extends StoreTx {
  /** Seen platform updates and moved chats, for the adapters; outside any transaction. */
  readonly chatMemory: ChatMemory;
  /** Inbound events stored before their platform was answered; outside any transaction. */
  readonly inbox: InboxRepository;
  /** Run `work` atomically; it commits if it resolves and rolls back if it throws. */
  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Release connections. */
  close(): Promise<void>;
}

/** The event id was recorded by a concurrent handler. */
export class DuplicateEventError extends Error {
  constructor(readonly eventId: string) {
    super(`event ${eventId} already processed`);
    this.name = "DuplicateEventError";
  }
}
