import type { NudgeRecord, SlaFacts } from "../../core/sla/sla-types.js";
import type { AlertLink } from "../../ports/alert-store.js";

/** What is stored of an incident's SLA: its facts (absent when none yet) and its nudges in the order sent. */
export interface StoredSla {
  facts?: SlaFacts;
  nudges: NudgeRecord[];
}

/**
 * What belongs to an incident, read in the same statement as the incident and kept for the rest
 * of one transaction: nearly every change reads the incident, renders its card (which shows its
 * alert links) and re-arms its deadlines (from its SLA facts and nudges) right after. One per
 * transaction (outside one there is none: each call commits on its own); a write of a link, of
 * facts or of nudges in the transaction drops what it may have made stale.
 */
export class IncidentPrefetch {
  private readonly links = new Map<number, AlertLink[]>();
  private readonly sla = new Map<number, StoredSla>();

  /** Remember what was read (or is known: nothing, for an incident just created) of an incident. */
  put(incidentId: number, links: AlertLink[], sla: StoredSla): void {
    this.links.set(incidentId, links);
    this.sla.set(incidentId, sla);
  }

  /** The links kept for an incident (a copy), or undefined when they must be read. */
  linksOf(incidentId: number): AlertLink[] | undefined {
    return this.links.get(incidentId)?.map((l) => ({ ...l }));
  }

  /** The SLA kept for an incident (a copy), or undefined when it must be read. */
  slaOf(incidentId: number): StoredSla | undefined {
    const kept = this.sla.get(incidentId);
    return kept && structuredClone(kept);
  }

  /** A link was written: the links kept may be stale. */
  forgetLinks(): void {
    this.links.clear();
  }

  /** Facts or nudges were written: the SLA kept may be stale. */
  forgetSla(): void {
    this.sla.clear();
  }
}
