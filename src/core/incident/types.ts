import type { Platform } from "../chat-types.js";

export const SEVERITIES = ["P1", "P2", "P3", "P4"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ["open", "acknowledged", "mitigated", "resolved", "closed"] as const;
export type Status = (typeof STATUSES)[number];

export const ROLES = ["engineer", "lead", "admin", "contact"] as const;
export type Role = (typeof ROLES)[number];

export interface Organisation {
  id: string;
  name: string;
}

export interface Identity {
  platform: Platform;
  externalId: string;
}

export interface Person {
  id: string;
  name: string;
  role: Role;
  /** Set for contacts: the customer organisation they speak for. */
  organisationId?: string;
  identities: Identity[];
}

export interface Incident {
  id: number;
  number: number;
  title: string;
  description: string;
  severity: Severity;
  status: Status;
  organisationId: string;
  reporterId: string;
  assigneeId?: string;
  /** 0 = on-call engineers, 1 = duty lead, 2 = director… (as configured). */
  tier: number;
  /** Optimistic-concurrency version; bumped by every change. */
  version: number;
  resolution?: string;
  openedAt: Date;
  acknowledgedAt?: Date;
  acknowledgedById?: string;
  mitigatedAt?: Date;
  resolvedAt?: Date;
  closedAt?: Date;
  reopenedAt?: Date;
  updatedAt: Date;
}

/** Fields a new incident is created with; the store assigns id and number. */
export type NewIncident = Omit<Incident, "id" | "number" | "version">;

export interface TimelineEntry {
  id: number;
  incidentId: number;
  at: Date;
  kind: string;
  actorId?: string;
  platform: Platform | "system";
  details: Record<string, unknown>;
}

export type NewTimelineEntry = Omit<TimelineEntry, "id">;

/** `INC-42`, the form shown everywhere. */
export function incidentKey(number: number): string {
  return `INC-${number}`;
}
