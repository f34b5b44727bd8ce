import type { OutboundMessage, Reply } from "../../src/ports/chat.js";

/** A neutral message as terminal lines: title, text, fields on one line, buttons as [labels]. */
export function renderMessage(message: OutboundMessage, indent = "  "): string[] {
  const lines: string[] = [];
  if (message.title) lines.push(message.title);
  const text = message.title && message.fields ? undefined : message.text;
  if (text) lines.push(...text.split("\n"));
  if (message.fields?.length) lines.push(message.fields.map((f) => `${f.label}: ${f.value}`).join(" | "));
  if (message.actions?.length) lines.push(message.actions.map((a) => `[${a.label}]`).join(" "));
  return lines.map((line, i) => (i === 0 ? line : indent + line));
}

/** A reply to the person typing: ✔ done, ✖ refused, ⚠ error. */
export function renderReply(reply: Reply): string {
  const mark = reply.outcome === "ok" ? "✔" : reply.outcome === "refused" ? "✖" : "⚠";
  const body = reply.message.fields ? [reply.message.text, ...renderMessage({ ...reply.message, text: "", actions: undefined }).map((l) => `  ${l}`)] : reply.message.text.split("\n");
  return body
    .filter((line) => line.trim() !== "")
    .map((line, i) => (i === 0 ? `${mark} ${line}` : `  ${line}`))
    .join("\n");
}
