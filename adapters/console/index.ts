import { createInterface, type Interface } from "node:readline";
import { copy } from "../../src/core/messages/copy.js";
import type { Address, ChatAdapter, InboundEvent, MessageRef, OutboundMessage, Reply } from "../../src/ports/chat.js";
import { renderMessage, renderReply } from "./render.js";
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
  const cardTitles = new Map<string, string>();
  const print = (text: string): void => void config.output.write(`${text}\n`);
  const known = () => config.people.map((p) => p.id).join(", ");

  async function onLine(line: string, onEvent: (e: InboundEvent) => Promise<Reply>): Promise<void> {
    const text = line.trim();
    if (!text || text.startsWith("#")) return;
    if (!config.interactive) print(`${me ? me.id : ""}> ${text}`);
    const as = /^\/as\s+(\S+)\s*$/.exec(text);
    if (as) {
      const person = config.people.find((p) => p.id === as[1].toLowerCase());
      if (person) me = person;
      print(person ? copy.console.nowActingAs(person.name, person.role as never) : copy.console.unknownPerson(as[1], known()));
      return;
    }
    if (!me) return print(copy.console.chooseFirst);
    const at: Address = { platform: "console", channelId: `dm-${me.id}` };
    const actor = { platform: "console" as const, userId: me.id, displayName: me.name };
    const reply = await onEvent({ kind: "command", eventId: config.newEventId(), actor, at, text });
    print(renderReply(reply));
    await config.afterEvent?.();
  }

  return {
    platform: "console",
    async start(onEvent) {
      print(copy.console.welcome(known()));
      rl = createInterface({ input: config.input, output: config.interactive ? config.output : undefined, terminal: config.interactive });
      const setPrompt = () => rl?.setPrompt(`${me?.id ?? "?"}> `);
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
      return { platform: "console", channelId: to.channelId, messageId };
    },
    async update(ref: MessageRef, message: OutboundMessage): Promise<void> {
      print(`[#${ref.channelId} ✎ card updated] ${renderMessage(message).join("\n")}`);
    },
  };
}
