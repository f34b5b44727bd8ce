import type { OutboundMessage, Reply } from "../../src/ports/chat.js";
import { normaliseInput } from "../../src/core/text/normalise-input.js";

/** `text` without control characters (ESC, BEL, CSI…) or bidi overrides: safe to write to a terminal. */
export function terminalSafe(text: string): string {
  return normaliseInput(text);
}

/** A neutral message as terminal lines: title, fields on one line, text, buttons as [labels]. */
export function renderMessage(message: OutboundMessage): string[] {
  const lines: string[] = [];
  // A card's text is its plain-text fallback: the title and fields already say it.
  const isCard = Boolean(message.title && message.fields);
  if (message.title) lines.push(message.title);
  if (message.fields?.length) lines.push(message.fields.map((f) => `${f.label}: ${f.value}`).join(" | "));
  const pings = (message.mentions ?? []).flatMap((m) => (m.ids.console ? [`@${m.ids.console} `] : [])).join("");
  if (!isCard && message.text) lines.push(...(pings + message.text).split("\n"));
  if (message.actions?.length) lines.push(message.actions.map((a) => `[${a.label}]`).join(" "));
  return lines.map((line, i) => (i === 0 ? line : `  ${line}`));
}

/** A reply to the person typing: ✔ done, ✖ refused, ⚠ error; then title, fields and text. */
export function renderReply(reply: Reply): string {
  const mark = reply.outcome === "ok" ? "✔" : reply.outcome === "refused" ? "✖" : "⚠";
  const { text, title, fields, actions } = reply.message;
  const lines = [
    ...(title ? [title] : []),
    ...(fields?.length ? [fields.map((f) => `${f.label}: ${f.value}`).join(" | ")] : []),
    ...(text !== title ? text.split("\n") : []),
    ...(actions?.length ? [actions.map((a) => `[${a.label}]`).join(" ")] : []),
  ];
  return lines
    .filter((line) => line.trim() !== "")
    .map((line, i) => (i === 0 ? `${mark} ${line}` : `  ${line}`))
    .join("\n");
}
