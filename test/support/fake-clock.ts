import type { Clock } from "../../src/ports/clock.js";

/** A clock tests move by hand. */
export class FakeClock implements Clock {
  private current: number;
  constructor(start: string | Date = "2026-11-02T09:00:00Z") {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(at: string | Date): void {
    this.current = new Date(at).getTime();
  }
}
