import { createSlackAdapter, SLACK_EVENTS_PATH, type SlackAdapterConfig } from "../../../adapters/slack/index.js";
import type { ChatAdapter, InboundEvent, Reply } from "../../../src/ports/chat.js";
import type { Logger } from "../../../src/ports/logger.js";
import { VigilHttpServer } from "../../../src/infra/http/http-server.js";
import { FakeSlack } from "../../fakes/fake-slack.js";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const BOT_TOKEN = "xoxb-0001-vigil-test";

/** A log line the adapter (or Bolt through it) wrote. */
export interface LogLine {
  level: "info" | "warn" | "error";
  message: string;
  fields: Record<string, unknown>;
}

/** A real Bolt-backed adapter on a real VigilHttpServer, talking to a FakeSlack. */
export interface SlackRig {
  fake: FakeSlack;
  http: VigilHttpServer;
  adapter: ChatAdapter;
  /** Full URL of the adapter's events endpoint. */
  url: string;
  /** Every event the adapter passed to onEvent, in order. */
  events: InboundEvent[];
  logs: LogLine[];
  /** Replace the canned reply (or make onEvent slow). */
  reply: (event: InboundEvent) => Promise<Reply> | Reply;
  close(): Promise<void>;
}

/** The reply onEvent gives unless a test sets another. */
export const OK_REPLY: Reply = { outcome: "ok", message: { text: "INC-42 acknowledged." } };

/** Starts fake Slack, HTTP server and adapter; `overrides` tweak the adapter's config. */
export async function startSlackRig(overrides: Partial<SlackAdapterConfig> = {}): Promise<SlackRig> {
  const fake = await new FakeSlack({ token: BOT_TOKEN }).start();
  const http = new VigilHttpServer(async () => ({ ok: true }));
  const logs: LogLine[] = [];
  const logger: Logger = {
    info: (fields, message) => logs.push({ level: "info", message, fields }),
    warn: (fields, message) => logs.push({ level: "warn", message, fields }),
    error: (fields, message) => logs.push({ level: "error", message, fields }),
  };
  const adapter = createSlackAdapter({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    router: http,
    organisations: [
      { id: "acme", name: "ACME Corp" },
      { id: "globex", name: "Globex" },
    ],
    logger,
    requestTimeoutMs: 2000,
    ...overrides,
  });
  const port = await http.listen(0, "127.0.0.1");
  const rig: SlackRig = {
    fake,
    http,
    adapter,
    url: `http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`,
    events: [],
    logs,
    reply: () => OK_REPLY,
    async close() {
      await adapter.stop();
      await http.close();
      await fake.close();
    },
  };
  await adapter.start(async (event) => {
    rig.events.push(event);
    return rig.reply(event);
  });
  return rig;
}
