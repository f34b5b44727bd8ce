/** Source of unique ids (event ids, error reference ids). */
export interface IdGenerator {
  /** A new id, unique across processes and restarts. */
  newId(): string;
  /** A short id people can read out (error references). */
  newReference(): string;
}
