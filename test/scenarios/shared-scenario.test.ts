import { describe, it } from "vitest";
import { playScenario } from "./scenario-runner.js";
import { consoleSide } from "./sides/console-side.js";
import { discordSide } from "./sides/discord-side.js";
import type { PlatformSide } from "./sides/platform-side.js";
import { slackSide } from "./sides/slack-side.js";

// The same script (open, ack by button, note, escalate, resolve, close by specific people)
// through each adapter on its own: the same database outcome and the same card content,
// each read back from that platform's own rendering.

const SIDES: [string, () => PlatformSide | Promise<PlatformSide>][] = [
  ["console (RecordingAdapter)", consoleSide],
  ["Slack (real Bolt, signed requests, fake Web API)", slackSide],
  ["Discord (real discord.js, fake gateway and REST)", discordSide],
];

describe("the shared scenario on every adapter", () => {
  it.each(SIDES)("%s", async (_, makeSide) => {
    await playScenario([await makeSide()]);
  });
});
