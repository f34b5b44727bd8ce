import type { AlertLink } from "../../ports/alert-store.js";

/**
 * An incident's alert links as read with the incident itself, kept for the rest of one
 * transaction: nearly every change renders the card right after reading the incident, and the
 * card shows the links. One per transaction (outside one there is none: each call commits on
 * its own); a link written in the transaction drops what is kept.
 */
export class LinkPrefetch {
  private readonly byIncident = new Map<number, AlertLink[]>();

  /** Remember the links read (or known: none, for an incident just created) for an incident. */
  put(incidentId: number, links: AlertLink[]): void {
    this.byIncident.set(incidentId, links);
  }

  /** The links kept for an incident (a copy), or undefined when they must be read. */
  get(incidentId: number): AlertLink[] | undefined {
    return this.byIncident.get(incidentId)?.map((l) => ({ ...l }));
  }

  /** A link was written: what is kept may be stale. */
  forgetAll(): void {
    this.byIncident.clear();
  }
}
