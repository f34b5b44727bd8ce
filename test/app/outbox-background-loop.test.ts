import { afterEach, describe, expect, it } from "vitest";
import { createVigil, type Vigil } from "../../src/app/vigil.js";
import { MemoryStore } from "../../src/infra/memory/memory-store.js";
import type { StoreTx } from "../../src/ports/store.js";
import { RecordingAdapter } from "../fakes/recording-adapter.js";
import { FakeClock } from "../support/fake-clock.js";
import { examplePolicy, MemoryLogger } from "../support/harness.js";

/**
 * The real memory store, with a hook that runs right after a claim found nothing: the
 * narrow moment when a drain has decided it is done but the loop has not gone to sleep yet.
 */
class StoreWithClaimHook extends MemoryStore {
  afterEmptyClaim?: () => Promise<void>;
  override async transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
    const result = await super.transaction(work);
    const hook = this.afterEmptyClaim;
    if (hook && Array.isArray(result) && result.length === 0) {
      this.afterEmptyClaim = undefined;
      await hook();
    }
    return result;
  }
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("the background delivery loop", () => {
  let vigil: Vigil;
  afterEach(async () => vigil.stop());

  it("a commit that lands just as a drain finishes is sent at once, not at the next poll", async () => {
    const chat = new RecordingAdapter();
    const store = new StoreWithClaimHook();
    const policy = { ...examplePolicy(), dutyLeadChannels: {} };
    const ids = { newId: () => "x", newReference: () => "R" };
    // Polling once an hour: only the kick after each commit can explain a prompt delivery.
    vigil = createVigil({ store, clock: new FakeClock(), ids, logger: new MemoryLogger(), policy, adapters: [chat], dispatcher: { pollMs: 3_600_000 } });
    const say = (eventId: string, text: string) =>
      vigil.handle({ kind: "command", eventId, actor: { platform: "console", userId: "ana", displayName: "ana" }, at: { platform: "console", channelId: "dm" }, text });
    store.afterEmptyClaim = async () => void (await say("e2", "/incident open P3 Second --org globex"));
    await vigil.start({ background: true });
    await until(() => chat.inChannel("globex-incidents").length === 2, 5000);
    expect(chat.inChannel("globex-incidents").map((c) => c.message.title ?? c.message.text)).toEqual(["INC-1 · P3 · Second", "Ana Lima opened INC-1."]);
  });
});
