import { ChatDeliveryError, type Address, type ChatAdapter, type InboundEvent, type MessageRef, type OutboundMessage, type Platform, type PostDelivery, type RateLimit, type Reply } from "../../src/ports/chat.js";

/** One call the adapter received. */
export type AdapterCall =
  | { op: "post"; to: Address; message: OutboundMessage; ref: MessageRef; delivery?: PostDelivery }
  | { op: "update"; ref: MessageRef; message: OutboundMessage };

/** A failure to inject into the next matching call. */
export interface InjectedFailure {
  channelId?: string;
  /** Only this kind of call fails (default: posts and edits alike). */
  op?: "post" | "update";
  error: ChatDeliveryError | Error;
  times: number;
}

/**
 * A working in-process chat platform for app tests: keeps every post and edit, hands out
 * message ids, and can fail on demand (429s, outages). Inbound events go through `send`.
 */
export class RecordingAdapter implements ChatAdapter {
  readonly calls: AdapterCall[] = [];
  readonly failures: InjectedFailure[] = [];
  private handler?: (e: InboundEvent) => Promise<Reply>;
  private next = 1;

  constructor(
    readonly platform: Platform = "console",
    readonly rateLimit?: RateLimit,
  ) {}

  async start(onEvent: (e: InboundEvent) => Promise<Reply>): Promise<void> {
    this.handler = onEvent;
  }
  async stop(): Promise<void> {
    this.handler = undefined;
  }
  async post(to: Address, message: OutboundMessage, delivery?: PostDelivery): Promise<MessageRef> {
    this.maybeFail(to.channelId, "post");
    const ref = { platform: this.platform, channelId: to.channelId, messageId: `m${this.next++}` };
    this.calls.push({ op: "post", to, message, ref, ...(delivery ? { delivery } : {}) });
    return ref;
  }
  async update(ref: MessageRef, message: OutboundMessage): Promise<void> {
    this.maybeFail(ref.channelId, "update");
    this.calls.push({ op: "update", ref, message });
  }

  /** Deliver an inbound event as the platform would. */
  send(event: InboundEvent): Promise<Reply> {
    if (!this.handler) throw new Error("adapter not started");
    return this.handler(event);
  }

  /** Calls in one channel. */
  inChannel(channelId: string): AdapterCall[] {
    return this.calls.filter((c) => (c.op === "post" ? c.to.channelId : c.ref.channelId) === channelId);
  }

  private maybeFail(channelId: string, op: "post" | "update"): void {
    const failure = this.failures.find((f) => f.times > 0 && (!f.channelId || f.channelId === channelId) && (!f.op || f.op === op));
    if (!failure) return;
    failure.times--;
    throw failure.error;
  }
}
