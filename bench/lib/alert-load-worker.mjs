// Load generator for the alert storm benchmark, in its own worker thread so the senders'
// work does not share an event loop with the Vigil under test. Plain JavaScript on purpose:
// a worker needs no TypeScript loader this way.
//
// workerData: { url, token, bodies: string[], concurrency, spreadMs, stopAfterMs }
//   spreadMs > 0: request i is not sent before start + i × spreadMs / bodies.length (an
//   offered rate, as monitoring fires); 0: as fast as the senders can. No request is started
//   after stopAfterMs, so a server far slower than the offered rate cannot stall the run.
// posts back: { statuses: number[] (0: not sent), doneAtMs: number[] (since start), wallMs, retried }
import http from "node:http";
import { parentPort, workerData } from "node:worker_threads";

const { url, token, bodies, concurrency, spreadMs, stopAfterMs } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function sendOnce(body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), authorization: `Bearer ${token}` },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

let retried = 0;

// A keep-alive socket the server closed as it was reused answers ECONNRESET before the
// request was read; the sender retries, as Alertmanager retries a failed notification.
async function send(body) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await sendOnce(body);
    } catch (error) {
      if (attempt >= 3 || error.code !== "ECONNRESET") throw error;
      retried++;
    }
  }
}

const statuses = new Array(bodies.length).fill(0);
const doneAtMs = new Array(bodies.length);
let next = 0;
const start = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < bodies.length && performance.now() - start < stopAfterMs) {
      const i = next++;
      const due = start + (i * spreadMs) / bodies.length;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      statuses[i] = await send(bodies[i]);
      doneAtMs[i] = performance.now() - start;
    }
  }),
);
const wallMs = performance.now() - start;
agent.destroy();
parentPort.postMessage({ statuses, doneAtMs, wallMs, retried });
