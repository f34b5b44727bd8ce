import type { MessageAction, MessageRef, OutboundMessage } from "../../src/ports/chat.js";

const REMEMBERED = 200;

/**
 * The buttons the console has shown, newest last, so `/press <label>` can press one the way
 * a click would on a real platform. Edits replace a message's buttons (or remove them).
 */
export class ButtonBoard {
  private readonly shown: { ref: MessageRef; actions: MessageAction[] }[] = [];

  /** Remember (or forget, when it has none) the buttons of a posted or edited message. */
  remember(ref: MessageRef, message: OutboundMessage): void {
    const index = this.shown.findIndex((s) => s.ref.channelId === ref.channelId && s.ref.messageId === ref.messageId);
    if (index >= 0) this.shown.splice(index, 1);
    if (message.actions?.length) this.shown.push({ ref, actions: message.actions });
    if (this.shown.length > REMEMBERED) this.shown.shift();
  }

  /**
   * The newest button whose label starts with `label` (case-insensitive); with `near` (e.g.
   * "INC-4"), only on messages whose buttons act on that incident.
   */
  find(label: string, near?: string): { ref: MessageRef; action: MessageAction } | undefined {
    const wanted = label.trim().toLowerCase();
    const number = near ? /(\d+)$/.exec(near)?.[1] : undefined;
    for (let i = this.shown.length - 1; i >= 0; i--) {
      const { ref, actions } = this.shown[i];
      if (number && !actions.some((a) => a.id.endsWith(`:${number}`))) continue;
      const action = actions.find((a) => a.label.toLowerCase().startsWith(wanted));
      if (action) return { ref, action };
    }
    return undefined;
  }
}
