/** The only source of "now" for core and app code. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}
