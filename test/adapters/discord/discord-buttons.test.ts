import { afterEach, describe, expect, it } from "vitest";
import { DISCORD_IDS } from "../../fakes/fake-discord-interactions.js";
import type { Harness } from "../../support/harness.js";
import { buttonIds, cardFields, cardMessage, channelPosts, startDiscordApp, threadTexts, type DiscordApp } from "./discord-rig.js";
import { deliverAll } from "../../support/harness.js";

// A card button does exactly what the command does, with the same rights: the adapter sends
// the button's custom_id (the neutral action id) to the core as an "action" event.

const { acme: ACME, duty: DUTY } = DISCORD_IDS;

let app: DiscordApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function openDelivered(): Promise<{ a: DiscordApp; cardId: string }> {
  app = await startDiscordApp();
  await app.driver.command("ben", "open", [
    { name: "severity", value: "P3" },
    { name: "title", value: "Database replica lag" },
    { name: "org", value: "acme" },
  ]);
  await deliverAll(app.h);
  return { a: app, cardId: cardMessage(app.fake, 1).id };
}

async function kinds(h: Harness): Promise<string[][]> {
  const incident = (await h.store.incidents.findByNumber(1))!;
  return (await h.store.timeline.list(incident.id)).filter((e) => e.kind !== "message_sent").map((e) => [e.kind, e.actorId!, e.platform]);
}

describe("card buttons", () => {
  it("Acknowledge: deferUpdate, an ephemeral follow-up with the core's answer, the card edited in place", async () => {
    const { a, cardId } = await openDelivered();
    expect(buttonIds(cardMessage(a.fake, 1))).toEqual(["inc:ack:1", "inc:escalate:1"]);
    const mark = a.fake.calls.length;

    const reply = await a.driver.click("ben", "inc:ack:1", cardId);
    expect(reply.interaction.callback?.type).toBe(6);
    expect(reply.ephemeral).toBe(true);
    expect(reply.text).toBe("INC-1 acknowledged.");
    // The click itself never touches the card: only the outbox edits it, for everyone.
    expect(a.fake.calls.slice(mark).filter((c) => c.route.startsWith("PATCH /channels"))).toEqual([]);

    await deliverAll(a.h);
    const edits = a.fake.calls.slice(mark).filter((c) => c.route === "PATCH /channels/:channel/messages/:message");
    expect(edits.map((e) => [e.params.channel, e.params.message])).toEqual([[ACME, cardId]]);
    const card = cardMessage(a.fake, 1);
    expect(buttonIds(card)).toEqual(["inc:mitigate:1", "inc:resolve:1", "inc:escalate:1"]);
    expect(cardFields(card)).toMatchObject({ Status: "Acknowledged", Acknowledged: expect.stringMatching(/^by Ben Okafor at /) });
    expect(threadTexts(a.fake, cardId)).toEqual(["Ben Okafor opened INC-1.", "Ben Okafor acknowledged INC-1."]);
    expect(await kinds(a.h)).toEqual([
      ["opened", "ben", "discord"],
      ["acknowledged", "ben", "discord"],
    ]);
  });

  it("the buttons of the edited card drive the rest of the lifecycle (mitigate, escalate, resolve)", async () => {
    const { a, cardId } = await openDelivered();
    const click = async (id: string) => {
      expect(buttonIds(cardMessage(a.fake, 1))).toContain(id);
      const { text } = await a.driver.click("ben", id, cardId);
      await deliverAll(a.h);
      return text;
    };
    expect(await click("inc:ack:1")).toBe("INC-1 acknowledged.");
    expect(await click("inc:mitigate:1")).toBe("INC-1 mitigated.");
    expect(await click("inc:escalate:1")).toBe("INC-1 escalated to duty lead (P3).");
    expect(channelPosts(a.fake, DUTY).map((c) => c.body.embeds[0].description)).toEqual([
      "⬆️ INC-1 (P3) Database replica lag escalated to duty lead by Ben Okafor: via button",
    ]);
    expect(await click("inc:resolve:1")).toBe("INC-1 resolved.");
    expect(buttonIds(cardMessage(a.fake, 1))).toEqual([]);
    expect(cardMessage(a.fake, 1).components).toEqual([]);
    expect(await a.h.store.incidents.findByNumber(1)).toMatchObject({ status: "resolved", resolution: "via button", tier: 1 });
    expect((await kinds(a.h)).map(([k]) => k)).toEqual(["opened", "acknowledged", "mitigated", "escalated", "resolved"]);
    expect(channelPosts(a.fake, ACME)).toHaveLength(1);
  });

  it("a second click on Acknowledge is told who acknowledged it", async () => {
    const { a, cardId } = await openDelivered();
    await a.driver.click("ben", "inc:ack:1", cardId);
    a.h.clock.advance(2000);
    const { text, ephemeral } = await a.driver.click("ana", "inc:ack:1", cardId);
    expect(ephemeral).toBe(true);
    expect(text).toBe("INC-1 was acknowledged by Ben Okafor 2 s ago.");
    expect((await kinds(a.h)).map(([k]) => k)).toEqual(["opened", "acknowledged"]);
  });

  it("a custom_id Vigil never issued is refused by the core and changes nothing", async () => {
    const { a, cardId } = await openDelivered();
    const { text } = await a.driver.click("ben", "inc:close:1", cardId);
    expect(text).toContain("is not a Vigil command");
    expect((await kinds(a.h)).map(([k]) => k)).toEqual(["opened"]);
  });

  it("a click from a Discord user the policy file does not know changes nothing", async () => {
    const { a, cardId } = await openDelivered();
    const { text, ephemeral } = await a.driver.click("stranger", "inc:ack:1", cardId);
    expect(ephemeral).toBe(true);
    expect(text).toBe("You are not registered with Vigil; ask an admin to add you to the policy file.");
    expect(await deliverAll(a.h)).toBe(0);
    expect((await a.h.store.incidents.findByNumber(1))!.status).toBe("open");
  });
});
