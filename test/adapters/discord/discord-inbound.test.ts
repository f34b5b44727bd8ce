import { afterEach, describe, expect, it } from "vitest";
import type { ChatAdapter, InboundEvent, Reply } from "../../../src/ports/chat.js";
import type { FakeDiscord } from "../../fakes/fake-discord.js";
import { buttonInteraction, DISCORD_IDS, DISCORD_USERS, newFakeDiscord, slashInteraction } from "../../fakes/fake-discord-interactions.js";
import { newDiscordAdapter } from "./discord-rig.js";

// What the adapter hands the core for each kind of interaction (the core is a stub here).

const THREAD = "300000000000000777";
let fake: FakeDiscord | undefined;
let adapter: ChatAdapter | undefined;
afterEach(async () => {
  await adapter?.stop();
  await fake?.close();
  adapter = fake = undefined;
});

async function eventFor(raw: any): Promise<InboundEvent> {
  const events: InboundEvent[] = [];
  fake = await newFakeDiscord().start();
  adapter = newDiscordAdapter(fake).adapter;
  await adapter.start(async (event): Promise<Reply> => (events.push(event), { outcome: "ok", message: { text: "ok" } }));
  fake.pushInteraction(raw);
  await fake.waitFor(() => events.length > 0);
  return events[0];
}

describe("interactions as neutral events", () => {
  it("a slash command: the interaction id as eventId, the Discord user id, the server nickname, the channel", async () => {
    const raw = slashInteraction("ben", "note", [{ name: "incident", value: "INC-3" }, { name: "text", value: "Paged the DBA" }]);
    raw.member.nick = "Benji (DB on-call)";
    expect(await eventFor(raw)).toEqual({
      kind: "command",
      eventId: `discord:${raw.id}`,
      actor: { platform: "discord", userId: DISCORD_USERS.ben.id, displayName: "Benji (DB on-call)" },
      at: { platform: "discord", channelId: DISCORD_IDS.acme },
      text: '/incident note INC-3 "Paged the DBA"',
    });
  });

  it("without a nickname the display name is the global name", async () => {
    const event = await eventFor(slashInteraction("ana", "list"));
    expect(event.actor).toEqual({ platform: "discord", userId: DISCORD_USERS.ana.id, displayName: "Ana" });
    expect(event).toMatchObject({ kind: "command", text: "/incident list" });
  });

  it("inside a card's thread: the parent channel, with the thread as threadId", async () => {
    const raw = slashInteraction("ben", "ack", [{ name: "incident", value: "3" }], THREAD);
    raw.channel = { id: THREAD, type: 11, guild_id: DISCORD_IDS.guild, parent_id: DISCORD_IDS.acme, name: "INC-3 · P2 · Disk", thread_metadata: { archived: false, auto_archive_duration: 10080, locked: false } };
    expect((await eventFor(raw)).at).toEqual({ platform: "discord", channelId: DISCORD_IDS.acme, threadId: THREAD });
  });

  it("a button: the card message it sits on and its custom_id as the action id", async () => {
    const raw = buttonInteraction("ana", "inc:escalate:3", "300000000000000123");
    expect(await eventFor(raw)).toEqual({
      kind: "action",
      eventId: `discord:${raw.id}`,
      actor: { platform: "discord", userId: DISCORD_USERS.ana.id, displayName: "Ana" },
      at: { platform: "discord", channelId: DISCORD_IDS.acme },
      message: { platform: "discord", channelId: DISCORD_IDS.acme, messageId: "300000000000000123" },
      actionId: "inc:escalate:3",
    });
  });
});
