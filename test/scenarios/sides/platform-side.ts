import type { ChatAdapter, Platform } from "../../../src/ports/chat.js";
import type { NeutralCard, ScenarioStep } from "../shared-scenario.js";

/**
 * One chat platform as the scenario drives it: the real adapter Vigil runs with, a way to
 * act as a person on that platform, and a way to read the organisation's card back from
 * what the platform (or its fake) now shows.
 */
export interface PlatformSide {
  readonly platform: Platform;
  /** The adapter to hand to createHarness (started by it). */
  readonly adapter: ChatAdapter;
  /** Do the step as its person would here; resolves with the headline of what they were shown. */
  perform(step: ScenarioStep): Promise<string>;
  /** INC-<number>'s card in ACME's channel, read back into neutral form. */
  card(number: number): NeutralCard;
  /** How many times INC-<number>'s card was posted (not edited) in ACME's channel. */
  cardPosts(number: number): number;
  close(): Promise<void>;
}
