import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/harness.js";
import { runHostileFuzz } from "./hostile-fuzz.js";

// Seeded and bounded: the same events on every run, cut short by time on a slow machine.
// The long run (thousands of events) is `npm run fuzz`, written to RELIABILITY.md.
const SEED = 20261201;

describe("fuzzed hostile input through the boundary and every renderer (real SQLite)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await h.as("ana", "/incident open P2 Seed incident --org acme");
  });
  afterAll(async () => h.close());

  it("no internal error, every rendered message accepted by the strict fakes, refusals change nothing", async () => {
    const figures = await runHostileFuzz(h, { seed: SEED, numRuns: 150, timeLimitMs: 25_000 });
    console.log(`fuzz: ${JSON.stringify({ ...figures, examples: undefined })}`);
    expect(figures.events).toBeGreaterThan(20);
    expect(figures.examples).toEqual([]);
    expect(figures).toMatchObject({ internalErrors: 0, refusalsThatChanged: 0, rejected: { slack: 0, discord: 0, telegram: 0, console: 0 } });
  }, 60_000);
});
