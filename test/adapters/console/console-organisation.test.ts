import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createConsoleAdapter } from "../../../adapters/console/index.js";
import { createHarness, examplePolicy, type Harness } from "../../support/harness.js";

/** The real console adapter on the real core (temporary SQLite), fed `lines`; resolves with what it printed. */
async function session(lines: string[]): Promise<{ out: string; h: Harness }> {
  const input = new PassThrough();
  let out = "";
  const output = new PassThrough();
  output.on("data", (d) => (out += d));
  let h: Harness | undefined;
  let ended!: () => void;
  const done = new Promise<void>((resolve) => (ended = resolve));
  let n = 0;
  const adapter = createConsoleAdapter({
    input,
    output,
    interactive: false,
    people: examplePolicy().people.map((p) => ({ id: p.id, name: p.name, role: p.role })),
    newEventId: () => `console-org-${++n}`,
    afterEvent: async () => void (await h?.deliver()),
    onEnd: async () => ended(),
  });
  h = await createHarness({ adapters: [adapter] });
  input.end(`${lines.join("\n")}\n`);
  await done;
  return { out, h };
}

describe("console: the organisation follows the channel", () => {
  it("/in <channel> types in an organisation's channel; the open is that organisation's; --org overrides", async () => {
    const { out, h } = await session(["/as ben", "/in #globex-incidents", "/incident open P3 Slow exports", "/incident open P4 Typo --org acme", "/in"]);
    try {
      expect(out).toContain("You are now typing in #globex-incidents");
      expect(out).toContain("ben #globex-incidents> /incident open P3 Slow exports\n✔ Opened INC-1 (P3) for Globex: Slow exports");
      expect(out).toContain("✔ Opened INC-2 (P4) for ACME Corp: Typo");
      expect(out).toContain("You are now typing in your direct messages.");
      expect((await h.store.incidents.findByNumber(1))?.organisationId).toBe("globex");
      expect((await h.store.incidents.findByNumber(2))?.organisationId).toBe("acme");
    } finally {
      await h.close();
    }
  });

  it("in a direct message nothing says which: Vigil asks with buttons, and /press picks one", async () => {
    const { out, h } = await session(["/as ben", "/incident open P2 Disk full", "/press globex", "/press acme"]);
    try {
      expect(out).toContain("✔ Which customer is “Disk full” (P2) for? Press one (or type the command again with --org).\n  [ACME Corp] [Globex]");
      expect(out).toContain("ben> /press globex\n✔ Opened INC-1 (P2) for Globex: Disk full");
      expect(out).toContain("[#globex-incidents] INC-1 · P2 · Disk full");
      expect(out).toContain("✔ Already opened as INC-1.");
      expect(await h.store.incidents.findByNumber(2)).toBeUndefined();
    } finally {
      await h.close();
    }
  });
});
