import type { ChatMemory } from "../../src/ports/chat-memory.js";

// Telegram keeps an unconfirmed update for at most 24 hours; two days of ids is plenty.
const KEEP_MS = 48 * 60 * 60 * 1000;
// Pruning is a DELETE; once every so many updates keeps it off the hot path.
const PRUNE_EVERY = 500;
// Without a database (tests, the console) the most recent ids stay in memory.
const REMEMBERED = 2_000;

/**
 * Update ids already taken in, so a redelivered update (after a crash or restart, before the
 * offset was confirmed) is dropped before it reaches the core, which would otherwise answer
 * it a second time. Kept in the database when one is given, and pruned there.
 */
export class UpdateLedger {
  private readonly recent = new Set<number>();
  private sincePrune = 0;

  constructor(
    private readonly botKey: () => string,
    private readonly memory?: ChatMemory,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** True the first time an update id is seen (by this process or, with a database, any before it). */
  async firstTime(updateId: number): Promise<boolean> {
    if (this.recent.has(updateId)) return false;
    this.recent.add(updateId);
    if (this.recent.size > REMEMBERED) this.recent.delete(this.recent.values().next().value!);
    if (!this.memory) return true;
    const at = this.now();
    const first = await this.memory.firstSeen(`telegram:${this.botKey()}:${updateId}`, at);
    if (++this.sincePrune >= PRUNE_EVERY) {
      this.sincePrune = 0;
      await this.memory.forgetSeenBefore(new Date(at.getTime() - KEEP_MS));
    }
    return first;
  }
}
