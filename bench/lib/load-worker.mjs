// Load generator for the Slack benchmarks, run in its own worker thread so the client's
// work (signing, parsing answers) does not share an event loop with the servers measured.
// Plain JavaScript on purpose: a worker needs no TypeScript loader this way.
//
// workerData: { url, secret, bodies: string[], concurrency }
// posts back: { latencies: number[] (ms, per request in order), statuses: number[], wallMs }
import { createHmac } from "node:crypto";
import http from "node:http";
import { parentPort, workerData } from "node:worker_threads";

const { url, secret, bodies, concurrency } = workerData;
const target = new URL(url);
// Keep-alive sockets, at most `concurrency` open: every request waits only on the server.
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function send(body) {
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${ts}:${body}`).digest("hex")}`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: "POST",
        agent,
        headers: {
          // Exactly this content type: Bolt compares it with ===.
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(body),
          "x-slack-request-timestamp": String(ts),
          "x-slack-signature": signature,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0 }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const latencies = new Array(bodies.length);
const statuses = new Array(bodies.length);
let next = 0;
const wallStart = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < bodies.length) {
      const i = next++;
      const { ms, status } = await send(bodies[i]);
      latencies[i] = ms;
      statuses[i] = status;
    }
  }),
);
const wallMs = performance.now() - wallStart;
agent.destroy();
parentPort.postMessage({ latencies, statuses, wallMs });
