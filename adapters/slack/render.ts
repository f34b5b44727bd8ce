import type { types } from "@slack/bolt";
import type { OutboundMessage } from "../../src/ports/chat.js";
import { SEVERITIES } from "../../src/core/incident/types.js";
import { cutText } from "../../src/core/text/cut-text.js";
import { escapeSlack, slackPings } from "./sanitise.js";
import { OPEN_MODAL_CALLBACK_ID, OPEN_MODAL_INPUTS, SLACK_COPY, type OpenModalMetadata } from "./types.js";

/** A message as chat.postMessage / chat.update / respond() take it. */
export interface SlackMessage {
  /** Plain fallback: notifications, screen readers and clients without Block Kit show it. */
  text: string;
  blocks: types.KnownBlock[];
}

// Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks): exceeding any of
// them makes Slack reject the whole message with invalid_blocks.
const HEADER_MAX = 150;
const SECTION_TEXT_MAX = 3000;
const FIELD_MAX = 2000;
const FIELDS_PER_SECTION = 10;
const BUTTON_LABEL_MAX = 75;
const BUTTONS_PER_ACTIONS_BLOCK = 25;
const FALLBACK_MAX = 4000;

/** Renders a neutral message as Block Kit: header, text section, field sections, buttons. */
export function renderMessage(message: OutboundMessage): SlackMessage {
  const blocks: types.KnownBlock[] = [];
  if (message.title) {
    blocks.push({ type: "header", text: { type: "plain_text", text: clip(message.title, HEADER_MAX), emoji: true } });
  }
  if (message.text) {
    // Mentions go in unescaped: `<@U…>` is what makes Slack notify the person.
    blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(slackPings(message) + escapeSlack(message.text), SECTION_TEXT_MAX) } });
  }
  const fields = message.fields ?? [];
  for (let i = 0; i < fields.length; i += FIELDS_PER_SECTION) {
    blocks.push({
      type: "section",
      fields: fields.slice(i, i + FIELDS_PER_SECTION).map((f) => ({
        type: "mrkdwn" as const,
        text: clip(`*${escapeSlack(f.label)}*\n${escapeSlack(f.value)}`, FIELD_MAX),
      })),
    });
  }
  const actions = (message.actions ?? []).slice(0, BUTTONS_PER_ACTIONS_BLOCK);
  if (actions.length > 0) {
    blocks.push({
      type: "actions",
      block_id: "vigil_actions",
      elements: actions.map((a) => ({
        type: "button" as const,
        action_id: a.id,
        value: a.id,
        text: { type: "plain_text" as const, text: clip(a.label, BUTTON_LABEL_MAX), emoji: true },
        ...(a.style ? { style: a.style } : {}),
      })),
    });
  }
  return { text: fallbackText(message), blocks };
}

/**
 * The plain-text version of a message: title, text, then one "label: value" line per field.
 * Slack notifies from this field, so it is escaped like the blocks: only Vigil's own
 * mentions are real.
 */
export function fallbackText(message: OutboundMessage): string {
  const lines = [message.title, message.text, ...(message.fields ?? []).map((f) => `${f.label}: ${f.value}`)];
  const text = lines.filter((l): l is string => !!l).join("\n");
  const pings = slackPings(message);
  return clip(pings + escapeSlack(text), FALLBACK_MAX);
}

/**
 * The "open incident" modal: title, severity P1–P4, organisation (starting on `initialOrg`,
 * the channel's, when there is one), optional description.
 */
export function renderOpenModal(organisations: { id: string; name: string }[], meta: OpenModalMetadata, initialOrg?: string): types.ModalView {
  const org = organisationInput(organisations, initialOrg);
  return {
    type: "modal",
    callback_id: OPEN_MODAL_CALLBACK_ID,
    private_metadata: JSON.stringify(meta),
    title: plain(SLACK_COPY.modalTitle),
    submit: plain(SLACK_COPY.modalSubmit),
    close: plain(SLACK_COPY.modalClose),
    blocks: [...titleAndSeverityInputs(), ...(org ? [org] : []), descriptionInput()],
  };
}

function titleAndSeverityInputs(): types.KnownBlock[] {
  return [
    {
      type: "input",
      block_id: OPEN_MODAL_INPUTS.title.block,
      label: plain(SLACK_COPY.title),
      element: { type: "plain_text_input", action_id: OPEN_MODAL_INPUTS.title.action, max_length: 150 },
    },
    {
      type: "input",
      block_id: OPEN_MODAL_INPUTS.severity.block,
      label: plain(SLACK_COPY.severity),
      element: {
        type: "static_select",
        action_id: OPEN_MODAL_INPUTS.severity.action,
        options: SEVERITIES.map((s) => option(s, s)),
      },
    },
  ];
}

function organisationInput(organisations: { id: string; name: string }[], initialOrg?: string): types.KnownBlock | undefined {
  // Static selects take at most 100 options; more organisations would need an external select.
  const options = organisations.slice(0, 100).map((o) => option(o.name, o.id));
  if (options.length === 0) return undefined;
  const initial = options.length === 1 ? options[0] : options.find((o) => o.value === initialOrg);
  return {
    type: "input",
    block_id: OPEN_MODAL_INPUTS.organisation.block,
    label: plain(SLACK_COPY.organisation),
    element: {
      type: "static_select",
      action_id: OPEN_MODAL_INPUTS.organisation.action,
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

function descriptionInput(): types.KnownBlock {
  return {
    type: "input",
    block_id: OPEN_MODAL_INPUTS.description.block,
    label: plain(SLACK_COPY.description),
    optional: true,
    element: { type: "plain_text_input", action_id: OPEN_MODAL_INPUTS.description.action, multiline: true },
  };
}

// Cutting after escaping could split an entity (`&am…`); cutting whole graphemes of the
// escaped text and then dropping a dangling partial entity keeps both intact.
function clip(text: string, max: number): string {
  const cut = cutText(text, max);
  return cut === text ? text : cut.replace(/&[a-z]{0,3}…$/, "…");
}

function plain(text: string): types.PlainTextElement {
  return { type: "plain_text", text };
}

function option(label: string, value: string): types.PlainTextOption {
  return { text: plain(clip(label, 75)), value };
}
