import { afterAll, describe, expect, it } from "vitest";
import { MemoryChatMemory } from "../../src/infra/memory/memory-chat-memory.js";
import type { ChatMemory } from "../../src/ports/chat-memory.js";
import { openTempStore } from "../support/temp-db.js";

const opened = openTempStore();
afterAll(async () => (await opened).cleanup());

describe.each([
  ["prisma (SQLite file)", async (): Promise<ChatMemory> => (await opened).store.chatMemory],
  ["memory", async (): Promise<ChatMemory> => new MemoryChatMemory()],
])("ChatMemory on %s", (_, make) => {
  it("a key is first seen once; pruning forgets only what is older", async () => {
    const memory = await make();
    const t0 = new Date("2026-12-01T00:00:00Z");
    const t1 = new Date("2026-12-03T00:00:00Z");
    expect(await memory.firstSeen("telegram:1:10", t0)).toBe(true);
    expect(await memory.firstSeen("telegram:1:10", t1)).toBe(false);
    expect(await memory.firstSeen("telegram:1:11", t1)).toBe(true);
    expect(await memory.forgetSeenBefore(new Date("2026-12-02T00:00:00Z"))).toBe(1);
    expect(await memory.firstSeen("telegram:1:10", t1)).toBe(true);
    expect(await memory.firstSeen("telegram:1:11", t1)).toBe(false);
  });

  it("remembers a moved chat, and a second move replaces the first", async () => {
    const memory = await make();
    expect(await memory.movedTo("telegram", "-100")).toBeUndefined();
    await memory.recordMove("telegram", "-100", "-100100", new Date());
    await memory.recordMove("telegram", "-100", "-100200", new Date());
    expect(await memory.movedTo("telegram", "-100")).toBe("-100200");
    expect(await memory.movedTo("slack", "-100")).toBeUndefined();
  });
});
