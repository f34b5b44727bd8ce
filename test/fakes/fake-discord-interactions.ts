import { readFileSync } from "node:fs";
import { FakeDiscord } from "./fake-discord.js";

/** Snowflakes of the fake server: the application (also the bot user), its guild, vigil.example.yaml's channels. */
export const DISCORD_IDS = {
  app: "500000000000000001",
  guild: "600000000000000001",
  acme: "200000000000000001",
  globex: "200000000000000002",
  duty: "200000000000000009",
} as const;

/** Discord users: ana and ben as vigil.example.yaml names them, and someone the policy file does not know. */
export const DISCORD_USERS = {
  ana: { id: "100000000000000001", username: "ana.lima", globalName: "Ana" },
  ben: { id: "100000000000000002", username: "ben.okafor", globalName: "Ben" },
  stranger: { id: "100000000000000099", username: "stranger", globalName: "Stranger" },
} as const;
export type DiscordUserName = keyof typeof DISCORD_USERS;

/** One typed option as a person fills it in. */
export interface TypedOption {
  name: string;
  /** 3 string (default), 6 user. */
  type?: 3 | 6;
  value: string;
  focused?: boolean;
}

/** Loads test/fixtures/discord/<name>.json as a fresh object each time (tests mutate them). */
export function discordFixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/discord/${name}.json`, import.meta.url), "utf8")) as T;
}

/** A token of the shape Discord issues (base64 user id . timestamp . hmac); the fakes accept only it. */
export const DISCORD_TOKEN = "NTAwMDAwMDAwMDAwMDAwMDAx.GfAkEd.vigil-test-token-not-real";

/** A FakeDiscord with the fixture guild, its three channels, and the application above. */
export function newFakeDiscord(token: string = DISCORD_TOKEN): FakeDiscord {
  return new FakeDiscord({
    token,
    applicationId: DISCORD_IDS.app,
    channels: [DISCORD_IDS.acme, DISCORD_IDS.globex, DISCORD_IDS.duty],
    ready: discordFixture("ready"),
    guilds: [discordFixture("guild-create")],
  });
}

let sequence = 0;

function base(fixture: string, user: DiscordUserName, channelId: string): any {
  const n = ++sequence;
  const raw = discordFixture(fixture);
  const who = DISCORD_USERS[user];
  raw.id = String(400000000000000000n + BigInt(n) * 10n);
  raw.token = `aW50ZXJhY3Rpb24tdG9rZW4t${n}`;
  raw.channel_id = channelId;
  raw.channel = { ...raw.channel, id: channelId };
  raw.member.user = { ...raw.member.user, id: who.id, username: who.username, global_name: who.globalName };
  return raw;
}

function optionsJson(options: TypedOption[]): { options: any[]; resolved?: any } {
  const users = options.filter((o) => o.type === 6);
  const json = options.map((o) => ({ name: o.name, type: o.type ?? 3, value: o.value, ...(o.focused ? { focused: true } : {}) }));
  if (users.length === 0) return { options: json };
  // Discord sends the picked users' objects along in `resolved`.
  const entries = users.map((o) => [o.value, { id: o.value, username: `user${o.value.slice(-2)}`, global_name: null, discriminator: "0", avatar: null }]);
  return { options: json, resolved: { users: Object.fromEntries(entries) } };
}

/** `/incident <sub>` (or `/oncall <sub>`) with typed options, as INTERACTION_CREATE carries it. */
export function slashInteraction(user: DiscordUserName, sub: string, options: TypedOption[] = [], channelId: string = DISCORD_IDS.acme, command = "incident"): any {
  const raw = base("chat-input", user, channelId);
  const { options: json, resolved } = optionsJson(options);
  raw.data = { id: "510000000000000001", name: command, type: 1, options: [{ name: sub, type: 1, options: json }], ...(resolved ? { resolved } : {}) };
  return raw;
}

/** A click on button `customId` of the message `messageId` in `channelId`. */
export function buttonInteraction(user: DiscordUserName, customId: string, messageId: string, channelId: string = DISCORD_IDS.acme): any {
  const raw = base("button", user, channelId);
  raw.data = { custom_id: customId, component_type: 2 };
  raw.message = { ...raw.message, id: messageId, channel_id: channelId };
  return raw;
}

/** Someone typing `value` into option `option` of `/incident <sub>`. */
export function autocompleteInteraction(user: DiscordUserName, sub: string, option: string, value: string): any {
  const raw = base("autocomplete", user, DISCORD_IDS.acme);
  raw.data = { id: "510000000000000001", name: "incident", type: 1, options: [{ name: sub, type: 1, options: [{ name: option, type: 3, value, focused: true }] }] };
  return raw;
}
