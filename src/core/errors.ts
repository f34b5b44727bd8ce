/**
 * A refusal the user caused and can fix: `code` is "AREA.REASON" for logs and tests,
 * `userMessage` is the text they see (from copy.ts).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly userMessage: string,
  ) {
    super(`${code}: ${userMessage}`);
    this.name = "DomainError";
  }
}

/** Another writer changed the incident between our read and our write. */
export class ConcurrencyError extends Error {
  constructor(readonly incidentId: number) {
    super(`incident ${incidentId} changed concurrently`);
    this.name = "ConcurrencyError";
  }
}
