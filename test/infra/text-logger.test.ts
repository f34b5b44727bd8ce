import { describe, expect, it } from "vitest";
import { createTextLogger } from "../../src/infra/system/text-logger.js";

describe("the console's readable log", () => {
  it("writes one short line per entry: level, message, fields; an error by its message, never its stack", () => {
    const lines: string[] = [];
    const log = createTextLogger("warn", (line) => lines.push(line));
    log.info({ port: 3000 }, "Vigil listening");
    log.warn({ calendar: "office", years: [2027, 2028] }, "calendar has no holiday data");
    log.error({ err: new Error("SQLITE_BUSY"), reference: "R-1" }, "unexpected error handling event");
    expect(lines).toEqual([
      "warning: calendar has no holiday data (calendar: office; years: 2027, 2028)\n",
      "error: unexpected error handling event (error: SQLITE_BUSY; reference: R-1)\n",
    ]);
  });

  it("stays quiet when silent", () => {
    const lines: string[] = [];
    createTextLogger("silent", (line) => lines.push(line)).error({}, "boom");
    expect(lines).toEqual([]);
  });
});
