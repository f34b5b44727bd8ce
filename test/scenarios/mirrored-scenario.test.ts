import { describe, expect, it } from "vitest";
import { createHarness, deliverAll } from "../support/harness.js";
import { playScenario } from "./scenario-runner.js";
import { SCENARIO } from "./shared-scenario.js";
import { consoleSide } from "./sides/console-side.js";
import { discordSide } from "./sides/discord-side.js";
import { slackSide } from "./sides/slack-side.js";

// One Vigil running several adapters: an organisation with incident channels on several
// platforms gets its incident's card on each, kept current whichever platform acted, and
// the timeline records the platform of every action.

describe("one incident mirrored live across platforms", () => {
  it("opened in Slack, acknowledged from Discord: both cards show the acknowledgement by Ben Okafor; the timeline names both platforms", async () => {
    const slack = await slackSide();
    const discord = await discordSide();
    const h = await createHarness({ adapters: [slack.adapter, discord.adapter], store: "sqlite" });
    try {
      const [open, ack] = SCENARIO;
      h.clock.set(open.at);
      expect(await slack.perform(open)).toBe(open.reply);
      await deliverAll(h);
      expect(slack.card(1)).toEqual(open.card);
      expect(discord.card(1)).toEqual(open.card);

      h.clock.set(ack.at);
      expect(await discord.perform({ ...ack, button: false })).toBe(ack.reply);
      await deliverAll(h);
      for (const side of [slack, discord]) {
        expect(side.card(1).fields, side.platform).toContainEqual(["Acknowledged", "by Ben Okafor at 2026-11-02 17:05"]);
        expect(side.card(1), side.platform).toEqual(ack.card);
        expect(side.cardPosts(1), `${side.platform} posts the card once, then edits it`).toBe(1);
      }

      const incident = (await h.store.incidents.findByNumber(1))!;
      const entries = (await h.store.timeline.list(incident.id)).filter((e) => e.kind !== "message_sent");
      expect(entries.map((e) => [e.kind, e.actorId, e.platform])).toEqual([
        ["opened", "ben", "slack"],
        ["acknowledged", "ben", "discord"],
      ]);
      // Delivery receipts show each card and thread message went to both platforms.
      const receipts = (await h.store.timeline.list(incident.id)).filter((e) => e.kind === "message_sent");
      expect(new Set(receipts.map((e) => e.platform))).toEqual(new Set(["slack", "discord"]));
      expect((await h.store.links.listForIncident(incident.id)).map((l) => l.platform).sort()).toEqual(["discord", "slack"]);
    } finally {
      await h.close();
      await slack.close();
      await discord.close();
    }
  });

  it("the whole shared script, each step from the next platform in turn (Slack, Discord, console): every card identical after every step", async () => {
    const sides = [await slackSide(), await discordSide(), consoleSide()];
    const platforms = await playScenario(sides, (i) => sides[i % sides.length]);
    expect(platforms).toEqual(["slack", "discord", "console", "slack", "discord", "console"]);
  });
});
