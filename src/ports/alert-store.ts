import type { AlertLedgerKind, AlertSource } from "../core/alerts/alert-types.js";

/** The incident an alert's dedup key belongs to, and what the alert last said. */
export interface AlertLink {
  /** The signal's dedup key (`grafana:c6eadffa33fcdf37`). */
  key: string;
  source: AlertSource;
  incidentId: number;
  /** Firing alerts counted on this incident (the first one included): "fired ×N". */
  fired: number;
  status: "firing" | "resolved";
  summary: string;
  lastValue?: string;
  firstAt: Date;
  lastAt: Date;
  /** When a repeat was last announced in the thread (repeats are announced at most every `repeatEveryMs`). */
  notifiedAt?: Date;
}

/** One accepted signal, kept for the monthly report. */
export interface AlertReceipt {
  at: Date;
  source: AlertSource;
  key: string;
  status: "firing" | "resolved";
  /** Alerts the signal stood for. */
  count: number;
  incidentId: number;
  /** Whether this signal opened the incident. */
  opened: boolean;
}

/** A graded failure (or the missed handling target), recorded at most once per incident and kind. */
export interface AlertFailure {
  incidentId: number;
  kind: AlertLedgerKind;
  at: Date;
}

/** `/incident silence`: repeat notifications stop until `until` or until the incident is handled. */
export interface AlertSilence {
  id: number;
  incidentId: number;
  startedAt: Date;
  until: Date;
  reason: string;
  byId: string;
  endedAt?: Date;
  /** `handled` (mitigated or resolved: "back online") or `expired`. */
  endReason?: "handled" | "expired";
}

/** Alert links, receipts, graded failures and silences. */
export interface AlertRepository {
  /** The link of a dedup key, if an alert with it was seen. */
  findLink(key: string): Promise<AlertLink | undefined>;
  /** Links pointing at an incident (its card shows their counts). */
  linksOf(incidentId: number): Promise<AlertLink[]>;
  /** Create or replace the link of `link.key`. */
  saveLink(link: AlertLink): Promise<void>;
  /** Keep accepted signals for the report (one statement for a batch). */
  recordReceipts(receipts: AlertReceipt[]): Promise<void>;
  /** Record a graded failure; false when that incident already has one of that kind. */
  recordFailure(failure: AlertFailure): Promise<boolean>;
  /** The failures of these incidents. */
  failuresOf(incidentIds: number[]): Promise<AlertFailure[]>;
  /** Start a silence; returns it with its id. */
  startSilence(silence: Omit<AlertSilence, "id">): Promise<AlertSilence>;
  /** The incident's silence that has not ended, if any. */
  activeSilence(incidentId: number): Promise<AlertSilence | undefined>;
  /** End a silence. */
  endSilence(id: number, at: Date, reason: "handled" | "expired"): Promise<void>;
  /** Silences of these incidents (the report counts them; the 30-minute rule reads them). */
  silencesOf(incidentIds: number[]): Promise<AlertSilence[]>;
  /** Alerts received in [from, to) per incident, and the incidents alerts opened then (ascending ids). */
  totals(from: Date, to: Date): Promise<{ receivedByIncident: Map<number, number>; incidentIds: number[] }>;
}
