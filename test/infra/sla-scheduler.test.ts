import { describe, expect, it } from "vitest";
import { SlaScheduler } from "../../src/infra/scheduler/sla-scheduler.js";
import { MemoryLogger } from "../support/harness.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("SLA scheduler (cron wiring only)", () => {
  it("ticks once at start (catch-up), then every interval, never two at once; a failed tick is logged, not fatal", async () => {
    let running = 0;
    let overlapped = false;
    let calls = 0;
    let completed = 0;
    const target = {
      async tick() {
        calls++;
        overlapped ||= running > 0;
        running++;
        await sleep(1300); // longer than the interval: the next tick must wait for this one
        running--;
        completed++;
        if (calls === 2) throw new Error("database locked");
      },
    };
    const logger = new MemoryLogger();
    const scheduler = new SlaScheduler(target, logger, 1);
    await scheduler.start();
    // The catch-up tick has finished before start() returns. (On a loaded machine cron may start
    // the next tick at once when it computes a just-missed second; that one is still running.)
    expect(completed).toBe(1);
    await sleep(3200);
    await scheduler.stop();
    const after = calls;
    await sleep(1200);
    expect(calls).toBe(after);
    expect(after).toBeGreaterThanOrEqual(2);
    expect(overlapped).toBe(false);
    expect(logger.lines.filter((l) => l.level === "error").map((l) => l.message)).toEqual(["SLA tick failed; the next tick retries"]);
  }, 15_000);

  it("refuses an interval that does not divide a minute", () => {
    expect(() => new SlaScheduler({ tick: async () => undefined }, new MemoryLogger(), 7)).toThrow(RangeError);
  });
});
