import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { suggestIncidents } from "../../src/app/suggest-incidents.js";
import { createHarness, type Harness } from "../support/harness.js";

describe("incident suggestions for autocomplete", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    await h.as("ana", "/incident open P2 Database down --org acme");
    await h.as("ana", "/incident open P3 Mail slow --org globex");
    await h.as("ana", "/incident open P4 Disk warning --org acme");
    await h.as("ana", "/incident resolve 3 cleaned");
  });
  afterEach(async () => h.close());

  const who = (userId: string) => ({ platform: "console" as const, userId, displayName: userId });

  it("offers open incidents matching a number or title", async () => {
    expect(await suggestIncidents(h.store, who("ben"), "")).toEqual([
      { key: "INC-2", label: "INC-2 · P3 · Mail slow" },
      { key: "INC-1", label: "INC-1 · P2 · Database down" },
    ]);
    expect((await suggestIncidents(h.store, who("ben"), "inc-1")).map((s) => s.key)).toEqual(["INC-1"]);
    expect((await suggestIncidents(h.store, who("ben"), "mail")).map((s) => s.key)).toEqual(["INC-2"]);
  });

  it("never offers another organisation's incidents to a contact, nothing to strangers", async () => {
    expect((await suggestIncidents(h.store, who("carol"), "")).map((s) => s.key)).toEqual(["INC-1"]);
    expect(await suggestIncidents(h.store, who("mallory"), "")).toEqual([]);
  });
});
