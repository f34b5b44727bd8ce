import type { Platform } from "../../core/chat-types.js";
import type { ChatMemory } from "../../ports/chat-memory.js";

/** ChatMemory in a process's memory: for tests and the console, where nothing restarts. */
export class MemoryChatMemory implements ChatMemory {
  private readonly seen = new Map<string, Date>();
  private readonly moves = new Map<string, string>();

  async firstSeen(key: string, at: Date): Promise<boolean> {
    if (this.seen.has(key)) return false;
    this.seen.set(key, at);
    return true;
  }

  async forgetSeenBefore(before: Date): Promise<number> {
    let forgotten = 0;
    for (const [key, at] of this.seen) if (at < before && this.seen.delete(key)) forgotten++;
    return forgotten;
  }

  async recordMove(platform: Platform, fromId: string, toId: string): Promise<void> {
    this.moves.set(`${platform}:${fromId}`, toId);
  }

  async movedTo(platform: Platform, fromId: string): Promise<string | undefined> {
    return this.moves.get(`${platform}:${fromId}`);
  }
}
