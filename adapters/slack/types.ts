import type { HttpRouter } from "../../src/ports/http.js";
import type { Logger } from "../../src/ports/logger.js";

/** Settings for {@link createSlackAdapter}; only `botToken`, `signingSecret` and `router` are required. */
export interface SlackAdapterConfig {
  /** Bot user OAuth token (`xoxb-…`), from SLACK_BOT_TOKEN. */
  botToken: string;
  /** App signing secret, from SLACK_SIGNING_SECRET; every inbound request is verified with it. */
  signingSecret: string;
  /** Web API base URL, from SLACK_API_URL (tests point it at a fake). Default https://slack.com/api/. */
  apiUrl?: string;
  /** Vigil's one HTTP server; the adapter mounts {@link SLACK_EVENTS_PATH} on it. */
  router: HttpRouter;
  /** Customer organisations offered in the "open incident" modal. */
  organisations: { id: string; name: string }[];
  /** The organisation whose incident channel this is, if any: the modal starts on it. */
  organisationFor?: (channelId: string) => string | undefined;
  /** Where Bolt's and the adapter's own log lines go. Default: Bolt's console logger at warn level. */
  logger?: Logger;
  /** Per Web API call time limit in ms; a timeout surfaces as a retryable ChatDeliveryError. Default 10 000. */
  requestTimeoutMs?: number;
  /**
   * How long Bolt waits for an ack before answering 404 itself (Bolt's
   * `unhandledRequestTimeoutMillis`). The adapter acks at once, so this only matters in tests.
   */
  ackTimeoutMs?: number;
  /**
   * How many acknowledged requests the core works on at once (default 1). The others wait
   * their turn, so acks never queue behind the core's synchronous SQLite work; see WorkQueue.
   */
  maxConcurrentEvents?: number;
}

/** The path Slack's slash commands and interactivity requests are sent to. */
export const SLACK_EVENTS_PATH = "/slack/events";

/** callback_id of the modal `/incident open` (no arguments) opens. */
export const OPEN_MODAL_CALLBACK_ID = "vigil_open_incident";

/** block_id / action_id pairs of the modal's inputs, used to read `view.state.values`. */
export const OPEN_MODAL_INPUTS = {
  title: { block: "title", action: "title" },
  severity: { block: "severity", action: "severity" },
  organisation: { block: "org", action: "org" },
  description: { block: "desc", action: "desc" },
} as const;

/** What the modal stashes in `private_metadata` so its submission knows where it came from. */
export interface OpenModalMetadata {
  channelId: string;
  command: string;
}

export { SLACK_COPY } from "../../src/core/messages/copy-platforms.js";
