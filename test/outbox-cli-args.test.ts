import { describe, expect, it } from "vitest";
import { parseOutboxArgs } from "../src/outbox-cli-args.js";

describe("npm run outbox arguments", () => {
  it("list, retry <ids>, retry --all", () => {
    expect(parseOutboxArgs(["list"])).toEqual({ kind: "list" });
    expect(parseOutboxArgs(["retry", "12", "#13"])).toEqual({ kind: "retry", which: [12, 13] });
    expect(parseOutboxArgs(["retry", "--all"])).toEqual({ kind: "retry", which: "all" });
  });

  it("refuses anything else with the usage, naming a bad id", () => {
    const usage = "Usage: npm run outbox -- list | retry <id> [<id>…] | retry --all";
    expect(parseOutboxArgs([])).toEqual({ kind: "bad", message: usage });
    expect(parseOutboxArgs(["retry"])).toEqual({ kind: "bad", message: usage });
    expect(parseOutboxArgs(["list", "extra"])).toEqual({ kind: "bad", message: usage });
    expect(parseOutboxArgs(["retry", "12", "abc"])).toEqual({ kind: "bad", message: `“abc” is not an outbox row id (a whole number, as \`list\` shows).\n${usage}` });
  });
});
