import { afterEach, describe, expect, it } from "vitest";
import type { OutboxRow } from "../../src/ports/store.js";
import { DISCORD_IDS } from "../fakes/fake-discord-interactions.js";
import { deliverAll, type Harness } from "../support/harness.js";
import { channelPosts, startDiscordApp, threadTexts, type DiscordApp } from "./discord/discord-rig.js";
import { ACME, startSlackApp, threadPosts, topLevelPosts, type SlackApp } from "./slack/slack-app-rig.js";

// The state a kill -9 leaves between "the platform has the card" and "the database knows":
// the dead process's row is still leased to it. The next process must free that lease at once
// and must not post the card a second time (Slack: found by its metadata in recent history;
// Discord: the same nonce with enforce_nonce returns the first message).

let app: SlackApp | DiscordApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Opens INC-1 and plays the dead process: it claimed the card row and posted it, then died. */
async function crashAfterPostingCard(h: Harness): Promise<OutboxRow> {
  await h.as("ana", "/incident open P3 Crash window --org acme");
  const long = new Date(h.clock.now().getTime() - 60_000);
  await h.store.outbox.registerInstance({ id: "dead", host: "other-host", pid: 1, startedAt: long, heartbeatAt: long });
  const [card] = await h.store.transaction((tx) => tx.outbox.claimDue(h.clock.now(), new Date(h.clock.now().getTime() + 30_000), 1, {}, "dead"));
  expect(card.kind).toBe("card");
  await h.adapters[0].post({ platform: card.platform, channelId: card.channelId }, card.message, { key: `vigil-${card.id}`, mayAlreadyBeSent: false });
  return card;
}

describe("re-sending after a crash uses the platform's idempotency", () => {
  it("Slack: the next process finds the card by its row id in the message metadata and does not post it again", async () => {
    const slack = await startSlackApp();
    app = slack;
    const card = await crashAfterPostingCard(slack.h);
    await deliverAll(slack.h);
    const cards = topLevelPosts(slack.fake, ACME);
    expect(cards).toHaveLength(1);
    expect(cards[0].params.metadata).toEqual({ event_type: "vigil_outbox_row", event_payload: { row: `vigil-${card.id}` } });
    expect(slack.fake.callsTo("conversations.history")).toHaveLength(1);
    const ts = String(cards[0].response!.ts);
    expect(threadPosts(slack.fake, ts).map((c) => c.params.text)).toEqual(["Ana Lima opened INC-1."]);
    expect(await slack.h.store.links.find(card.incidentId!, "slack", ACME)).toEqual({ platform: "slack", channelId: ACME, messageId: ts });
  });

  it("Slack: a failed history lookup (e.g. a missing scope) posts again rather than lose the card", async () => {
    const slack = await startSlackApp();
    app = slack;
    slack.fake.failNext("conversations.history", { error: "missing_scope" });
    await crashAfterPostingCard(slack.h);
    await deliverAll(slack.h);
    expect(topLevelPosts(slack.fake, ACME).filter((c) => c.response?.ok)).toHaveLength(2);
    expect(slack.adapterLog.lines.some((l) => l.message === "slack: could not look for an earlier copy; posting again")).toBe(true);
  });

  it("Discord: the re-send carries the same nonce with enforce_nonce, and Discord hands back the first message", async () => {
    const discord = await startDiscordApp();
    app = discord;
    const card = await crashAfterPostingCard(discord.h);
    await deliverAll(discord.h);
    const posts = channelPosts(discord.fake, DISCORD_IDS.acme);
    expect(posts.map((p) => [p.body.nonce, p.body.enforce_nonce])).toEqual([[`vigil-${card.id}`, true], [`vigil-${card.id}`, true]]);
    const cards = [...discord.fake.messages.values()].filter((m) => m.channelId === DISCORD_IDS.acme);
    expect(cards).toHaveLength(1);
    expect(threadTexts(discord.fake, cards[0].id)).toEqual(["Ana Lima opened INC-1."]);
  });

  it("Discord: a card re-posted for its thread line (its own post was given up) carries the card row's nonce too", async () => {
    const discord = await startDiscordApp();
    app = discord;
    discord.fake.failNext("POST /channels/:channel/messages", { status: 403, code: 50013, message: "Missing Permissions", channel: DISCORD_IDS.acme });
    await discord.h.as("ana", "/incident open P3 Lost card --org acme");
    await deliverAll(discord.h);
    const card = (await discord.h.store.outbox.list()).find((r) => r.kind === "card" && r.channelId === DISCORD_IDS.acme)!;
    const posts = channelPosts(discord.fake, DISCORD_IDS.acme);
    expect(posts.map((p) => [p.body.nonce, p.body.enforce_nonce])).toEqual([[`vigil-${card.id}`, true]]);
    expect(threadTexts(discord.fake, posts[0].response.id)).toEqual(["Ana Lima opened INC-1."]);
  });
});
