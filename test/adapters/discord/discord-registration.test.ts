import { afterEach, describe, expect, it } from "vitest";
import { commandText, type GivenOption } from "../../../adapters/discord/commands.js";
import type { DiscordAdapterConfig } from "../../../adapters/discord/index.js";
import { COMMAND_SPECS } from "../../../src/core/commands/command-specs.js";
import { parseCommand } from "../../../src/core/commands/parse-command.js";
import type { ChatAdapter, InboundEvent, Reply } from "../../../src/ports/chat.js";
import type { FakeDiscord } from "../../fakes/fake-discord.js";
import { autocompleteInteraction, DISCORD_IDS, DISCORD_USERS, newFakeDiscord } from "../../fakes/fake-discord-interactions.js";
import { DISCORD_TOKEN, newDiscordAdapter } from "./discord-rig.js";

let fake: FakeDiscord | undefined;
let adapter: ChatAdapter | undefined;
afterEach(async () => {
  await adapter?.stop();
  await fake?.close();
  adapter = fake = undefined;
});

const events: InboundEvent[] = [];
async function startBare(overrides: Partial<DiscordAdapterConfig> = {}): Promise<FakeDiscord> {
  fake = await newFakeDiscord().start();
  adapter = newDiscordAdapter(fake, overrides).adapter;
  await adapter.start(async (event): Promise<Reply> => (events.push(event), { outcome: "ok", message: { text: "ok" } }));
  return fake;
}

const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;

describe("command registration", () => {
  it("PUTs /incident (one subcommand per core command, typed options) and /oncall", async () => {
    const f = await startBare({ organisations: [{ id: "acme", name: "ACME Corp" }, { id: "globex", name: "Globex" }] });
    const [put] = f.callsTo("PUT /applications/:application/commands");
    expect(put.params.application).toBe(DISCORD_IDS.app);
    expect(put.auth).toBe(`Bot ${DISCORD_TOKEN}`);
    expect(put.body.map((c: any) => c.name)).toEqual(["incident", "oncall"]);
    const [incident, oncall] = put.body;
    expect(incident.options.map((o: any) => [o.name, o.type])).toEqual(COMMAND_SPECS.map((s) => [s.name, 1]));
    const sub = (name: string) => incident.options.find((o: any) => o.name === name).options.map((o: any) => ({ ...o, description: undefined }));
    const choices = (...values: string[]) => values.map((v) => ({ name: v, value: v }));
    expect(sub("open")).toEqual([
      { type: 3, name: "severity", required: true, choices: choices("P1", "P2", "P3", "P4") },
      { type: 3, name: "title", required: true },
      { type: 3, name: "org", required: false, autocomplete: true },
      { type: 3, name: "description", required: false },
    ]);
    expect(sub("ack")).toEqual([{ type: 3, name: "incident", required: true, autocomplete: true }]);
    expect(sub("assign")).toEqual([
      { type: 3, name: "incident", required: true, autocomplete: true },
      { type: 6, name: "person", required: true },
    ]);
    expect(sub("escalate").map((o: any) => [o.name, o.required])).toEqual([["incident", true], ["reason", true], ["to", false]]);
    expect(sub("mitigate").map((o: any) => [o.name, o.required])).toEqual([["incident", true], ["note", false]]);
    expect(sub("list")).toEqual([
      { type: 3, name: "filter", required: false, choices: choices("open", "mine", "all", "overdue", "at-risk") },
      { type: 3, name: "org", required: false, autocomplete: true },
    ]);
    expect(sub("help")[0].choices.map((c: any) => c.value)).toEqual(COMMAND_SPECS.map((s) => s.name));
    expect(oncall.options.map((o: any) => o.name)).toEqual(["show", "set"]);
    expect(oncall.options[1].options.map((o: any) => [o.name, o.type, o.required])).toEqual([["person", 6, true], ["person2", 6, false], ["person3", 6, false]]);
  });

  it("keeps Discord's rules for names and descriptions (else 50035), then identifies with the Guilds intent only", async () => {
    const f = await startBare();
    const [put] = f.callsTo("PUT /applications/:application/commands");
    const [incident, oncall] = put.body;
    const all = [...put.body, ...incident.options, ...incident.options.flatMap((o: any) => o.options), ...oncall.options];
    for (const o of all) {
      expect(o.name, o.name).toMatch(NAME);
      expect(o.description.length, o.name).toBeGreaterThan(0);
      expect(o.description.length, o.name).toBeLessThanOrEqual(100);
    }
    expect(f.gateway.identifies).toHaveLength(1);
    expect(f.gateway.identifies[0]).toMatchObject({ token: DISCORD_TOKEN, intents: 1 });
    expect(f.callsTo("PUT /applications/:application/commands").length + f.callsTo("GET /gateway/bot").length).toBe(2);
  });

  it("registers in one guild when guildId is set, and start() fails on a refused token", async () => {
    const f = await startBare({ guildId: DISCORD_IDS.guild });
    expect(f.callsTo("PUT /applications/:application/guilds/:guild/commands").map((c) => c.params.guild)).toEqual([DISCORD_IDS.guild]);
    expect(f.callsTo("PUT /applications/:application/commands")).toEqual([]);

    const other = await newFakeDiscord().start();
    try {
      other.failNext("PUT /applications/:application/commands", { status: 401, code: 0, message: "401: Unauthorized" });
      const refused = newDiscordAdapter(other).adapter;
      await expect(refused.start(async () => ({ outcome: "ok", message: { text: "" } }))).rejects.toThrow(/Unauthorized/);
      expect(other.gateway.identifies).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe("typed options become the command line the core parses", () => {
  const sub = (name: string, options: GivenOption[]): GivenOption[] => [{ name, type: 1, options }];
  const s = (name: string, value: string): GivenOption => ({ name, type: 3, value });
  const CASES: [string, GivenOption[], string, unknown][] = [
    ["open", sub("open", [s("severity", "P2"), s("title", 'Disk "full" on db-1 \\ now'), s("org", "acme"), s("description", "95% used\nand growing")]),
      '/incident open P2 "Disk \\"full\\" on db-1 \\\\ now" --org acme --desc "95% used\nand growing"',
      { name: "open", severity: "P2", title: 'Disk "full" on db-1 \\ now', org: "acme", desc: "95% used\nand growing" }],
    ["assign", sub("assign", [s("incident", "INC-7"), { name: "person", type: 6, value: DISCORD_USERS.ben.id }]),
      `/incident assign INC-7 @${DISCORD_USERS.ben.id}`, { name: "assign", number: 7, assignee: DISCORD_USERS.ben.id }],
    ["escalate", sub("escalate", [s("incident", "7"), s("reason", "Checkout down; --to P4 is text here"), s("to", "P1")]),
      '/incident escalate 7 "Checkout down; --to P4 is text here" --to P1', { name: "escalate", number: 7, to: "P1", reason: "Checkout down; --to P4 is text here" }],
    ["mitigate without note", sub("mitigate", [s("incident", "inc-7")]), "/incident mitigate inc-7", { name: "mitigate", number: 7 }],
    ["list", sub("list", [s("org", "globex")]), "/incident list --org globex", { name: "list", scope: "open", org: "globex" }],
    ["help", sub("help", []), "/incident help", { name: "help" }],
  ];
  it.each(CASES)("%s", (_, given, line, command) => {
    expect(commandText("incident", given)).toBe(line);
    expect(parseCommand(line)).toEqual(command);
  });

  it("/oncall show and set", () => {
    expect(commandText("oncall", sub("show", []))).toBe("/oncall");
    const people = [DISCORD_USERS.ana.id, DISCORD_USERS.ben.id].map((id, i) => ({ name: i ? "person2" : "person", type: 6, value: id }));
    expect(commandText("oncall", sub("set", people))).toBe(`/oncall set @${DISCORD_USERS.ana.id} @${DISCORD_USERS.ben.id}`);
  });
});

describe("incident key autocomplete", () => {
  async function suggest(f: FakeDiscord, value: string, option = "incident") {
    const raw = autocompleteInteraction("ben", "ack", option, value);
    f.pushInteraction(raw);
    await f.waitFor((x) => x.interactions.get(raw.id)?.callback !== undefined);
    return f.interactions.get(raw.id)!.callback!;
  }

  it("answers from suggestIncidents(actor, prefix), as Discord choices", async () => {
    const asked: [string, string][] = [];
    const f = await startBare({
      suggestIncidents: async (actor, prefix) => (asked.push([actor.userId, prefix]), [{ key: "INC-12", label: `INC-12 · P2 · ${"x".repeat(120)}` }]),
    });
    const callback = await suggest(f, "12");
    expect(callback.type).toBe(8);
    expect(callback.body.data.choices).toEqual([{ name: `INC-12 · P2 · ${"x".repeat(85)}…`, value: "INC-12" }]);
    expect(asked).toEqual([[DISCORD_USERS.ben.id, "12"]]);
    expect(events).toEqual([]);
  });

  it("offers nothing without the callback, for other options, or when it is too slow for the 3 s window", async () => {
    const f = await startBare({ suggestIncidents: () => new Promise((resolve) => setTimeout(() => resolve([{ key: "INC-1", label: "late" }]), 5000)) });
    const started = Date.now();
    const slow = await suggest(f, "1");
    expect(slow.body.data.choices).toEqual([]);
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await suggest(f, "x", "reason")).body.data.choices).toEqual([]);
  });
});
