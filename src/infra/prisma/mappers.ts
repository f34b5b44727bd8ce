import type { Incident, Organisation, Person, Role, Severity, Status, TimelineEntry } from "../../core/incident/types.js";
import type { Platform, Reply } from "../../ports/chat.js";
import type { OutboxRow } from "../../ports/store.js";
import type * as Db from "../../generated/prisma/client.js";

type IncidentRow = Db.Incident;
const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

/** Row → domain incident. */
export function toIncident(row: IncidentRow): Incident {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    severity: row.severity as Severity,
    status: row.status as Status,
    organisationId: row.organisationId,
    reporterId: row.reporterId,
    assigneeId: opt(row.assigneeId),
    tier: row.tier,
    version: row.version,
    resolution: opt(row.resolution),
    openedAt: row.openedAt,
    acknowledgedAt: opt(row.acknowledgedAt),
    acknowledgedById: opt(row.acknowledgedById),
    mitigatedAt: opt(row.mitigatedAt),
    resolvedAt: opt(row.resolvedAt),
    closedAt: opt(row.closedAt),
    reopenedAt: opt(row.reopenedAt),
    updatedAt: row.updatedAt,
  };
}

/** Domain incident → the mutable columns of a row. */
export function incidentColumns(i: Omit<Incident, "id" | "number" | "version">) {
  return {
    title: i.title,
    description: i.description,
    severity: i.severity,
    status: i.status,
    organisationId: i.organisationId,
    reporterId: i.reporterId,
    assigneeId: i.assigneeId ?? null,
    tier: i.tier,
    resolution: i.resolution ?? null,
    openedAt: i.openedAt,
    acknowledgedAt: i.acknowledgedAt ?? null,
    acknowledgedById: i.acknowledgedById ?? null,
    mitigatedAt: i.mitigatedAt ?? null,
    resolvedAt: i.resolvedAt ?? null,
    closedAt: i.closedAt ?? null,
    reopenedAt: i.reopenedAt ?? null,
    updatedAt: i.updatedAt,
  };
}

/** Row → timeline entry. */
export function toTimelineEntry(row: Db.TimelineEntry): TimelineEntry {
  return {
    id: row.id,
    incidentId: row.incidentId,
    at: row.at,
    kind: row.kind,
    actorId: opt(row.actorId),
    platform: row.platform as TimelineEntry["platform"],
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

/** Row (with identities) → person. */
export function toPerson(row: Db.Person & { identities: Db.Identity[] }): Person {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    organisationId: opt(row.organisationId),
    identities: row.identities.map((i) => ({ platform: i.platform as Platform, externalId: i.externalId })),
  };
}

/** Row → organisation. */
export function toOrganisation(row: Db.Organisation): Organisation {
  return { id: row.id, name: row.name };
}

/** Row → outbox row. */
export function toOutboxRow(row: Db.OutboxMessage): OutboxRow {
  return {
    id: row.id,
    createdAt: row.createdAt,
    platform: row.platform as Platform,
    channelId: row.channelId,
    kind: row.kind as OutboxRow["kind"],
    incidentId: opt(row.incidentId),
    messageKey: opt(row.messageKey),
    message: JSON.parse(row.payload) as OutboxRow["message"],
    status: row.status as OutboxRow["status"],
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: opt(row.lastError),
    sentAt: opt(row.sentAt),
    messageId: opt(row.messageId),
    failingSince: opt(row.failingSince),
    leaseOwner: opt(row.leaseOwner),
  };
}

/** Stored JSON → reply. */
export function toReply(json: string): Reply {
  return JSON.parse(json) as Reply;
}
