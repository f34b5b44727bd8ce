import type { Platform } from "../core/chat-types.js";

/**
 * What a chat adapter must remember across restarts (and share between processes): the
 * platform updates it has already taken in, and chats that moved to a new id.
 */
export interface ChatMemory {
  /** Records `key` as seen at `at`; true the first time, false if it was seen before. */
  firstSeen(key: string, at: Date): Promise<boolean>;
  /** Forgets keys seen before `before`; returns how many. */
  forgetSeenBefore(before: Date): Promise<number>;
  /** Remember that chat `fromId` is now `toId` (a Telegram group upgraded to a supergroup). */
  recordMove(platform: Platform, fromId: string, toId: string, at: Date): Promise<void>;
  /** The id chat `fromId` moved to, or undefined if it never moved. */
  movedTo(platform: Platform, fromId: string): Promise<string | undefined>;
}
