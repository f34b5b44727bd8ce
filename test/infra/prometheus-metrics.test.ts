import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createVigil } from "../../src/app/vigil.js";
import { MemoryStore } from "../../src/infra/memory/memory-store.js";
import { PrometheusMetrics, type MetricsSources } from "../../src/infra/metrics/prometheus-metrics.js";
import { SlaScheduler } from "../../src/infra/scheduler/sla-scheduler.js";
import { ChatDeliveryError } from "../../src/ports/chat.js";
import { RecordingAdapter } from "../fakes/recording-adapter.js";
import { FakeClock } from "../support/fake-clock.js";
import { createHarness, examplePolicy, MemoryLogger } from "../support/harness.js";

const MIN = 60_000;

function storeSources(store: MemoryStore, clock: FakeClock, adapters: MetricsSources["adapters"] = undefined): MetricsSources {
  return {
    outbox: async () => {
      const s = await store.outbox.pendingSummary();
      return { pending: s.count, oldestPendingAt: s.oldestCreatedAt, deadLetters: s.failed };
    },
    adapters,
    now: () => clock.now(),
  };
}

function promtool(): string | undefined {
  try {
    execFileSync("promtool", ["--version"], { stdio: "ignore" });
    return "promtool";
  } catch {
    return undefined;
  }
}

describe("Prometheus metrics", () => {
  it("count answered events by outcome, deliveries by result, and read pending messages at scrape time", async () => {
    const store = new MemoryStore();
    const chat = new RecordingAdapter();
    const clock = new FakeClock();
    const metrics = new PrometheusMetrics(storeSources(store, clock), { processMetrics: false });
    const vigil = createVigil({ store, clock, ids: { newId: () => "x", newReference: () => "R" }, logger: new MemoryLogger(), policy: examplePolicy(), adapters: [chat], metrics });
    await vigil.start({ background: false });
    const say = (eventId: string, userId: string, text: string) =>
      vigil.handle({ kind: "command", eventId, actor: { platform: "console", userId, displayName: userId }, at: { platform: "console", channelId: "dm" }, text });
    await say("e1", "ana", "/incident open P3 Slow --org acme");
    await say("e2", "ben", "/incident close 1");
    await say("e3", "stranger", "/incident list");
    expect(await metrics.registry.metrics()).toContain("vigil_outbox_pending_messages 2");
    clock.advance(90_000);
    expect(await metrics.registry.metrics()).toContain("vigil_outbox_oldest_pending_age_seconds 90");
    chat.failures.push({ channelId: "acme-incidents", error: new ChatDeliveryError("HTTP 500"), times: 1 });
    await vigil.dispatcher.drain();
    const text = await metrics.registry.metrics();
    expect(text).toContain('vigil_inbound_events_total{platform="console",outcome="ok"} 1');
    expect(text).toContain('vigil_inbound_events_total{platform="console",outcome="refused"} 2');
    expect(text).toContain('vigil_outbox_messages_total{platform="console",result="retry"} 1');
    expect(text).toContain("vigil_outbox_pending_messages 2");
    await vigil.stop();
  });

  it("count dead letters, and show each adapter's connection as a gauge per platform", async () => {
    const store = new MemoryStore();
    const clock = new FakeClock();
    const chat = new RecordingAdapter("slack");
    const up = { slack: true, discord: false };
    const metrics = new PrometheusMetrics(
      storeSources(store, clock, () => [{ platform: "slack", connected: up.slack }, { platform: "discord", connected: up.discord }]),
      { processMetrics: false },
    );
    const vigil = createVigil({ store, clock, ids: { newId: () => "x", newReference: () => "R" }, logger: new MemoryLogger(), policy: examplePolicy(), adapters: [chat], metrics });
    await vigil.start({ background: false });
    await vigil.handle({ kind: "command", eventId: "e1", actor: { platform: "slack", userId: "U0ANA", displayName: "ana" }, at: { platform: "slack", channelId: "C0ACMEINC" }, text: "/incident open P3 Slow --org acme" });
    chat.failures.push({ error: new ChatDeliveryError("channel_not_found", undefined, true), times: 10 });
    await vigil.dispatcher.drain();
    let text = await metrics.registry.metrics();
    expect(text).toMatch(/^vigil_outbox_dead_letters [1-9]\d*$/m);
    expect(text).toContain('vigil_outbox_messages_total{platform="slack",result="failed"}');
    expect(text).toContain('vigil_adapter_connected{platform="slack"} 1');
    expect(text).toContain('vigil_adapter_connected{platform="discord"} 0');
    up.slack = false;
    text = await metrics.registry.metrics();
    expect(text).toContain('vigil_adapter_connected{platform="slack"} 0');
    await vigil.stop();
  });

  it("count SLA nudges and breaches by clock and severity, once each, after the sweep commits", async () => {
    const clock = new FakeClock();
    const metrics = new PrometheusMetrics(storeSources(new MemoryStore(), clock), { processMetrics: false });
    const h = await createHarness({ metrics });
    const t0 = new Date("2026-11-02T09:00:00Z");
    h.clock.set(t0);
    await h.as("ana", "/incident open P1 Payment API down --org acme");
    for (const minute of [15, 15, 20, 20]) {
      h.clock.set(new Date(t0.getTime() + minute * MIN));
      await h.tick();
    }
    const text = await metrics.registry.metrics();
    expect(text).toContain('vigil_sla_nudges_total{clock="response",severity="P1",kind="warning"} 1');
    expect(text).toContain('vigil_sla_nudges_total{clock="response",severity="P1",kind="breach"} 1');
    expect(text).toContain('vigil_sla_breaches_total{clock="response",severity="P1"} 1');
    await h.close();
  });

  it("time every scheduler tick in a histogram", async () => {
    const metrics = new PrometheusMetrics(storeSources(new MemoryStore(), new FakeClock()), { processMetrics: false });
    const scheduler = new SlaScheduler({ tick: async () => new Promise((r) => setTimeout(r, 20)) }, new MemoryLogger(), 1, (s) => metrics.tickDuration.observe(s));
    await scheduler.start();
    await scheduler.stop();
    const text = await metrics.registry.metrics();
    expect(text).toContain("vigil_sla_tick_duration_seconds_count 1");
    expect(text).toMatch(/vigil_sla_tick_duration_seconds_bucket\{le="0.01"\} 0/);
    expect(text).toMatch(/vigil_sla_tick_duration_seconds_bucket\{le="\+Inf"\} 1/);
  });

  it("exposes every Vigil metric and prom-client's process metrics under their standard names", async () => {
    const metrics = new PrometheusMetrics(storeSources(new MemoryStore(), new FakeClock(), () => [{ platform: "slack", connected: true }]));
    metrics.alertReceived("alertmanager", "opened");
    const text = await metrics.registry.metrics();
    const names = new Set([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => `${m[1]} ${m[2]}`));
    for (const expected of [
      "vigil_inbound_events_total counter",
      "vigil_outbox_messages_total counter",
      "vigil_outbox_pending_messages gauge",
      "vigil_outbox_oldest_pending_age_seconds gauge",
      "vigil_outbox_dead_letters gauge",
      "vigil_sla_nudges_total counter",
      "vigil_sla_breaches_total counter",
      "vigil_sla_tick_duration_seconds histogram",
      "vigil_adapter_connected gauge",
      "vigil_alerts_received_total counter",
      "process_cpu_user_seconds_total counter",
      "process_resident_memory_bytes gauge",
      "process_start_time_seconds gauge",
      "nodejs_eventloop_lag_seconds gauge",
      "nodejs_heap_size_used_bytes gauge",
      "nodejs_gc_duration_seconds histogram",
    ]) {
      expect(names).toContain(expected);
    }
    expect(text).toContain('vigil_alerts_received_total{source="alertmanager",outcome="opened"} 1');
    expect([...names].filter((n) => n.startsWith("vigil_process") || n.startsWith("vigil_nodejs"))).toEqual([]);
  });

  it.skipIf(!promtool())("passes promtool check metrics (Prometheus' own linter)", async () => {
    const metrics = new PrometheusMetrics(storeSources(new MemoryStore(), new FakeClock(), () => [{ platform: "slack", connected: true }]));
    metrics.nudgesSent([{ clock: "response", severity: "P1", kind: "breach" }]);
    metrics.tickDuration.observe(0.02);
    const dir = mkdtempSync(path.join(tmpdir(), "vigil-promtool-"));
    const file = path.join(dir, "metrics.txt");
    writeFileSync(file, await metrics.registry.metrics());
    // promtool parses the exposition from stdin (a malformed one fails outright) and lints it.
    // prom-client's three default gauges named *_total are the one known lint, kept because
    // stock Node dashboards query those exact names; nothing of Vigil's may be reported.
    const KNOWN_PROM_CLIENT_LINT = ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"].map(
      (name) => `${name} non-counter metrics should not have "_total" suffix`,
    );
    try {
      const checked = spawnSync("sh", ["-c", `promtool check metrics < "${file}"`], { encoding: "utf8" });
      const problems = `${checked.stdout}${checked.stderr}`.split("\n").filter(Boolean);
      expect(problems.filter((line) => !KNOWN_PROM_CLIENT_LINT.includes(line))).toEqual([]);
      expect([0, 3]).toContain(checked.status);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
