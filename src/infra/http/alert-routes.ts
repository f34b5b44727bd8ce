import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AlertConfig, ReceiverAuth } from "../../core/alerts/alert-routing.js";
import { ALERT_SOURCES, type AlertSignal, type AlertSource } from "../../core/alerts/alert-types.js";
import { parseAlerts } from "../../core/alerts/parse-alerts.js";
import { alertCopy } from "../../core/messages/copy-alerts.js";
import type { Clock } from "../../ports/clock.js";
import type { HttpRouter } from "../../ports/http.js";
import type { SignalOutcome } from "../../app/alerts/receive-alerts.js";

/** Applies accepted signals (the app's AlertIntake). */
export type ReceiveSignals = (signals: AlertSignal[]) => Promise<SignalOutcome[]>;

/** Counts one alert request by source and outcome (`vigil_alerts_received_total`). */
export type CountAlertRequest = (source: AlertSource, outcome: AlertRequestOutcome) => void;

/** How an alert request ended, as the metric labels it. */
export type AlertRequestOutcome = "accepted" | "not_found" | "method_not_allowed" | "unauthorized" | "too_large" | "bad_request";

const OUTCOME_BY_STATUS: Record<number, AlertRequestOutcome> = {
  200: "accepted", 400: "bad_request", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed", 413: "too_large",
};

/** Mount `POST /alerts/<source>` for every receiver the policy file configures; `clock` judges signed timestamps. */
export function mountAlertRoutes(router: HttpRouter, config: AlertConfig, receive: ReceiveSignals, clock: Clock, count?: CountAlertRequest): AlertSource[] {
  const mounted = ALERT_SOURCES.filter((s) => config.receivers[s]);
  for (const source of mounted) {
    const path = `/alerts/${source}`;
    router.mount(path, async (req, res) => {
      await handleAlertRequest(req, res, { source, path, auth: config.receivers[source]!, config, receive, clock });
      count?.(source, OUTCOME_BY_STATUS[res.statusCode] ?? "bad_request");
    });
  }
  return mounted;
}

interface RouteContext {
  source: AlertSource;
  path: string;
  auth: ReceiverAuth;
  config: AlertConfig;
  receive: ReceiveSignals;
  clock: Clock;
}

/** One alert request: route, method, auth, size, JSON, payload, then apply. Nothing is stored unless all pass. */
async function handleAlertRequest(req: IncomingMessage, res: ServerResponse, route: RouteContext): Promise<void> {
  if ((req.url ?? "").split("?")[0] !== route.path) return answer(res, 404, alertCopy.http.notFound);
  if (req.method !== "POST") return answer(res, 405, alertCopy.http.methodNotAllowed);
  if (route.auth.kind === "bearer" && !bearerMatches(req, route.auth.token)) return answer(res, 401, alertCopy.http.unauthorized);
  const body = await readBody(req, route.config.maxBodyBytes);
  if (!body) return answer(res, 413, alertCopy.http.tooLarge(route.config.maxBodyBytes), true);
  if (route.auth.kind === "hmac" && !signatureMatches(req, body, route.auth, route.clock.now())) return answer(res, 401, alertCopy.http.unauthorized);
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch (error) {
    return answer(res, 400, alertCopy.http.badJson((error as Error).message));
  }
  const parsed = parseAlerts(route.source, json, route.config.alertmanagerDedup);
  if (!parsed.ok) return answer(res, 400, alertCopy.http.badPayload(parsed.problems));
  const outcomes = await route.receive(parsed.signals);
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ accepted: parsed.signals.length, outcomes }));
}

function answer(res: ServerResponse, status: number, error: string, close = false): void {
  res.writeHead(status, { "content-type": "application/json", ...(close ? { connection: "close" } : {}) }).end(JSON.stringify({ error }));
}

/** The body, or undefined once it exceeds `limit` bytes (the rest is not read). */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(req.headers["content-length"] ?? 0) > limit) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function bearerMatches(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match !== null && sameSecret(match[1], token);
}

// `sha256=<hex>` (or bare hex) of the raw body under the receiver's secret, or of
// `<timestamp>:<body>` when the receiver names a timestamp header (a stale one is a replay).
function signatureMatches(req: IncomingMessage, body: Buffer, auth: Extract<ReceiverAuth, { kind: "hmac" }>, now: Date): boolean {
  const given = req.headers[auth.header];
  if (typeof given !== "string") return false;
  const hmac = createHmac("sha256", auth.secret);
  if (auth.timestampHeader) {
    const stamp = req.headers[auth.timestampHeader];
    if (typeof stamp !== "string" || !/^\d{1,12}$/.test(stamp.trim())) return false;
    if (Math.abs(now.getTime() - Number(stamp.trim()) * 1000) > auth.maxSkewMs) return false;
    hmac.update(`${stamp.trim()}:`);
  }
  const expected = hmac.update(body).digest("hex");
  return sameSecret(given.trim().replace(/^sha256=/i, "").toLowerCase(), expected);
}

// Hashing both sides first gives equal lengths, so the comparison time says nothing about the secret.
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
