import { describe, expect, it } from "vitest";
import { createVigil } from "../../src/app/vigil.js";
import { MemoryStore } from "../../src/infra/memory/memory-store.js";
import { PrometheusMetrics } from "../../src/infra/metrics/prometheus-metrics.js";
import { ChatDeliveryError } from "../../src/ports/chat.js";
import { RecordingAdapter } from "../fakes/recording-adapter.js";
import { FakeClock } from "../support/fake-clock.js";
import { examplePolicy, MemoryLogger } from "../support/harness.js";

describe("Prometheus metrics", () => {
  it("count answered events by outcome, deliveries by result, and read pending messages at scrape time", async () => {
    const store = new MemoryStore();
    const chat = new RecordingAdapter();
    const metrics = new PrometheusMetrics(async () => (await store.outbox.pendingSummary()).count, { processMetrics: false });
    const vigil = createVigil({ store, clock: new FakeClock(), ids: { newId: () => "x", newReference: () => "R" }, logger: new MemoryLogger(), policy: examplePolicy(), adapters: [chat], metrics });
    await vigil.start({ background: false });
    const say = (eventId: string, userId: string, text: string) =>
      vigil.handle({ kind: "command", eventId, actor: { platform: "console", userId, displayName: userId }, at: { platform: "console", channelId: "dm" }, text });
    await say("e1", "ana", "/incident open P3 Slow --org acme");
    await say("e2", "ben", "/incident close 1");
    await say("e3", "stranger", "/incident list");
    expect(await metrics.registry.metrics()).toContain("vigil_outbox_pending_messages 2");
    chat.failures.push({ channelId: "acme-incidents", error: new ChatDeliveryError("HTTP 500"), times: 1 });
    await vigil.dispatcher.drain();
    const text = await metrics.registry.metrics();
    expect(text).toContain('vigil_inbound_events_total{platform="console",outcome="ok"} 1');
    expect(text).toContain('vigil_inbound_events_total{platform="console",outcome="refused"} 2');
    expect(text).toContain('vigil_outbox_messages_total{platform="console",result="retry"} 1');
    expect(text).toContain("vigil_outbox_pending_messages 2");
    await vigil.stop();
  });
});
