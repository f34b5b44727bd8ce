// What the real Bot API refuses, with the descriptions it answers (ok:false, error_code).
// https://core.telegram.org/bots/api#sendmessage and #formatting-options: text is 1–4096
// characters after entity parsing; HTML accepts only its tags, every other `<` is a parse
// error; callback data is 1–64 bytes; a wrong token is 401 Unauthorized.

/** A Bot API `ok:false` answer. */
export interface TelegramRejection {
  ok: false;
  error_code: number;
  description: string;
}

const TEXT_MAX = 4096;
const TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler", "span", "blockquote", "tg-emoji"]);
const TEXT_METHODS = new Set(["sendMessage", "editMessageText"]);
const bad = (description: string): TelegramRejection => ({ ok: false, error_code: 400, description: `Bad Request: ${description}` });

/** Why Telegram would refuse this call, or undefined when it would accept it. */
export function telegramRejection(method: string, params: Record<string, any>, token: string, expectedToken?: string): TelegramRejection | undefined {
  if (expectedToken !== undefined && token !== expectedToken) return { ok: false, error_code: 401, description: "Unauthorized" };
  if (!TEXT_METHODS.has(method)) return undefined;
  return textRejection(params);
}

/** Why Telegram would refuse this message (text, parse mode, inline keyboard), or undefined. */
export function textRejection(params: { text?: unknown; parse_mode?: string; reply_markup?: any }): TelegramRejection | undefined {
  const raw = String(params.text ?? "");
  if (!(raw as string & { isWellFormed(): boolean }).isWellFormed()) return bad("strings must be encoded in UTF-8");
  let text = raw;
  if (params.parse_mode === "HTML") {
    const parsed = parseHtml(raw);
    if (typeof parsed !== "string") return bad(`can't parse entities: ${parsed.error}`);
    text = parsed;
  }
  if (text.trim() === "") return bad("message text is empty");
  if (text.length > TEXT_MAX) return bad("message is too long");
  return keyboardRejection(params.reply_markup);
}

function keyboardRejection(markup: any): TelegramRejection | undefined {
  for (const row of markup?.inline_keyboard ?? []) {
    for (const button of row) {
      if (!String(button.text ?? "").trim()) return bad("BUTTON_TEXT_EMPTY");
      const size = new TextEncoder().encode(String(button.callback_data ?? "")).length;
      if (button.callback_data !== undefined && (size < 1 || size > 64)) return bad("BUTTON_DATA_INVALID");
    }
  }
  return undefined;
}

/** The text Telegram would show for this HTML, or the parse error it would answer. */
export function parseHtml(html: string): string | { error: string } {
  const open: string[] = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    const c = html[i];
    if (c === "<") {
      const end = html.indexOf(">", i);
      const tag = end < 0 ? undefined : /^<(\/?)([a-z-]+)(\s[^>]*)?>$/.exec(html.slice(i, end + 1));
      const offset = Buffer.byteLength(html.slice(0, i));
      if (!tag || !TAGS.has(tag[2])) return { error: `Unsupported start tag "${tag?.[2] ?? ""}" at byte offset ${offset}` };
      if (tag[1]) {
        if (open.pop() !== tag[2]) return { error: `Unexpected end tag at byte offset ${offset}` };
      } else open.push(tag[2]);
      i = end + 1;
    } else if (c === "&") {
      const entity = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/.exec(html.slice(i, i + 12));
      text += entity ? decode(entity[1]) : "&";
      i += entity ? entity[0].length : 1;
    } else {
      text += c;
      i++;
    }
  }
  return open.length ? { error: `Can't find end tag corresponding to start tag "${open.at(-1)}"` } : text;
}

function decode(name: string): string {
  const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
  if (named[name]) return named[name];
  return String.fromCodePoint(name.startsWith("#x") ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
}
