import { encodeActionId, type ButtonCommand } from "../../../src/core/commands/action-id.js";
import type { MessageRef, OutboundMessage } from "../../../src/ports/chat.js";
import { RecordingAdapter } from "../../fakes/recording-adapter.js";
import { argumentLine, type NeutralCard, type ScenarioStep } from "../shared-scenario.js";
import type { PlatformSide } from "./platform-side.js";

// vigil.example.yaml gives every organisation a console channel `<org>-incidents`.
const ACME = "acme-incidents";
let sequence = 0;

/** The console platform as the harness's RecordingAdapter: messages are kept as the core built them. */
export function consoleSide(): PlatformSide {
  const chat = new RecordingAdapter("console");
  const cardMessages = (number: number) =>
    chat.inChannel(ACME).filter((c) => (c.op === "update" || !c.to.threadId) && (c.message.title ?? "").startsWith(`INC-${number} ·`));
  const cardRef = (number: number): MessageRef => {
    const post = cardMessages(number).find((c) => c.op === "post");
    if (!post || post.op !== "post") throw new Error(`no card of INC-${number} on the console`);
    return post.ref;
  };
  return {
    platform: "console",
    adapter: chat,
    async perform(step: ScenarioStep) {
      const actor = { platform: "console" as const, userId: step.person, displayName: step.person };
      const at = { platform: "console" as const, channelId: step.button ? ACME : `dm-${step.person}` };
      const eventId = `console-scenario-${++sequence}`;
      const reply = step.button
        ? await chat.send({ kind: "action", eventId, actor, at, message: cardRef(1), actionId: encodeActionId(step.command as ButtonCommand, 1) })
        : await chat.send({ kind: "command", eventId, actor, at, text: `/incident ${argumentLine(step)}` });
      return reply.message.text;
    },
    card(number) {
      const last = cardMessages(number).at(-1);
      if (!last) throw new Error(`no card of INC-${number} on the console`);
      return neutral(last.message);
    },
    cardPosts: (number) => cardMessages(number).filter((c) => c.op === "post").length,
    close: async () => undefined,
  };
}

function neutral(message: OutboundMessage): NeutralCard {
  return {
    title: message.title ?? "",
    fields: (message.fields ?? []).map((f) => [f.label, f.value]),
    buttons: (message.actions ?? []).map((a) => a.id),
  };
}
