import type { Clock } from "../../ports/clock.js";

/** The real clock; the only place production code reads the wall time. */
export const systemClock: Clock = { now: () => new Date() };
