import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { slackRejection } from "./slack-limits.js";

/** One request the fake received: a Web API call, or a POST to a response_url ("response_url"). */
export interface SlackCall {
  method: string;
  path: string;
  /** The Authorization header (Web API calls carry `Bearer xoxb-…`). */
  auth?: string;
  /** Form or JSON fields; `blocks`, `view` and `attachments` are parsed from their JSON strings. */
  params: Record<string, any>;
  /** The HTTP status the fake answered with. */
  status: number;
  /** Milliseconds since the fake started, to check pacing. */
  atMs: number;
  /** The JSON body the fake answered with (e.g. the `ts` of a posted message). */
  response?: Record<string, any>;
}

/** A failure to inject into the next matching call. */
export interface SlackFailure {
  /** HTTP status; 429 sends Retry-After. Omit for an `ok:false` platform error with status 200. */
  status?: number;
  /** Seconds for the Retry-After header of a 429. */
  retryAfter?: number;
  /** Slack error code for `{ok:false, error}` (default "ratelimited" for 429, "internal_error" otherwise). */
  error?: string;
  /** Only fail calls for this channel. */
  channel?: string;
  /** How many matching calls fail (default 1). */
  times?: number;
}

/** A platform-wide fault for a time window (fault-injection runs): every Web API call meets it. */
export interface SlackOutage {
  /** 429 with Retry-After, HTTP 500, no answer at all, or the connection reset. */
  kind: "429" | "500" | "hang" | "reset";
  /** Until when (Date.now() ms). */
  untilMs: number;
  /** Seconds for Retry-After (429 only; default 1). */
  retryAfter?: number;
}

/** A message as the fake channel now shows it. */
export interface FakeSlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks?: any[];
  threadTs?: string;
  updates: number;
  /** Message metadata (`event_type`, `event_payload`) as posted. */
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

const JSON_FIELDS = ["blocks", "view", "attachments", "metadata"];

/**
 * A fake Slack Web API on 127.0.0.1 (port 0): answers chat.postMessage (incrementing ts),
 * chat.update, chat.postEphemeral, views.open and auth.test, accepts response_url posts at
 * /response/<id>, records every call, and fails on demand.
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  /** Current content of each posted message, keyed `${channel}/${ts}`. */
  readonly messages = new Map<string, FakeSlackMessage>();
  private readonly failures: (SlackFailure & { method: string })[] = [];
  /** A fault every Web API call meets until it ends (response_url posts are not affected). */
  outage?: SlackOutage;
  /** Delay before every answer (ms): widens the window in which a crash leaves a call unrecorded. */
  latencyMs = 0;
  /** Delay before answering a response_url post (ms), on top of `latencyMs`: a reply still on its way. */
  replyLatencyMs = 0;
  private readonly listeners = new Set<(call: SlackCall) => void>();
  private server?: Server;
  private port = 0;
  private seq = 0;
  /** When the fake started (epoch ms): a call's `atMs` counts from here. */
  readonly startedAt = Date.now();
  /** Calls the fake refused the way Slack would (a broken limit, a wrong token). */
  readonly rejected: SlackCall[] = [];

  /** `token`: the only bot token accepted (`Bearer …`); others get invalid_auth like Slack. */
  constructor(readonly options: { token?: string } = {}) {}

  /** Start listening; resolves once the port is known. */
  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Base URL for the WebClient (`clientOptions.slackApiUrl`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A response_url whose posts are recorded as calls with method "response_url". */
  responseUrl(id = "T0001/1/abc"): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** Make the next matching call(s) to `method` fail. */
  failNext(method: string, failure: SlackFailure): void {
    this.failures.push({ method, times: 1, ...failure });
  }

  /** Runs `listener` on every call as it arrives (before it is answered, so `status` may still change); returns an unsubscribe function. */
  onCall(listener: (call: SlackCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls to one Web API method (or "response_url"), in arrival order. */
  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the calls once `predicate` holds; rejects after `timeoutMs`. */
  async waitFor(predicate: (calls: SlackCall[]) => boolean, timeoutMs = 3000): Promise<SlackCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      if (Date.now() > deadline) {
        const seen = this.calls.map((c) => `${c.method}(${c.status})`).join(", ");
        throw new Error(`FakeSlack.waitFor timed out after ${timeoutMs} ms; calls: ${seen || "none"}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.calls;
  }

  /** Stop, dropping keep-alive connections so the test process can exit. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    const params = parseBody(await readBody(req), req.headers["content-type"]);
    const method = path.startsWith("/response/") ? "response_url" : path.replace(/^\/api\//, "");
    const call: SlackCall = { method, path, auth: req.headers.authorization, params, status: 200, atMs: Date.now() - this.startedAt };
    this.calls.push(call);
    for (const listener of this.listeners) listener(call);
    if (this.outage && Date.now() < this.outage.untilMs && method !== "response_url" && this.meetOutage(this.outage, call, res)) return;
    const failure = this.takeFailure(method, params);
    if (failure) {
      call.status = failure.status ?? 200;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (failure.status === 429 && failure.retryAfter !== undefined) headers["retry-after"] = String(failure.retryAfter);
      const error = failure.error ?? (failure.status === 429 ? "ratelimited" : "internal_error");
      call.response = { ok: false, error };
      res.writeHead(call.status, headers).end(JSON.stringify(call.response));
      return;
    }
    const rejection = slackRejection(method, params, call.auth, this.options.token);
    if (rejection) this.rejected.push(call);
    const answer = rejection ?? this.answer(method, params);
    call.response = answer;
    const delay = this.latencyMs + (method === "response_url" ? this.replyLatencyMs : 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
  }

  // Answers as the outage dictates; true when the request was handled (or left hanging).
  private meetOutage(outage: SlackOutage, call: SlackCall, res: ServerResponse): boolean {
    if (outage.kind === "hang") {
      call.status = 0;
      return true; // never answered; the client's own time-out ends it
    }
    if (outage.kind === "reset") {
      call.status = 0;
      res.socket?.destroy();
      return true;
    }
    call.status = outage.kind === "429" ? 429 : 500;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (outage.kind === "429") headers["retry-after"] = String(outage.retryAfter ?? 1);
    call.response = { ok: false, error: outage.kind === "429" ? "ratelimited" : "internal_error" };
    res.writeHead(call.status, headers).end(JSON.stringify(call.response));
    return true;
  }

  private takeFailure(method: string, params: Record<string, any>): SlackFailure | undefined {
    const index = this.failures.findIndex((f) => f.method === method && (!f.channel || f.channel === params.channel));
    if (index < 0) return undefined;
    const failure = this.failures[index];
    failure.times = (failure.times ?? 1) - 1;
    if (failure.times <= 0) this.failures.splice(index, 1);
    return failure;
  }

  private answer(method: string, p: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://vigil-test.slack.com/", team: "Vigil Test", user: "vigil", team_id: "T0001", user_id: "U0BOT", bot_id: "B0BOT" };
      case "chat.postMessage":
        return this.postMessage(p);
      case "chat.update": {
        const message = this.messages.get(`${p.channel}/${p.ts}`);
        if (!message) return { ok: false, error: "message_not_found" };
        Object.assign(message, { text: p.text, blocks: p.blocks, updates: message.updates + 1 });
        return { ok: true, channel: p.channel, ts: p.ts, text: p.text };
      }
      case "conversations.history":
      case "conversations.replies":
        return this.history(method, p);
      case "chat.postEphemeral":
        return { ok: true, message_ts: this.nextTs() };
      case "views.open":
        return { ok: true, view: { ...(p.view ?? {}), id: `V${String(++this.seq).padStart(8, "0")}` } };
      default:
        return { ok: true };
    }
  }

  private postMessage(p: Record<string, any>): Record<string, unknown> {
    const ts = this.nextTs();
    const message: FakeSlackMessage = { channel: p.channel, ts, text: p.text, blocks: p.blocks, threadTs: p.thread_ts, updates: 0, ...(p.metadata ? { metadata: p.metadata } : {}) };
    this.messages.set(`${p.channel}/${ts}`, message);
    return { ok: true, channel: p.channel, ts, message: { type: "message", text: p.text, ts, thread_ts: p.thread_ts } };
  }

  // Newest first, as Slack answers; metadata only with include_all_metadata. History lists the
  // channel's top-level messages, replies a thread (its parent first, then oldest to newest).
  private history(method: string, p: Record<string, any>): Record<string, unknown> {
    const inChannel = [...this.messages.values()].filter((m) => m.channel === p.channel);
    const picked =
      method === "conversations.history"
        ? inChannel.filter((m) => !m.threadTs).reverse()
        : inChannel.filter((m) => m.ts === p.ts || m.threadTs === p.ts);
    if (method === "conversations.replies" && !picked.some((m) => m.ts === p.ts)) return { ok: false, error: "thread_not_found" };
    const withMetadata = p.include_all_metadata === true || p.include_all_metadata === "true";
    const limit = Number(p.limit ?? 100);
    const messages = picked.slice(0, limit).map((m) => ({
      type: "message", ts: m.ts, text: m.text, ...(m.threadTs ? { thread_ts: m.threadTs } : {}), ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
    }));
    return { ok: true, messages, has_more: picked.length > limit };
  }

  private nextTs(): string {
    return `1700000000.${String(++this.seq * 100).padStart(6, "0")}`;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(raw: string, contentType: string | undefined): Record<string, any> {
  if (!raw) return {};
  if (contentType?.startsWith("application/json")) return JSON.parse(raw) as Record<string, any>;
  const params: Record<string, any> = Object.fromEntries(new URLSearchParams(raw));
  for (const field of JSON_FIELDS) {
    if (typeof params[field] === "string") params[field] = JSON.parse(params[field]);
  }
  return params;
}
