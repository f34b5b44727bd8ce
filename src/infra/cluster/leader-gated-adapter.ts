import type { Address, ChatAdapter, InboundEvent, MessageRef, OutboundMessage, Reply } from "../../ports/chat.js";

/**
 * A chat adapter whose connection must exist once in the fleet (Telegram long polling: a
 * second poller gets 409; the Discord gateway session and its command registration). `start`
 * only remembers the handler; the inner adapter really starts when this replica is elected
 * leader and stops when it is demoted. Sending goes straight through: only the leader sends.
 */
export class LeaderGatedAdapter implements ChatAdapter {
  private handler?: (event: InboundEvent) => Promise<Reply>;
  private active = false;

  constructor(private readonly inner: ChatAdapter) {}

  get platform() {
    return this.inner.platform;
  }
  get rateLimit() {
    return this.inner.rateLimit;
  }

  async start(onEvent: (event: InboundEvent) => Promise<Reply>): Promise<void> {
    this.handler = onEvent;
  }

  async stop(): Promise<void> {
    await this.deactivate();
    this.handler = undefined;
  }

  /** Connect for real (this replica became the leader). */
  async activate(): Promise<void> {
    if (this.active || !this.handler) return;
    await this.inner.start(this.handler);
    this.active = true;
  }

  /** Disconnect (leadership lost, or shutting down). */
  async deactivate(): Promise<void> {
    if (!this.active) return;
    this.active = false;
    await this.inner.stop();
  }

  post(to: Address, message: OutboundMessage): Promise<MessageRef> {
    return this.inner.post(to, message);
  }

  update(ref: MessageRef, message: OutboundMessage): Promise<void> {
    return this.inner.update(ref, message);
  }

  inviteLink(code: string): string | undefined {
    return this.inner.inviteLink?.(code);
  }
}
