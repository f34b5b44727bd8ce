import { createInterface, type Interface } from "node:readline";
import { copy } from "../../src/core/messages/copy.js";
import type { Address, ChatAdapter, InboundEvent, MessageRef, OutboundMessage, Reply } from "../../src/ports/chat.js";
import { ButtonBoard } from "./buttons.js";
import { renderMessage, renderReply, terminalSafe } from "./render.js";
import type { ConsoleAdapterConfig, ConsolePerson } from "./types.js";

export type { ConsoleAdapterConfig, ConsolePerson } from "./types.js";

/**
 * The embedded chat: type commands as any configured person (`/as ana`); messages the bot
 * posts to channels are printed with where they went. Piped input is read one line at a
 * time, each line fully handled before the next.
 */
export function createConsoleAdapter(config: ConsoleAdapterConfig): ChatAdapter {
  let rl: Interface | undefined;
  let me: ConsolePerson | undefined;
  let nextMessage = 1;
  let nextReply = 1;
  let here: string | undefined;
  const cardTitles = new Map<string, string>();
  const buttons = new ButtonBoard();
  // Everything printed passes here: a title or name carrying ESC sequences must not retitle or clear the terminal.
  const print = (text: string): void => void config.output.write(`${terminalSafe(text)}\n`);
  const known = () => config.people.map((p) => p.id).join(", ");

  async function onLine(line: string, onEvent: (e: InboundEvent) => Promise<Reply>): Promise<void> {
    const text = line.trim();
    if (!text || text.startsWith("#")) return;
    if (!config.interactive) print(`${me ? me.id : ""}${here ? ` #${here}` : ""}> ${text}`);
    const as = /^\/as\s+(\S+)\s*$/.exec(text);
    if (as) {
      const person = config.people.find((p) => p.id === as[1].toLowerCase());
      if (person) me = person;
      print(person ? copy.console.nowActingAs(person.name, person.role as never) : copy.console.unknownPerson(as[1], known()));
      return;
    }
    if (!me) return print(copy.console.chooseFirst);
    const into = /^\/in(?:\s+#?(\S+))?\s*$/.exec(text);
    if (into) {
      here = into[1];
      return print(here ? copy.console.nowIn(here) : copy.console.backToDm);
    }
    const event = toEvent(text, me);
    if (!event) return print(copy.console.noSuchButton(text.replace(/^\/press\s*/i, "")));
    const reply = await onEvent(event);
    print(renderReply(reply));
    // A question with buttons (which organisation?) can be answered with /press like a card.
    buttons.remember({ platform: "console", channelId: event.at.channelId, messageId: `reply-${nextReply++}` }, reply.message);
    await config.afterEvent?.();
  }

  // `/press [INC-n] <label>` clicks a shown button; text without a slash answers Vigil's
  // question (a reason, a survey comment), as a reply in a chat would.
  function toEvent(text: string, person: ConsolePerson): InboundEvent | undefined {
    const eventId = config.newEventId();
    // `/in <channel>` types into a channel (say, an organisation's incident channel), as on a real platform.
    const at: Address = { platform: "console", channelId: here ?? `dm-${person.id}` };
    const actor = { platform: "console" as const, userId: person.id, displayName: person.name };
    const press = /^\/press\s+(?:(inc-?\d+)\s+)?(.+)$/i.exec(text);
    if (press) {
      const found = buttons.find(press[2], press[1]);
      return found && { kind: "action", eventId, actor, at: { platform: "console", channelId: found.ref.channelId }, message: found.ref, actionId: found.action.id };
    }
    if (!text.startsWith("/")) return { kind: "reply", eventId, actor, at, text };
    return { kind: "command", eventId, actor, at, text };
  }

  return {
    platform: "console",
    async start(onEvent) {
      print(copy.console.welcome(known()));
      rl = createInterface({ input: config.input, output: config.interactive ? config.output : undefined, terminal: config.interactive });
      const setPrompt = () => rl?.setPrompt(`${me?.id ?? "?"}${here ? ` #${here}` : ""}> `);
      setPrompt();
      if (config.interactive) rl.prompt();
      void (async () => {
        for await (const line of rl!) {
          await onLine(line, onEvent);
          setPrompt();
          if (config.interactive) rl!.prompt();
        }
        await config.onEnd?.();
      })();
    },
    async stop() {
      rl?.close();
    },
    async post(to: Address, message: OutboundMessage): Promise<MessageRef> {
      const messageId = String(nextMessage++);
      const where = to.threadId ? `#${to.channelId} › ${cardTitles.get(to.threadId) ?? `thread ${to.threadId}`}` : `#${to.channelId}`;
      if (!to.threadId && message.fields) cardTitles.set(messageId, (message.title ?? message.text).split(" · ")[0]);
      print(`[${where}] ${renderMessage(message).join("\n")}`);
      const ref = { platform: "console" as const, channelId: to.channelId, messageId };
      buttons.remember(ref, message);
      return ref;
    },
    async update(ref: MessageRef, message: OutboundMessage): Promise<void> {
      print(`[#${ref.channelId} ✎ updated] ${renderMessage(message).join("\n")}`);
      buttons.remember(ref, message);
    },
  };
}
