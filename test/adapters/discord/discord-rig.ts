import { createDiscordAdapter, type DiscordAdapterConfig } from "../../../adapters/discord/index.js";
import type { Policy } from "../../../src/core/policy.js";
import type { ChatAdapter } from "../../../src/ports/chat.js";
import type { DiscordCall, FakeDiscord, FakeDiscordMessage, FakeInteraction } from "../../fakes/fake-discord.js";
import {
  buttonInteraction,
  DISCORD_IDS,
  newFakeDiscord,
  DISCORD_TOKEN,
  slashInteraction,
  type DiscordUserName,
  type TypedOption,
} from "../../fakes/fake-discord-interactions.js";
import { createHarness, MemoryLogger, type Harness, type HarnessOptions } from "../../support/harness.js";

export { DISCORD_TOKEN };

/** What the person who typed or clicked saw: the ephemeral reply's body and its text. */
export interface DiscordReply {
  interaction: FakeInteraction;
  body: any;
  /** content, else the embed's description (or title). */
  text: string;
  ephemeral: boolean;
}

/** The real adapter pointed at `fake`, logging into a MemoryLogger. */
export function newDiscordAdapter(fake: FakeDiscord, overrides: Partial<DiscordAdapterConfig> = {}): { adapter: ChatAdapter; log: MemoryLogger } {
  const log = new MemoryLogger();
  const adapter = createDiscordAdapter({
    token: DISCORD_TOKEN,
    applicationId: DISCORD_IDS.app,
    rest: { api: fake.apiUrl },
    logger: log,
    requestTimeoutMs: 2000,
    readyTimeoutMs: 5000,
    ...overrides,
  });
  return { adapter, log };
}

/** Pushes interactions as Discord users and waits for what the bot answers. */
export class DiscordDriver {
  constructor(readonly fake: FakeDiscord) {}

  /** `/incident <sub>` with typed options; resolves with the edited deferred reply. */
  async command(user: DiscordUserName, sub: string, options: TypedOption[] = [], channel: string = DISCORD_IDS.acme, command = "incident"): Promise<DiscordReply> {
    const raw = slashInteraction(user, sub, options, channel, command);
    this.fake.pushInteraction(raw);
    await this.fake.waitFor((f) => (f.interactions.get(raw.id)?.original?.edits ?? 0) > 0, 10_000);
    const interaction = this.fake.interactions.get(raw.id)!;
    const edit = this.fake.calls.filter((c) => c.route === "PATCH /webhooks/:application/:token/messages/:message" && c.params.token === raw.token).at(-1)!;
    return { interaction, body: edit.body, text: replyText(edit.body), ephemeral: ((interaction.original?.flags ?? 0) & 64) === 64 };
  }

  /** A click on a card's button; resolves with the ephemeral follow-up. */
  async click(user: DiscordUserName, customId: string, messageId: string, channel: string = DISCORD_IDS.acme): Promise<DiscordReply> {
    const raw = buttonInteraction(user, customId, messageId, channel);
    this.fake.pushInteraction(raw);
    await this.fake.waitFor((f) => (f.interactions.get(raw.id)?.followUps.length ?? 0) > 0, 10_000);
    const interaction = this.fake.interactions.get(raw.id)!;
    const body = this.fake.calls.filter((c) => c.route === "POST /webhooks/:application/:token" && c.params.token === raw.token).at(-1)!.body;
    return { interaction, body, text: replyText(body), ephemeral: ((body.flags ?? 0) & 64) === 64 };
  }
}

/** The text a reply body shows. */
export function replyText(body: any): string {
  return body?.content || body?.embeds?.[0]?.description || body?.embeds?.[0]?.title || "";
}

/** Real discord.js adapter + real core (temporary SQLite) + fake Discord; no background delivery. */
export interface DiscordApp {
  h: Harness;
  fake: FakeDiscord;
  driver: DiscordDriver;
  adapterLog: MemoryLogger;
  close(): Promise<void>;
}

/** Starts the fake, the adapter (optionally wrapped) and Vigil on it. */
export async function startDiscordApp(
  options: { policy?: Policy; overrides?: Partial<DiscordAdapterConfig>; wrap?: (adapter: ChatAdapter) => ChatAdapter; harness?: Pick<HarnessOptions, "identity" | "sharedStore">; fake?: FakeDiscord } = {},
): Promise<DiscordApp> {
  // A given fake belongs to another app (a second process on the same bot), which closes it.
  const fake = options.fake ?? (await newFakeDiscord().start());
  const { adapter, log } = newDiscordAdapter(fake, options.overrides);
  let h: Harness;
  try {
    h = await createHarness({ adapters: [options.wrap ? options.wrap(adapter) : adapter], store: "sqlite", policy: options.policy, ...options.harness });
  } catch (error) {
    if (!options.fake) await fake.close();
    throw error;
  }
  return {
    h,
    fake,
    driver: new DiscordDriver(fake),
    adapterLog: log,
    async close() {
      await h.close();
      if (!options.fake) await fake.close();
    },
  };
}


/** Successful top-level message creations in `channel` (not in a thread). */
export function channelPosts(fake: FakeDiscord, channel: string): DiscordCall[] {
  return fake.callsTo("POST /channels/:channel/messages").filter((c) => c.params.channel === channel && c.status === 200);
}

/** The one card message of INC-<number> in `channel`, as it now shows. */
export function cardMessage(fake: FakeDiscord, number: number, channel: string = DISCORD_IDS.acme): FakeDiscordMessage {
  const cards = [...fake.messages.values()].filter((m) => m.channelId === channel && String(m.embeds[0]?.title ?? "").startsWith(`INC-${number} ·`));
  if (cards.length !== 1) throw new Error(`expected one card of INC-${number} in ${channel}, found ${cards.length}`);
  return cards[0];
}

/** The texts posted in the thread started from message `cardId`, in order. */
export function threadTexts(fake: FakeDiscord, cardId: string): string[] {
  return channelPosts(fake, cardId).map((c) => c.body.content);
}

/** The custom_ids of a message's buttons. */
export function buttonIds(message: { components: any[] }): string[] {
  return message.components.flatMap((row) => row.components.map((b: any) => b.custom_id));
}

/** A card embed's fields as label → value. */
export function cardFields(message: { embeds: any[] }): Record<string, string> {
  return Object.fromEntries((message.embeds[0]?.fields ?? []).map((f: any) => [f.name, f.value]));
}

