import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeDiscordGateway, type GatewayIdentity } from "./fake-discord-gateway.js";
import { answerRoute, matchRoute, type FakeAnswer } from "./fake-discord-routes.js";
import { discordRejection } from "./discord-limits.js";
import { discordOutageAnswer, meetsOutage, type DiscordOutage } from "./discord-outage.js";

export type { DiscordOutage } from "./discord-outage.js";

/** One REST request the fake received. */
export interface DiscordCall {
  method: string;
  /** Decoded path after `/api/v10` (`@original`, not `%40original`). */
  path: string;
  /** Method and templated path, e.g. `POST /channels/:channel/messages`. */
  route: string;
  /** The path's variables: channel, message, interaction, token, application, guild. */
  params: Record<string, string>;
  query: Record<string, string>;
  /** The Authorization header (`Bot …`; interaction callbacks and webhooks carry none). */
  auth?: string;
  body: any;
  /** The HTTP status answered; 0 while the call is still being answered, and for one never answered. */
  status: number;
  /** Milliseconds since the fake started. */
  atMs: number;
  response?: any;
}

/** A failure to inject into the next matching call(s). */
export interface DiscordFailure {
  /** HTTP status: 429 sends Retry-After; 4xx/5xx send `{ code, message }`. */
  status: number;
  /** Discord JSON error code (10003 Unknown Channel, 50001 Missing Access, 50013 Missing Permissions…). */
  code?: number;
  message?: string;
  /** Seconds for a 429's Retry-After. */
  retryAfter?: number;
  /** Only calls whose `channel` path variable is this. */
  channel?: string;
  /** How many matching calls fail (default 1). */
  times?: number;
}

/** A message as the fake channel (or an interaction's ephemeral reply) now shows it. */
export interface FakeDiscordMessage {
  id: string;
  channelId: string;
  content?: string;
  embeds: any[];
  components: any[];
  flags: number;
  /** How many PATCHes it received. */
  edits: number;
  /** The nonce it was created with, if any. */
  nonce?: string;
  /** When it was created (fake ms): a nonce is enforced only for a few minutes. */
  createdAtMs: number;
  /** Set on a message a thread was started from (the thread's id equals the message's). */
  threadId?: string;
}

/** An interaction the fake pushed over the gateway, and how it was answered. */
export interface FakeInteraction {
  id: string;
  token: string;
  pushedAtMs: number;
  /** The first callback Discord accepted: its type (5 deferred reply, 6 deferred update, 8 autocomplete…). */
  callback?: { type: number; atMs: number; body: any };
  /** The original response as edited through `@original`. */
  original?: FakeDiscordMessage;
  followUps: FakeDiscordMessage[];
}

/** The state the fake starts with. */
export interface FakeDiscordOptions extends GatewayIdentity {
  applicationId: string;
  /** Guild text channels that exist (posting elsewhere answers 10003 Unknown Channel). */
  channels: string[];
  /** The only bot token accepted (`Authorization: Bot …`); others get 401 like Discord. */
  token?: string;
}

/**
 * A fake Discord: the REST API (under /api/v10) and the gateway on 127.0.0.1, recording every
 * call, keeping channels, messages, threads and interactions, enforcing the 3-second window
 * for an interaction's first callback (10062 Unknown interaction), and failing on demand.
 */
export class FakeDiscord {
  readonly calls: DiscordCall[] = [];
  readonly messages = new Map<string, FakeDiscordMessage>();
  /** Threads by id, with the channel they live in. */
  readonly threads = new Map<string, { parentId: string; name: string }>();
  readonly interactions = new Map<string, FakeInteraction>();
  /** Requests the fake refused the way Discord would (a broken limit, a wrong token). */
  readonly rejected: DiscordCall[] = [];
  /** How long an interaction accepts its first callback; Discord's limit is 3 s. */
  interactionWindowMs = 3000;
  /**
   * How long `enforce_nonce` finds an earlier message with the same nonce. Discord says "the
   * past few minutes" and publishes no figure; 3 minutes is the short end of "a few".
   */
  nonceWindowMs = 3 * 60_000;
  /** A REST-wide fault until its end time (fault runs); undefined: none. */
  outage?: DiscordOutage;
  /** Milliseconds every REST answer waits (fault runs widen the crash window with it). */
  latencyMs = 0;
  readonly gateway: FakeDiscordGateway;
  readonly channels: Set<string>;
  private readonly failures: (DiscordFailure & { route: string })[] = [];
  private server?: Server;
  private port = 0;
  private gatewayUrl = "";
  private seq = 0;
  private readonly startedAt = Date.now();

  constructor(readonly options: FakeDiscordOptions) {
    this.gateway = new FakeDiscordGateway(options);
    this.channels = new Set(options.channels);
  }

  /** Start REST and gateway; resolves once both listen. */
  async start(): Promise<this> {
    this.gatewayUrl = await this.gateway.start();
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Base URL for discord.js (`rest.api`); discord.js appends `/v10`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** The gateway URL GET /gateway/bot hands out. */
  get wsUrl(): string {
    return this.gatewayUrl;
  }

  /** Milliseconds since the fake started (the clock of `atMs`). */
  nowMs(): number {
    return Date.now() - this.startedAt;
  }

  /** A fresh 18-digit snowflake. */
  snowflake(): string {
    return String(300000000000000000n + BigInt(++this.seq));
  }

  /** Make the next matching call(s) to `route` (e.g. `POST /channels/:channel/messages`) fail. */
  failNext(route: string, failure: DiscordFailure): void {
    this.failures.push({ route, times: 1, ...failure });
  }

  /** Send an interaction to the bot over the gateway, starting its 3-second window. */
  pushInteraction(raw: { id: string; token: string }): void {
    this.interactions.set(raw.id, { id: raw.id, token: raw.token, pushedAtMs: this.nowMs(), followUps: [] });
    this.gateway.dispatch("INTERACTION_CREATE", raw);
  }

  /** Calls to one route, in arrival order. */
  callsTo(route: string): DiscordCall[] {
    return this.calls.filter((c) => c.route === route);
  }

  /** Resolves once `predicate` holds; rejects after `timeoutMs` listing the calls seen. */
  async waitFor(predicate: (fake: this) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > deadline) {
        const seen = this.calls.map((c) => `${c.route}(${c.status})`).join(", ");
        throw new Error(`FakeDiscord.waitFor timed out after ${timeoutMs} ms; calls: ${seen || "none"}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The interaction with this token (webhook routes are addressed by token). */
  byToken(token: string): FakeInteraction | undefined {
    return [...this.interactions.values()].find((i) => i.token === token);
  }

  /** Record a message the bot created. */
  addMessage(channelId: string, body: any): FakeDiscordMessage {
    const message: FakeDiscordMessage = {
      id: this.snowflake(),
      channelId,
      content: body?.content,
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      flags: body?.flags ?? 0,
      edits: 0,
      createdAtMs: this.nowMs(),
      ...(body?.nonce !== undefined ? { nonce: String(body.nonce) } : {}),
    };
    this.messages.set(message.id, message);
    return message;
  }

  /** Stop both servers, dropping keep-alive connections so the test process can exit. */
  async close(): Promise<void> {
    await this.gateway.close();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const path = url.pathname.replace(/^\/api\/v\d+/, "").split("/").map(decodeURIComponent).join("/");
    const raw = await readBody(req);
    const matched = matchRoute(req.method ?? "GET", path);
    const call: DiscordCall = {
      method: req.method ?? "GET",
      path,
      route: matched?.route ?? `${req.method} ${path}`,
      params: matched?.params ?? {},
      query: Object.fromEntries(url.searchParams),
      auth: req.headers.authorization,
      body: raw ? JSON.parse(raw) : undefined,
      status: 0,
      atMs: this.nowMs(),
    };
    this.calls.push(call);
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    if (meetsOutage(this.outage, call.route)) {
      const answer = discordOutageAnswer(this.outage, call.route, res);
      // No answer (hung, or the connection reset) leaves the status at 0.
      if (answer) this.send(res, call, answer);
      return;
    }
    const rejection = discordRejection(call.route, call.body, call.auth, this.options.token);
    if (rejection) this.rejected.push(call);
    const answer = this.takeFailure(call) ?? rejection ?? (matched ? answerRoute(this, call) : { status: 404, body: { message: "404: Not Found", code: 0 } });
    this.send(res, call, answer);
  }

  private send(res: ServerResponse, call: DiscordCall, answer: FakeAnswer): void {
    call.status = answer.status;
    call.response = answer.body;
    // A 204 carries no content type: discord.js would try to parse the empty body as JSON.
    if (answer.body === undefined) res.writeHead(answer.status, answer.headers ?? {}).end();
    else res.writeHead(answer.status, { "content-type": "application/json", ...(answer.headers ?? {}) }).end(JSON.stringify(answer.body));
  }

  private takeFailure(call: DiscordCall): FakeAnswer | undefined {
    const index = this.failures.findIndex((f) => f.route === call.route && (!f.channel || f.channel === call.params.channel));
    if (index < 0) return undefined;
    const failure = this.failures[index];
    failure.times = (failure.times ?? 1) - 1;
    if (failure.times <= 0) this.failures.splice(index, 1);
    if (failure.status === 429) {
      const retryAfter = failure.retryAfter ?? 1;
      // Only Retry-After, no X-RateLimit-* bucket headers: @discordjs/rest then keeps no
      // local "bucket exhausted" state that would outlive the test's fake clock.
      return {
        status: 429,
        headers: { "retry-after": String(retryAfter), "x-ratelimit-scope": "user" },
        body: { message: "You are being rate limited.", retry_after: retryAfter, global: false },
      };
    }
    return { status: failure.status, body: { message: failure.message ?? "Injected failure", code: failure.code ?? 0 } };
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
