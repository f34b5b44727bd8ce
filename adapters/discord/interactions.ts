import {
  Events,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type APIEmbed,
  type Interaction,
} from "discord.js";
import { answerThroughIntake, type InboundEvent, type Intake, type Reply, type ReplyRoute } from "../../src/ports/chat.js";
import type { Logger } from "../../src/ports/logger.js";
import { INCIDENT_OPTION, ORG_OPTION } from "./commands.js";
import { DISCORD_COPY } from "./copy.js";
import { actionEvent, actorOf, addressOf, commandEvent } from "./inbound.js";
import { renderMessage, type DiscordMessageBody } from "./render.js";
import type { DiscordAdapterConfig, EventHandler } from "./types.js";

/** What the interaction listener needs from the adapter. */
export interface InteractionDeps {
  /** The current handler; undefined once the adapter is stopped. */
  handler: () => EventHandler | undefined;
  /** The inbox, where an interaction is stored before it is deferred; undefined without one. */
  intake: () => Intake | undefined;
  suggest?: DiscordAdapterConfig["suggestIncidents"];
  organisations: NonNullable<DiscordAdapterConfig["organisations"]>;
  organisationFor?: DiscordAdapterConfig["organisationFor"];
  /** Autocomplete cannot be deferred and must answer within 3 s; slower suggestions are dropped. */
  suggestTimeoutMs: number;
  log: Logger;
}

const CHOICES_MAX = 25;
const CHOICE_TEXT_MAX = 100;

/**
 * Listens for interactions. Commands and buttons are acknowledged before the core is
 * asked — Discord forgets an interaction not answered within 3 s, and the core may wait on
 * the database — and the core's reply is then shown only to the person who asked.
 */
export function registerInteractions(client: Client, deps: InteractionDeps): void {
  client.on(Events.InteractionCreate, (interaction) => void dispatch(interaction, deps));
}

async function dispatch(interaction: Interaction, deps: InteractionDeps): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) await onCommand(interaction, deps);
    else if (interaction.isButton()) await onButton(interaction, deps);
    else if (interaction.isAutocomplete()) await onAutocomplete(interaction, deps);
  } catch (error) {
    // Listener errors would otherwise become unhandled rejections; nothing is left to answer.
    deps.log.warn({ err: String(error), interactionId: interaction.id }, "discord: could not answer interaction");
  }
}

// Stored before the deferral (Discord's answer): a crash after it leaves the interaction to the
// next process, which answers through its token (valid 15 minutes). Failing to store, it is not
// deferred, and Discord tells the person the application did not respond.
async function onCommand(interaction: ChatInputCommandInteraction, deps: InteractionDeps): Promise<void> {
  const event = commandEvent(interaction);
  await deps.intake()?.accept(event, replyRoute(interaction, "original"));
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await answer(deps, event, (reply) => interaction.editReply(replyOptions(reply)));
}

async function onButton(interaction: ButtonInteraction, deps: InteractionDeps): Promise<void> {
  const event = actionEvent(interaction);
  await deps.intake()?.accept(event, replyRoute(interaction, "followUp"));
  // deferUpdate leaves the card as it is: the outbox edits it for everyone once the change commits.
  await interaction.deferUpdate();
  await answer(deps, event, (reply) => interaction.followUp({ ...replyOptions(reply), flags: MessageFlags.Ephemeral }));
}

/** Where a reply goes: the deferred reply itself ("original") or an ephemeral follow-up. */
function replyRoute(interaction: { applicationId: string; token: string }, kind: "original" | "followUp"): ReplyRoute {
  return { applicationId: interaction.applicationId, token: interaction.token, kind };
}

/** Applies the event and sends its reply through the inbox (see answerThroughIntake). */
function answer(deps: InteractionDeps, event: InboundEvent, send: (reply: Reply) => Promise<unknown>): Promise<void> {
  return answerThroughIntake(deps.intake(), event, deps.handler() && (() => handle(deps, event)), send);
}

async function onAutocomplete(interaction: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name === ORG_OPTION) {
    await interaction.respond(organisationChoices(deps, addressOf(interaction).channelId, String(focused.value)));
    return;
  }
  if (focused.name !== INCIDENT_OPTION || !deps.suggest) {
    await interaction.respond([]);
    return;
  }
  const suggestions = await withDeadline(deps.suggest(actorOf(interaction), String(focused.value)), deps.suggestTimeoutMs, deps.log);
  await interaction.respond(
    suggestions.slice(0, CHOICES_MAX).map((s) => ({ name: clip(s.label), value: clip(s.key) })),
  );
}

/** The organisations matching what was typed, the channel's own first (so it is where the picker starts). */
function organisationChoices(deps: InteractionDeps, channelId: string, typed: string): { name: string; value: string }[] {
  const here = deps.organisationFor?.(channelId);
  const wanted = typed.trim().toLowerCase();
  const matches = deps.organisations.filter((o) => !wanted || o.id.toLowerCase().includes(wanted) || o.name.toLowerCase().includes(wanted));
  const ordered = [...matches.filter((o) => o.id === here), ...matches.filter((o) => o.id !== here)];
  return ordered.slice(0, CHOICES_MAX).map((o) => ({ name: clip(`${o.name} (${o.id})`), value: o.id }));
}

async function handle(deps: InteractionDeps, event: InboundEvent): Promise<Reply> {
  const onEvent = deps.handler();
  if (!onEvent) return { outcome: "error", message: { text: DISCORD_COPY.failed } };
  try {
    return await onEvent(event);
  } catch (error) {
    // The core is the error boundary; reaching here is a bug, but the person still gets an answer.
    deps.log.error({ err: String(error), eventId: event.eventId }, "discord: event handler threw");
    return { outcome: "error", message: { text: DISCORD_COPY.failed } };
  }
}

/** A reply as the body of an interaction webhook call (REST field names). */
export function replyBody(reply: Reply, kind: string): Record<string, unknown> {
  const body = renderMessage(reply.message);
  return { content: body.content, embeds: body.embeds, components: body.components, allowed_mentions: { parse: [] }, ...(kind === "followUp" ? { flags: MessageFlags.Ephemeral } : {}) };
}

function replyOptions(reply: Reply): { content: string; embeds: APIEmbed[]; components: DiscordMessageBody["components"]; allowedMentions: { parse: [] } } {
  const body = renderMessage(reply.message);
  return { content: body.content, embeds: body.embeds, components: body.components, allowedMentions: { parse: [] } };
}

async function withDeadline<T>(work: Promise<T[]>, ms: number, log: Logger): Promise<T[]> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T[]>((resolve) => (timer = setTimeout(() => resolve([]), ms)));
  try {
    return await Promise.race([work, late]);
  } catch (error) {
    log.warn({ err: String(error) }, "discord: incident suggestions failed");
    return [];
  } finally {
    clearTimeout(timer);
  }
}

function clip(text: string): string {
  return text.length <= CHOICE_TEXT_MAX ? text : `${text.slice(0, CHOICE_TEXT_MAX - 1)}…`;
}
