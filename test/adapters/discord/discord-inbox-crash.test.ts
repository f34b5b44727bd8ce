import { afterEach, describe, expect, it } from "vitest";
import type { Reply } from "../../../src/ports/chat.js";
import type { ProcessIdentity } from "../../../src/ports/process-identity.js";
import { slashInteraction, type TypedOption } from "../../fakes/fake-discord-interactions.js";
import { deliverAll } from "../../support/harness.js";
import { replyText, startDiscordApp, type DiscordApp } from "./discord-rig.js";

// The crash window of a Discord interaction: discord.js deferred it (Discord's answer), then
// the process died before the core applied it. Discord never sends it again; the inbox row
// does. The next process (same database, the real discord.js on the same fake bot) applies it
// once and edits the deferred reply through the interaction's token.

const dead: ProcessIdentity = { id: "process-a", host: "test-host", pid: 4242, isAlive: () => true };
const next: ProcessIdentity = { id: "process-b", host: "test-host", pid: 4343, isAlive: (pid) => pid !== dead.pid };
const str = (name: string, value: string): TypedOption => ({ name, value });

let apps: DiscordApp[] = [];
let unblock: (() => void) | undefined;
afterEach(async () => {
  unblock?.();
  for (const app of apps.reverse()) await app.close();
  apps = [];
});

describe("Discord: a deferred interaction survives the process dying", () => {
  it("killed before applying: the next process applies it once and edits the deferred reply", async () => {
    const a = await startDiscordApp({ harness: { identity: dead } });
    apps.push(a);
    const gate = new Promise<void>((resolve) => (unblock = resolve));
    const gone: Reply = { outcome: "error", message: { text: "this process is gone" } };
    await a.h.adapters[0].start(async () => (await gate, gone), a.h.vigil.inbox);
    const raw = slashInteraction("ben", "open", [str("severity", "P3"), str("title", "Disk full"), str("org", "acme")]);
    a.fake.pushInteraction(raw);
    await a.fake.waitFor((f) => f.interactions.get(raw.id)?.original !== undefined || f.calls.some((c) => c.params.token === raw.token), 10_000);
    await expect.poll(async () => (await a.h.store.inbox.list()).map((r) => [r.owner, r.replyTo.token, r.replyTo.kind]), { timeout: 5000 }).toEqual([[dead.id, raw.token, "original"]]);
    expect(await a.h.store.incidents.list({ limit: 10 })).toEqual([]);

    const b = await startDiscordApp({ harness: { identity: next, sharedStore: a.h.store }, fake: a.fake });
    apps.push(b);
    const edits = a.fake.calls.filter((c) => c.route === "PATCH /webhooks/:application/:token/messages/:message" && c.params.token === raw.token);
    expect(edits.map((c) => replyText(c.body).split("\n")[0])).toEqual(["Opened INC-1 (P3) for ACME Corp: Disk full"]);
    expect(await b.h.store.inbox.list()).toEqual([]);
    await deliverAll(b.h);
    const incidents = await b.h.store.incidents.list({ limit: 10 });
    expect(incidents.map((i) => i.number)).toEqual([1]);
    expect((await b.h.store.timeline.list(incidents[0].id)).filter((e) => e.kind === "opened")).toHaveLength(1);
  });
});
