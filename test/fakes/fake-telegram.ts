import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { buttonPress, textMessage, type FakeChat, type FakeUser, type UpdateBody } from "./fake-telegram-updates.js";
import { RateBuckets, type FakeTelegramLimits } from "./fake-telegram-limits.js";
import { telegramRejection } from "./telegram-strict.js";
import { meetTelegramOutage, type TelegramOutage } from "./telegram-outage.js";

export type { TelegramOutage } from "./telegram-outage.js";

/** One Bot API call the fake received. */
export interface TelegramCall {
  method: string;
  /** The token from the path `/bot<token>/<method>`. */
  token: string;
  /** Fields, with JSON-string fields (reply_markup…) parsed. */
  params: Record<string, any>;
  status: number;
  /** Milliseconds since the fake started. */
  atMs: number;
  response?: Record<string, any>;
}

/** A failure to inject into the next matching call(s). */
export interface TelegramFailure {
  /** Bot API error code; 429 carries `parameters.retry_after`. Default 429. */
  errorCode?: number;
  retryAfter?: number;
  description?: string;
  /** Only calls for this chat. */
  chatId?: string;
  times?: number;
  /** ResponseParameters to answer with (e.g. `migrate_to_chat_id` for a group that became a supergroup). */
  parameters?: Record<string, unknown>;
}

/** A message as the fake chat shows it now. */
export interface FakeTelegramMessage {
  chatId: string;
  messageId: number;
  text: string;
  replyMarkup?: { inline_keyboard: { text: string; callback_data: string }[][] };
  replyTo?: number;
  edits: number;
}

const CONFLICT = Symbol("409 Conflict");

const JSON_FIELDS = ["reply_markup", "link_preview_options", "reply_parameters", "allowed_updates"];

/**
 * A fake Telegram Bot API on 127.0.0.1 (port 0): getMe, getUpdates (long poll over a queue
 * of updates the test pushes), sendMessage, editMessageText, answerCallbackQuery and the
 * webhook calls. Records every call, keeps each chat's messages, fails on demand and, when
 * given limits, answers 429 like Telegram when a client sends too fast.
 */
export class FakeTelegram {
  readonly calls: TelegramCall[] = [];
  readonly messages = new Map<string, FakeTelegramMessage>();
  readonly bot = { id: 900001, is_bot: true, first_name: "Vigil", username: "VigilTestBot" };
  private readonly failures: (TelegramFailure & { method: string })[] = [];
  private readonly updates: { update_id: number }[] = [];
  private readonly pollers = new Set<() => void>();
  // The long poll waiting now: a second getUpdates terminates it with 409, as Telegram does.
  private waiting?: { conflict: () => void };
  private readonly limits: RateBuckets;
  private server?: Server;
  private port = 0;
  private nextUpdateId = 5000;
  private nextMessageId = 100;
  private nextQuery = 1;
  private readonly startedAt = Date.now();

  /** Calls the fake refused the way Telegram would (bad HTML, too long, a wrong token). */
  readonly rejected: TelegramCall[] = [];
  /** A fault every Bot API call meets until it ends. */
  outage?: TelegramOutage;
  /** Delay before every answer but getUpdates' (ms): widens the window in which a crash leaves a send unrecorded. */
  latencyMs = 0;

  /** `token`: the only bot token accepted in `/bot<token>/…`; others get 401 Unauthorized. */
  constructor(limits: FakeTelegramLimits = {}, readonly token?: string) {
    this.limits = new RateBuckets(limits);
  }

  /** 429s the rate limits provoked (not injected failures). */
  get rateLimited(): number {
    return this.limits.rejected;
  }

  /** Listen on `port` (0: any free one; a fixed one plays a Bot API that comes back). */
  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** The Bot API origin (`apiRoot` / TELEGRAM_API_URL). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Queue an update for getUpdates; returns its update_id. */
  push(body: UpdateBody, updateId = this.nextUpdateId++): number {
    this.updates.push({ update_id: updateId, ...body });
    for (const wake of this.pollers) wake();
    return updateId;
  }

  /** `from` writes `text` (in their private chat unless `chat` is given). */
  say(from: FakeUser, text: string, chat?: FakeChat): number {
    return this.push(textMessage(from, text, chat, this.nextMessageId++));
  }

  /** `from` presses the button with `data` on a message. */
  press(from: FakeUser, message: { chatId: string | number; messageId: number }, data: string): number {
    return this.push(buttonPress(from, Number(message.chatId), message.messageId, data, `q${this.nextQuery++}`));
  }

  /** Make the next matching call(s) to `method` fail. */
  failNext(method: string, failure: TelegramFailure = {}): void {
    this.failures.push({ method, times: 1, ...failure });
  }

  /** Calls to one method, in arrival order. */
  callsTo(method: string): TelegramCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages in a chat, oldest first. */
  chat(chatId: string | number): FakeTelegramMessage[] {
    return [...this.messages.values()].filter((m) => m.chatId === String(chatId)).sort((a, b) => a.messageId - b.messageId);
  }

  /** The newest message in a chat whose text contains `needle`. */
  find(chatId: string | number, needle: string): FakeTelegramMessage | undefined {
    return this.chat(chatId).filter((m) => m.text.includes(needle)).pop();
  }

  /** Resolves once `predicate` holds; rejects after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`FakeTelegram.waitFor timed out; calls: ${this.calls.map((c) => `${c.method}(${c.status})`).join(", ")}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Resolves once every queued update has been fetched and confirmed (offset moved past it). */
  async drained(timeoutMs = 3000): Promise<void> {
    await this.waitFor(() => this.updates.length === 0 && this.pollers.size > 0, timeoutMs);
  }

  /** POST an update to a webhook URL as Telegram would. */
  async deliverWebhook(url: string, body: UpdateBody, secret?: string, updateId = this.nextUpdateId++): Promise<number> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (secret !== undefined) headers["x-telegram-bot-api-secret-token"] = secret;
    const res = await fetch(url, { method: "POST", headers, body: JSON.stringify({ update_id: updateId, ...body }) });
    return res.status;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    for (const wake of this.pollers) wake();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec((req.url ?? "").split("?")[0]);
    const params = parseBody(await readBody(req), req.headers["content-type"]);
    const call: TelegramCall = { method: match?.[2] ?? "?", token: match?.[1] ?? "", params, status: 200, atMs: Date.now() - this.startedAt };
    this.calls.push(call);
    if (this.outage && Date.now() < this.outage.untilMs) {
      Object.assign(call, meetTelegramOutage(this.outage, res));
      return;
    }
    const rejection = telegramRejection(call.method, params, call.token, this.token);
    if (rejection) this.rejected.push(call);
    const answer = this.takeFailure(call) ?? rejection ?? this.limits.check(call.method, params.chat_id) ?? (await this.answer(call.method, params));
    call.status = answer.ok ? 200 : Number(answer.error_code);
    call.response = answer;
    if (this.latencyMs > 0 && call.method !== "getUpdates") await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    res.writeHead(call.status, { "content-type": "application/json" }).end(JSON.stringify(answer));
  }

  private takeFailure(call: TelegramCall): Record<string, any> | undefined {
    const index = this.failures.findIndex((f) => f.method === call.method && (!f.chatId || f.chatId === String(call.params.chat_id)));
    if (index < 0) return undefined;
    const f = this.failures[index];
    if (--f.times! <= 0) this.failures.splice(index, 1);
    const code = f.errorCode ?? 429;
    const description = f.description ?? (code === 429 ? `Too Many Requests: retry after ${f.retryAfter ?? 1}` : "Bad Request");
    const parameters = code === 429 ? { retry_after: f.retryAfter ?? 1 } : f.parameters;
    return { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) };
  }

  private async answer(method: string, p: Record<string, any>): Promise<Record<string, any>> {
    switch (method) {
      case "getMe":
        return { ok: true, result: this.bot };
      case "getUpdates": {
        const result = await this.poll(Number(p.offset ?? 0), Number(p.timeout ?? 0));
        if (result === CONFLICT) return { ok: false, error_code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running" };
        return { ok: true, result };
      }
      case "sendMessage":
        return { ok: true, result: this.store(p) };
      case "editMessageText":
        return this.edit(p);
      default:
        return { ok: true, result: true };
    }
  }

  private async poll(offset: number, timeoutSec: number): Promise<unknown[] | typeof CONFLICT> {
    this.waiting?.conflict();
    // Telegram forgets updates below the offset: the client confirmed them.
    while (this.updates.length && this.updates[0].update_id < offset) this.updates.shift();
    if (this.updates.length === 0 && timeoutSec > 0 && this.server) {
      let superseded = false;
      const me = { conflict: () => {} };
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.pollers.delete(wake);
          clearTimeout(timer);
          if (this.waiting === me) this.waiting = undefined;
          resolve();
        };
        const timer = setTimeout(wake, timeoutSec * 1000);
        this.pollers.add(wake);
        me.conflict = () => ((superseded = true), wake());
        this.waiting = me;
      });
      if (superseded) return CONFLICT;
    }
    return this.updates.filter((u) => u.update_id >= offset).slice(0, 100);
  }

  private store(p: Record<string, any>): Record<string, unknown> {
    const messageId = this.nextMessageId++;
    const chatId = String(p.chat_id);
    const message: FakeTelegramMessage = { chatId, messageId, text: String(p.text), replyMarkup: p.reply_markup, replyTo: p.reply_parameters?.message_id, edits: 0 };
    this.messages.set(`${chatId}/${messageId}`, message);
    const chat = { id: Number(chatId), type: Number(chatId) < 0 ? "group" : "private" };
    return { message_id: messageId, chat, date: Math.floor(Date.now() / 1000), text: message.text, from: this.bot };
  }

  private edit(p: Record<string, any>): Record<string, unknown> {
    const message = this.messages.get(`${p.chat_id}/${p.message_id}`);
    if (!message) return { ok: false, error_code: 400, description: "Bad Request: message to edit not found" };
    if (message.text === String(p.text) && JSON.stringify(message.replyMarkup) === JSON.stringify(p.reply_markup)) {
      return { ok: false, error_code: 400, description: "Bad Request: message is not modified" };
    }
    Object.assign(message, { text: String(p.text), replyMarkup: p.reply_markup, edits: message.edits + 1 });
    return { ok: true, result: { message_id: message.messageId, chat: { id: Number(message.chatId), type: "private" }, date: 0, text: message.text } };
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
  for (const field of JSON_FIELDS) if (typeof params[field] === "string") params[field] = JSON.parse(params[field]);
  return params;
}
