import { expect } from "vitest";
import type { Platform } from "../../src/ports/chat.js";
import { createHarness, deliverAll } from "../support/harness.js";
import { expectScenarioOutcome, SCENARIO } from "./shared-scenario.js";
import type { PlatformSide } from "./sides/platform-side.js";

/**
 * Plays SCENARIO on one Vigil (real core, temporary SQLite) running every side's adapter.
 * Step i is performed on `actingSide(i)`; after each step the outbox is delivered and the
 * card must read the same on every side. Ends with the database outcome and one card post
 * per side. Returns the platform each step came from.
 */
export async function playScenario(sides: PlatformSide[], actingSide: (index: number) => PlatformSide = () => sides[0]): Promise<Platform[]> {
  const h = await createHarness({ adapters: sides.map((s) => s.adapter), store: "sqlite" });
  try {
    const platforms: Platform[] = [];
    for (const [i, step] of SCENARIO.entries()) {
      h.clock.set(step.at);
      const side = actingSide(i);
      platforms.push(side.platform);
      const label = `${step.person} ${step.button ? "clicks" : "runs"} ${step.command} on ${side.platform}`;
      expect(await side.perform(step), label).toBe(step.reply);
      await deliverAll(h);
      for (const s of sides) expect(s.card(1), `${s.platform} card after: ${label}`).toEqual(step.card);
    }
    for (const s of sides) expect(s.cardPosts(1), `${s.platform} card posts`).toBe(1);
    await expectScenarioOutcome(h, platforms);
    return platforms;
  } finally {
    await h.close();
    for (const s of sides) await s.close();
  }
}
