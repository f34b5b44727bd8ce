import { optionNameOf } from "../../../adapters/discord/commands.js";
import { encodeActionId, type ButtonCommand } from "../../../src/core/commands/action-id.js";
import { cardMessage, channelPosts, DiscordDriver, newDiscordAdapter } from "../../adapters/discord/discord-rig.js";
import { DISCORD_IDS, newFakeDiscord } from "../../fakes/fake-discord-interactions.js";
import type { NeutralCard, ScenarioStep } from "../shared-scenario.js";
import type { PlatformSide } from "./platform-side.js";

/** Discord: the real discord.js adapter, interactions over the fake gateway, the fake REST API out. */
export async function discordSide(): Promise<PlatformSide> {
  const fake = await newFakeDiscord().start();
  const { adapter } = newDiscordAdapter(fake);
  const driver = new DiscordDriver(fake);
  const cardPosts = (number: number) => channelPosts(fake, DISCORD_IDS.acme).filter((c) => String(c.body.embeds[0]?.title ?? "").startsWith(`INC-${number} ·`));
  return {
    platform: "discord",
    adapter,
    async perform(step: ScenarioStep) {
      if (step.button) {
        const card = cardMessage(fake, 1);
        return (await driver.click(step.person, encodeActionId(step.command as ButtonCommand, 1), card.id)).text;
      }
      // Typed options, named as the adapter registered them for the core's arguments.
      const options = Object.entries(step.args).map(([argument, value]) => ({ name: optionNameOf(argument), value }));
      return (await driver.command(step.person, step.command, options)).text;
    },
    card(number) {
      const message = cardMessage(fake, number);
      const embed = message.embeds[0];
      return {
        title: embed.title,
        fields: embed.fields.map((f: any) => [f.name, f.value] as [string, string]),
        buttons: message.components.flatMap((row) => row.components.map((b: any) => b.custom_id)),
      } satisfies NeutralCard;
    },
    cardPosts: (number) => cardPosts(number).length,
    close: () => fake.close(),
  };
}
