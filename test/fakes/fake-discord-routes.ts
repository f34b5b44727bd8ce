import type { DiscordCall, FakeDiscord, FakeDiscordMessage } from "./fake-discord.js";

/** What the fake answers one request with. */
export interface FakeAnswer {
  status: number;
  headers?: Record<string, string>;
  /** JSON body; undefined for 204. */
  body?: unknown;
}

const ROUTES = [
  "GET /gateway/bot",
  "PUT /applications/:application/commands",
  "PUT /applications/:application/guilds/:guild/commands",
  "POST /channels/:channel/messages",
  "GET /channels/:channel/messages/:message",
  "PATCH /channels/:channel/messages/:message",
  "POST /channels/:channel/messages/:message/threads",
  "POST /interactions/:interaction/:token/callback",
  "POST /webhooks/:application/:token",
  "PATCH /webhooks/:application/:token/messages/:message",
].map((route) => {
  const [method, template] = route.split(" ");
  const names: string[] = [];
  const pattern = template.replace(/:([a-z]+)/g, (_, name: string) => (names.push(name), "([^/]+)"));
  return { route, method, regex: new RegExp(`^${pattern}$`), names };
});

/** The route template a request matches, with its path variables. */
export function matchRoute(method: string, path: string): { route: string; params: Record<string, string> } | undefined {
  for (const r of ROUTES) {
    const m = r.method === method ? r.regex.exec(path) : null;
    if (m) return { route: r.route, params: Object.fromEntries(r.names.map((n, i) => [n, m[i + 1]])) };
  }
  return undefined;
}

const error = (status: number, code: number, message: string): FakeAnswer => ({ status, body: { code, message } });
const UNKNOWN_CHANNEL = error(404, 10003, "Unknown Channel");
const UNKNOWN_MESSAGE = error(404, 10008, "Unknown Message");
const UNKNOWN_WEBHOOK = error(404, 10015, "Unknown Webhook");

/** Answers one matched request the way Discord would, updating the fake's state. */
export function answerRoute(fake: FakeDiscord, call: DiscordCall): FakeAnswer {
  const p = call.params;
  switch (call.route) {
    case "GET /gateway/bot":
      return ok({ url: fake.wsUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } });
    case "PUT /applications/:application/commands":
    case "PUT /applications/:application/guilds/:guild/commands":
      return ok((call.body as any[]).map((c) => ({ ...c, id: fake.snowflake(), application_id: p.application, version: "1" })));
    case "POST /channels/:channel/messages":
      return postMessage(fake, p.channel, call.body);
    case "GET /channels/:channel/messages/:message":
      return getMessage(fake, p.channel, p.message);
    case "PATCH /channels/:channel/messages/:message":
      return editMessage(fake, p.channel, p.message, call.body);
    case "POST /channels/:channel/messages/:message/threads":
      return startThread(fake, p.channel, p.message, call.body);
    case "POST /interactions/:interaction/:token/callback":
      return callback(fake, call);
    case "POST /webhooks/:application/:token":
      return followUp(fake, p.token, call.body);
    case "PATCH /webhooks/:application/:token/messages/:message":
      return editOriginal(fake, p.token, p.message, call.body);
    default:
      return error(404, 0, "404: Not Found");
  }
}

function ok(body: unknown): FakeAnswer {
  return { status: 200, body };
}

/** A message object as Discord returns it (enough for discord.js to build a Message). */
export function messageJson(fake: FakeDiscord, m: FakeDiscordMessage): Record<string, unknown> {
  const thread = m.threadId ? { id: m.threadId, type: 11, parent_id: m.channelId, name: fake.threads.get(m.threadId)?.name } : undefined;
  return {
    id: m.id,
    channel_id: m.channelId,
    type: 0,
    content: m.content ?? "",
    embeds: m.embeds,
    components: m.components,
    flags: m.flags,
    author: { id: fake.options.applicationId, username: "vigil", discriminator: "0000", bot: true, avatar: null, global_name: null },
    attachments: [],
    mentions: [],
    mention_roles: [],
    pinned: false,
    mention_everyone: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: m.edits > 0 ? new Date().toISOString() : null,
    ...(m.nonce !== undefined ? { nonce: m.nonce } : {}),
    ...(thread ? { thread } : {}),
  };
}

function postMessage(fake: FakeDiscord, channelId: string, body: any): FakeAnswer {
  if (!fake.channels.has(channelId)) return UNKNOWN_CHANNEL;
  // Discord: a nonce is an integer or a string of at most 25 characters; with enforce_nonce a
  // second create with the same nonce in the channel (within minutes) returns the first message.
  if (body?.nonce !== undefined && String(body.nonce).length > 25) return error(400, 50035, "Invalid Form Body");
  if (body?.nonce !== undefined && typeof body.nonce !== "string" && !Number.isInteger(body.nonce)) return error(400, 50035, "Invalid Form Body");
  // Only the bot posts here, so "the same author" is every earlier message of the channel.
  if (body?.enforce_nonce && body.nonce !== undefined) {
    const since = fake.nowMs() - fake.nonceWindowMs;
    const earlier = [...fake.messages.values()].find((m) => m.channelId === channelId && m.nonce === String(body.nonce) && m.createdAtMs >= since);
    if (earlier) return ok(messageJson(fake, earlier));
  }
  return ok(messageJson(fake, fake.addMessage(channelId, body)));
}

function getMessage(fake: FakeDiscord, channelId: string, messageId: string): FakeAnswer {
  const message = fake.messages.get(messageId);
  if (!fake.channels.has(channelId)) return UNKNOWN_CHANNEL;
  return message && message.channelId === channelId ? ok(messageJson(fake, message)) : UNKNOWN_MESSAGE;
}

function editMessage(fake: FakeDiscord, channelId: string, messageId: string, body: any): FakeAnswer {
  const message = fake.messages.get(messageId);
  if (!fake.channels.has(channelId)) return UNKNOWN_CHANNEL;
  if (!message || message.channelId !== channelId) return UNKNOWN_MESSAGE;
  applyEdit(message, body);
  return ok(messageJson(fake, message));
}

function applyEdit(message: FakeDiscordMessage, body: any): void {
  if (body?.content !== undefined) message.content = body.content;
  if (body?.embeds !== undefined) message.embeds = body.embeds;
  if (body?.components !== undefined) message.components = body.components;
  message.edits++;
}

// Discord gives a thread started from a message the message's own id.
function startThread(fake: FakeDiscord, channelId: string, messageId: string, body: any): FakeAnswer {
  const message = fake.messages.get(messageId);
  if (!fake.channels.has(channelId)) return UNKNOWN_CHANNEL;
  if (!message || message.channelId !== channelId) return UNKNOWN_MESSAGE;
  if (message.threadId) return error(400, 160004, "A thread has already been created for this message");
  message.threadId = messageId;
  fake.threads.set(messageId, { parentId: channelId, name: String(body?.name ?? "") });
  fake.channels.add(messageId);
  return { status: 201, body: { id: messageId, type: 11, guild_id: undefined, parent_id: channelId, name: body?.name, thread_metadata: { archived: false, auto_archive_duration: body?.auto_archive_duration ?? 4320, locked: false } } };
}

function callback(fake: FakeDiscord, call: DiscordCall): FakeAnswer {
  const interaction = fake.interactions.get(call.params.interaction);
  if (!interaction || interaction.token !== call.params.token) return error(404, 10062, "Unknown interaction");
  if (interaction.callback) return error(400, 40060, "Interaction has already been acknowledged.");
  // Discord's rule: the first response must arrive within 3 s of the interaction.
  if (call.atMs - interaction.pushedAtMs > fake.interactionWindowMs) return error(404, 10062, "Unknown interaction");
  interaction.callback = { type: call.body?.type, atMs: call.atMs, body: call.body };
  if (call.body?.type === 4) interaction.original = fake.addMessage("interaction", call.body.data);
  else if (call.body?.type === 5) interaction.original = fake.addMessage("interaction", { flags: call.body.data?.flags ?? 0 });
  return { status: 204 };
}

function followUp(fake: FakeDiscord, token: string, body: any): FakeAnswer {
  const interaction = fake.byToken(token);
  if (!interaction?.callback) return UNKNOWN_WEBHOOK;
  const message = fake.addMessage("interaction", body);
  interaction.followUps.push(message);
  return ok(messageJson(fake, message));
}

function editOriginal(fake: FakeDiscord, token: string, messageId: string, body: any): FakeAnswer {
  const interaction = fake.byToken(token);
  if (!interaction?.original || messageId !== "@original") return UNKNOWN_WEBHOOK;
  applyEdit(interaction.original, body);
  return ok(messageJson(fake, interaction.original));
}
