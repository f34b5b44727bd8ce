import type { BaseInteraction, ButtonInteraction, ChatInputCommandInteraction } from "discord.js";
import type { Actor, Address, InboundEvent } from "../../src/ports/chat.js";
import { commandText } from "./commands.js";

/** Who clicked or typed: the Discord user id is what the policy file's `discord:` identity names. */
export function actorOf(interaction: BaseInteraction): Actor {
  return { platform: "discord", userId: interaction.user.id, displayName: displayName(interaction) };
}

/** Where it happened; inside a thread, the thread's parent channel with the thread as threadId. */
export function addressOf(interaction: BaseInteraction): Address {
  const channelId = interaction.channelId ?? "";
  const channel = interaction.channel;
  if (channel?.isThread() && channel.parentId) return { platform: "discord", channelId: channel.parentId, threadId: channelId };
  return { platform: "discord", channelId };
}

/**
 * A slash command as the command line a person could have typed (the core parses it).
 * Discord delivers each interaction once and its id is unique, so it is the eventId.
 */
export function commandEvent(interaction: ChatInputCommandInteraction): InboundEvent {
  return {
    kind: "command",
    eventId: `discord:${interaction.id}`,
    actor: actorOf(interaction),
    at: addressOf(interaction),
    text: commandText(interaction.commandName, interaction.options.data),
  };
}

/** A button click: custom_id is the neutral action id the card was rendered with. */
export function actionEvent(interaction: ButtonInteraction): InboundEvent {
  return {
    kind: "action",
    eventId: `discord:${interaction.id}`,
    actor: actorOf(interaction),
    at: addressOf(interaction),
    message: { platform: "discord", channelId: interaction.message.channelId, messageId: interaction.message.id },
    actionId: interaction.customId,
  };
}

function displayName(interaction: BaseInteraction): string {
  const member = interaction.member;
  // A cached guild gives a GuildMember (displayName); otherwise the raw member (nick).
  const nick = member && "displayName" in member ? member.displayName : (member as { nick?: string | null } | null)?.nick;
  return nick ?? interaction.user.globalName ?? interaction.user.username;
}
