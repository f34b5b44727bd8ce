/** Limits the fake enforces like Telegram does (429 with retry_after when exceeded). */
export interface FakeTelegramLimits {
  /** Messages per second over all chats (Telegram: ~30). */
  globalPerSecond?: number;
  /** Messages per second per chat (Telegram: ~1). */
  perChatPerSecond?: number;
}

const SENDING = new Set(["sendMessage", "editMessageText"]);

/**
 * Token buckets on real time, one second of burst each: a client pacing itself at or under
 * the rate never sees a 429, one that sends faster does. Counts the 429s it provoked.
 */
export class RateBuckets {
  rejected = 0;
  private global?: { tokens: number; at: number };
  private readonly chats = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly limits: FakeTelegramLimits) {}

  /** A 429 answer if this call is over a limit, else undefined (and the call counts). */
  check(method: string, chatId: unknown): Record<string, unknown> | undefined {
    if (!SENDING.has(method)) return undefined;
    const now = performance.now();
    const { globalPerSecond, perChatPerSecond } = this.limits;
    const globalOk = !globalPerSecond || this.peek((this.global ??= { tokens: globalPerSecond, at: now }), globalPerSecond, now);
    const chat = perChatPerSecond ? this.chatBucket(String(chatId), perChatPerSecond, now) : undefined;
    const chatOk = !chat || this.peek(chat, perChatPerSecond!, now);
    if (!globalOk || !chatOk) {
      this.rejected++;
      return { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } };
    }
    if (this.global) this.global.tokens -= 1;
    if (chat) chat.tokens -= 1;
    return undefined;
  }

  private chatBucket(chatId: string, rate: number, now: number): { tokens: number; at: number } {
    let bucket = this.chats.get(chatId);
    if (!bucket) this.chats.set(chatId, (bucket = { tokens: rate, at: now }));
    return bucket;
  }

  private peek(bucket: { tokens: number; at: number }, rate: number, now: number): boolean {
    bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    return bucket.tokens >= 1;
  }
}
