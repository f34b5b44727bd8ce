import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import type { ChatAdapter } from "../../../src/ports/chat.js";
import { DISCORD_IDS, slashInteraction } from "../../fakes/fake-discord-interactions.js";
import { cardMessage, startDiscordApp, type DiscordApp } from "./discord-rig.js";
import { deliverAll } from "../../support/harness.js";

// Discord forgets an interaction whose first response comes later than 3 s (10062 Unknown
// interaction). The fake enforces that; the adapter must never depend on the core being fast.

const CALLBACK = "POST /interactions/:interaction/:token/callback";
const SLOW_CORE_MS = 4000;

let app: DiscordApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The real adapter, with the core behind it taking `delay.ms` per event. */
function slowCore(delay: { ms: number }) {
  return (adapter: ChatAdapter): ChatAdapter => ({
    platform: adapter.platform,
    rateLimit: adapter.rateLimit,
    start: (onEvent) => adapter.start(async (event) => (await sleep(delay.ms), onEvent(event))),
    stop: () => adapter.stop(),
    post: (to, message) => adapter.post(to, message),
    update: (ref, message) => adapter.update(ref, message),
  });
}

describe("the 3-second window", () => {
  it("the fake answers 10062 to a first response later than 3 s (the rule the adapter must live with)", async () => {
    app = await startDiscordApp({ wrap: slowCore({ ms: 0 }) });
    const raw = slashInteraction("ben", "help");
    // Pushed straight to the fake's bookkeeping, not the bot: only this test answers it.
    app.fake.interactions.set(raw.id, { id: raw.id, token: raw.token, pushedAtMs: app.fake.nowMs() - 3100, followUps: [] });
    const res = await fetch(`${app.fake.apiUrl}/v10/interactions/${raw.id}/${raw.token}/callback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: 4, data: { content: "too late" } }),
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 10062, message: "Unknown interaction" });
  });

  it("a command whose core takes 4 s is deferred at once and its answer edited in afterwards", async () => {
    app = await startDiscordApp({ wrap: slowCore({ ms: SLOW_CORE_MS }) });
    const reply = await app.driver.command("ben", "open", [
      { name: "severity", value: "P2" },
      { name: "title", value: "Slow database" },
      { name: "org", value: "acme" },
    ]);
    const { pushedAtMs, callback } = reply.interaction;
    expect(callback?.type).toBe(5);
    expect(callback!.atMs - pushedAtMs).toBeLessThan(3000);
    const edit = app.fake.calls.find((c) => c.route.startsWith("PATCH /webhooks") && c.params.token === reply.interaction.token)!;
    expect(edit.atMs - pushedAtMs).toBeGreaterThanOrEqual(SLOW_CORE_MS);
    expect(edit.status).toBe(200);
    expect(reply.text).toBe("Opened INC-1 (P2) for ACME Corp: Slow database");
    // No response was ever attempted outside the window, and none was refused.
    expect(app.fake.callsTo(CALLBACK).every((c) => c.atMs - pushedAtMs < 3000)).toBe(true);
    expect(app.fake.calls.filter((c) => c.status === 404)).toEqual([]);
    expect((await app.h.store.incidents.findByNumber(1))?.status).toBe("open");
  });

  it("a button whose core takes 4 s is acknowledged at once and answered by a follow-up", async () => {
    const delay = { ms: 0 };
    app = await startDiscordApp({ wrap: slowCore(delay) });
    await app.driver.command("ben", "open", [{ name: "severity", value: "P3" }, { name: "title", value: "Slow" }, { name: "org", value: "acme" }]);
    await deliverAll(app.h);
    delay.ms = SLOW_CORE_MS;
    const reply = await app.driver.click("ben", "inc:ack:1", cardMessage(app.fake, 1, DISCORD_IDS.acme).id);
    const { pushedAtMs, callback } = reply.interaction;
    expect(callback?.type).toBe(6);
    expect(callback!.atMs - pushedAtMs).toBeLessThan(3000);
    const followUp = app.fake.calls.find((c) => c.route === "POST /webhooks/:application/:token" && c.params.token === reply.interaction.token)!;
    expect(followUp.atMs - pushedAtMs).toBeGreaterThanOrEqual(SLOW_CORE_MS);
    expect(reply).toMatchObject({ text: "INC-1 acknowledged.", ephemeral: true });
    expect(app.fake.calls.filter((c) => c.status === 404)).toEqual([]);
  });
});
