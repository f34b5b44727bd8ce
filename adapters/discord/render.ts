import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
} from "discord.js";
import type { MessageAction, OutboundMessage } from "../../src/ports/chat.js";

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
export function renderMessage(message: OutboundMessage): DiscordMessageBody {
  const users = (message.mentions ?? []).flatMap((m) => (m.ids.discord ? [m.ids.discord] : []));
  // Pings live in content: mentions inside embeds never notify anyone.
  const pings = users.map((id) => `<@${id}> `).join("");
  const plain = !message.title && !message.fields?.length && pings.length + message.text.length <= CONTENT_MAX;
  return {
    content: plain ? pings + message.text : pings.trim(),
    embeds: embedsOf(message),
    components: componentsOf(message.actions ?? []),
    allowed_mentions: { parse: [], users },
  };
}

function embedsOf(message: OutboundMessage): APIEmbed[] {
  const fields = (message.fields ?? []).slice(0, FIELDS_MAX);
  if (fields.length > 0) {
    // A text that only repeats the title (e.g. "Opened INC-4 …") would show twice.
    const text = message.text === message.title ? "" : message.text;
    return [
      {
        ...(message.title ? { title: clip(message.title, TITLE_MAX) } : {}),
        ...(text && !isCaption(text) ? { description: clip(text, DESCRIPTION_MAX) } : {}),
        fields: fields.map((f) => ({ name: clip(f.label, FIELD_NAME_MAX), value: clip(f.value || "—", FIELD_VALUE_MAX), inline: true })),
        ...(isCaption(text) ? { footer: { text } } : {}),
      },
    ];
  }
  // Titled messages, and plain text too long for content, go in an embed's larger description.
  if (message.title || message.text.length > CONTENT_MAX) {
    return [
      {
        ...(message.title ? { title: clip(message.title, TITLE_MAX) } : {}),
        ...(message.text ? { description: clip(message.text, DESCRIPTION_MAX) } : {}),
      },
    ];
  }
  return [];
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

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
