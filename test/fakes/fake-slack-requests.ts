import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";

/** Ways to bend a signed request for the safety tests. */
export interface SignedRequestOptions {
  /** Unix seconds put in x-slack-request-timestamp (default now). */
  timestamp?: number;
  /** Sign with this secret instead of the real one (a forged request). */
  signWith?: string;
  /** Headers to leave out. */
  omit?: ("x-slack-signature" | "x-slack-request-timestamp")[];
  /** Sends x-slack-retry-num / x-slack-retry-reason like a Slack retry. */
  retryNum?: number;
}

/** What the adapter's HTTP endpoint answered. */
export interface SlackHttpResult {
  status: number;
  body: string;
  elapsedMs: number;
  /** Wall-clock ms when the answer arrived (worker-thread sends only). */
  receivedAt?: number;
}

/** Slack's v0 request signature: `v0=` + hex HMAC-SHA256 of `v0:<ts>:<raw body>`. */
export function slackSignature(secret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestampSec}:${body}`).digest("hex")}`;
}

/**
 * POSTs a raw body to the events endpoint as Slack does. The body is a string and the
 * content type exactly `application/x-www-form-urlencoded`: Bolt compares it with ===, and
 * fetch would append `;charset=UTF-8` to a URLSearchParams body.
 */
export async function sendSignedBody(url: string, secret: string, body: string, options: SignedRequestOptions = {}): Promise<SlackHttpResult> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": slackSignature(options.signWith ?? secret, timestamp, body),
  };
  for (const name of options.omit ?? []) delete headers[name];
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = "http_timeout";
  }
  const started = Date.now();
  const response = await fetch(url, { method: "POST", headers, body });
  return { status: response.status, body: await response.text(), elapsedMs: Date.now() - started };
}

/** Sends a slash command (form fields as Slack posts them). */
export function sendSlashCommand(url: string, secret: string, fields: Record<string, string>, options?: SignedRequestOptions): Promise<SlackHttpResult> {
  return sendSignedBody(url, secret, new URLSearchParams(fields).toString(), options);
}

/** Sends an interactivity payload (block_actions, view_submission) as one `payload=<JSON>` field. */
export function sendInteraction(url: string, secret: string, payload: object, options?: SignedRequestOptions): Promise<SlackHttpResult> {
  return sendSignedBody(url, secret, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), options);
}

/** Loads test/fixtures/slack/<name>.json as a fresh object each time (tests mutate them). */
export function slackFixture<T = any>(name: string): T {
  const url = new URL(`../fixtures/slack/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as T;
}

// Plain JavaScript run in a worker thread (eval), so it needs no TypeScript loader.
const WORKER_CLIENT = `
const { createHmac } = require("node:crypto");
const http = require("node:http");
const { parentPort, workerData } = require("node:worker_threads");
const { url, secret, bodies, delaysMs } = workerData;
const target = new URL(url);
function send(body) {
  const ts = Math.floor(Date.now() / 1000);
  const signature = "v0=" + createHmac("sha256", secret).update("v0:" + ts + ":" + body).digest("hex");
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: "POST", headers: {
      "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body),
      "x-slack-request-timestamp": String(ts), "x-slack-signature": signature } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode, body: text, elapsedMs: Date.now() - started, receivedAt: Date.now() }));
    });
    req.on("error", reject);
    req.end(body);
  });
}
const later = (ms) => new Promise((r) => setTimeout(r, ms));
Promise.all(bodies.map((body, i) => later(delaysMs[i] || 0).then(() => send(body)))).then((results) => parentPort.postMessage(results), (error) => { throw error; });
`;

/**
 * Sends signed raw bodies from a worker thread, each after its delay in `delaysMs` (default:
 * all at once). Use it when the server under test may hold its event loop (a synchronous
 * core): an in-process client would be held too, and its timings would measure itself.
 */
export async function sendSignedBodiesFromWorker(url: string, secret: string, bodies: string[], delaysMs: number[] = []): Promise<SlackHttpResult[]> {
  const { Worker } = await import("node:worker_threads");
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_CLIENT, { eval: true, workerData: { url, secret, bodies, delaysMs } });
    worker.once("message", (results: SlackHttpResult[]) => {
      resolve(results);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}
