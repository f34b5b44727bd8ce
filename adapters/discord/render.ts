import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
} from "discord.js";
import type { MessageAction, OutboundMessage } from "../../src/ports/chat.js";
import { cutText } from "../../src/core/text/cut-text.js";
import { discordMentionIds, neutraliseDiscord } from "./sanitise.js";

/** A message body as POST/PATCH /channels/{id}/messages take it. */
export interface DiscordMessageBody {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  /**
   * Never parsed from text (a note saying "@everyone" must ping no one); only the people a
   * message names as its mentions (a nudge's assignee or on-call) are notified.
   */
  allowed_mentions: { parse: []; users: string[] };
}

// Discord's message limits (https://discord.com/developers/docs/resources/message): going
// over any of them makes Discord reject the whole message with 50035 Invalid Form Body.
const CONTENT_MAX = 2000;
const TITLE_MAX = 256;
const DESCRIPTION_MAX = 4096;
const FIELDS_MAX = 25;
const FIELD_NAME_MAX = 256;
const FIELD_VALUE_MAX = 1024;
// The sum of every embed text (title, description, field names and values, footer).
const EMBED_TOTAL_MAX = 6000;
// Well under the footer's 2048: longer text is content, not a caption.
const CAPTION_MAX = 256;
const BUTTONS_PER_ROW = 5;
const ROWS_MAX = 5;
const LABEL_MAX = 80;
const CUSTOM_ID_MAX = 100;

const STYLE: Record<NonNullable<MessageAction["style"]> | "none", APIButtonComponentWithCustomId["style"]> = {
  primary: ButtonStyle.Primary,
  danger: ButtonStyle.Danger,
  none: ButtonStyle.Secondary,
};

/**
 * Renders a neutral message. A card (it has fields) becomes an embed: title, inline
 * fields, and its one-line text as the footer (longer text as the description); a titled message becomes an embed with the
 * text as description; anything else is plain content. Buttons carry the neutral action
 * id as custom_id. `embeds` and `components` are always present so an edit also removes
 * what the new version no longer has (e.g. the buttons of a resolved incident).
 */
export function renderMessage(original: OutboundMessage): DiscordMessageBody {
  const message = neutralised(original);
  const users = discordMentionIds(message);
  // Pings live in content: mentions inside embeds never notify anyone.
  const pings = users.map((id) => `<@${id}> `).join("");
  const plain = !message.title && !message.fields?.length && pings.length + message.text.length <= CONTENT_MAX;
  return {
    content: plain ? pings + message.text : pings.trim(),
    embeds: embedsOf(message, pings.length + message.text.length > CONTENT_MAX),
    components: componentsOf(message.actions ?? []),
    allowed_mentions: { parse: [], users },
  };
}

// Every text the message shows, with masked links in it neutralised.
function neutralised(message: OutboundMessage): OutboundMessage {
  return {
    ...message,
    text: neutraliseDiscord(message.text),
    ...(message.title !== undefined ? { title: neutraliseDiscord(message.title) } : {}),
    ...(message.fields ? { fields: message.fields.map((f) => ({ label: neutraliseDiscord(f.label), value: neutraliseDiscord(f.value) })) } : {}),
  };
}

function embedsOf(message: OutboundMessage, tooLongForContent: boolean): APIEmbed[] {
  const fields = (message.fields ?? []).slice(0, FIELDS_MAX);
  const title = message.title ? { title: clip(message.title, TITLE_MAX) } : {};
  if (fields.length > 0) {
    // A text that only repeats the title (e.g. "Opened INC-4 …") would show twice.
    const text = message.text === message.title ? "" : message.text;
    const shown = fitFields(fields, EMBED_TOTAL_MAX - (title.title?.length ?? 0));
    const used = (title.title?.length ?? 0) + shown.reduce((n, f) => n + f.name.length + f.value.length, 0);
    const caption = isCaption(text) ? clip(text, Math.max(0, EMBED_TOTAL_MAX - used)) : "";
    const description = text && !isCaption(text) ? clip(text, Math.min(DESCRIPTION_MAX, EMBED_TOTAL_MAX - used)) : "";
    return [{ ...title, ...(description ? { description } : {}), fields: shown, ...(caption ? { footer: { text: caption } } : {}) }];
  }
  // Titled messages, and plain text too long for content, go in an embed's larger description.
  if (message.title || tooLongForContent) {
    return [{ ...title, ...(message.text ? { description: clip(message.text, DESCRIPTION_MAX) } : {}) }];
  }
  return [];
}

// Fields get an equal share of what the 6000-character embed total leaves after the title.
function fitFields(fields: { label: string; value: string }[], budget: number): { name: string; value: string; inline: boolean }[] {
  const named = fields.map((f) => ({ name: clip(nonBlank(f.label), FIELD_NAME_MAX), value: clip(nonBlank(f.value), FIELD_VALUE_MAX), inline: true }));
  const total = named.reduce((n, f) => n + f.name.length + f.value.length, 0);
  if (total <= budget) return named;
  const names = named.reduce((n, f) => n + f.name.length, 0);
  const share = Math.max(2, Math.floor((budget - names) / named.length));
  return named.map((f) => ({ ...f, value: clip(f.value, share) }));
}

// Discord refuses an embed field whose name or value is empty or only whitespace.
function nonBlank(text: string): string {
  return text.trim() ? text : "—";
}

// A card's one-line summary reads best as the small footer under its fields; longer text
// (e.g. `show`'s timeline) is the message itself and goes in the description above them.
function isCaption(text: string): boolean {
  return text.length > 0 && text.length <= CAPTION_MAX && !text.includes("\n");
}

function componentsOf(actions: readonly MessageAction[]): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  const usable = actions.filter((a) => a.id.length <= CUSTOM_ID_MAX).slice(0, BUTTONS_PER_ROW * ROWS_MAX);
  for (let i = 0; i < usable.length; i += BUTTONS_PER_ROW) {
    rows.push({
      type: ComponentType.ActionRow,
      components: usable.slice(i, i + BUTTONS_PER_ROW).map((a) => ({
        type: ComponentType.Button,
        custom_id: a.id,
        label: clip(a.label, LABEL_MAX),
        style: STYLE[a.style ?? "none"],
      })),
    });
  }
  return rows;
}

// A cut right after an escaping backslash would escape the ellipsis instead; drop it.
function clip(text: string, max: number): string {
  const cut = cutText(text, max);
  return cut === text ? text : cut.replace(/\\…$/, "…");
}
