import type { App, BlockAction, RespondFn, ViewSubmitAction, webApi } from "@slack/bolt";
import { answerThroughIntake, type InboundEvent, type Intake, type Reply, type ReplyRoute } from "../../src/ports/chat.js";
import type { Logger } from "../../src/ports/logger.js";
import { actionEvent, commandEvent, isBareOpen, viewSubmissionEvent } from "./inbound.js";
import { renderMessage, renderOpenModal, type SlackMessage } from "./render.js";
import { OPEN_MODAL_CALLBACK_ID, SLACK_COPY } from "./types.js";
import type { WorkQueue } from "./work-queue.js";

/** The core's entry point, as ChatAdapter.start() receives it. */
export type EventHandler = (event: InboundEvent) => Promise<Reply>;

/** What the Bolt listeners need from the adapter. */
export interface ListenerDeps {
  /** The current handler; undefined once the adapter is stopped. */
  handler: () => EventHandler | undefined;
  organisations: { id: string; name: string }[];
  organisationFor?: (channelId: string) => string | undefined;
  log: Logger;
  /** Where acknowledged requests wait for the core, so acks never queue behind its work. */
  queue: WorkQueue;
  /** The inbox, where a request is stored before it is acked; undefined without one. */
  intake: () => Intake | undefined;
}

/**
 * Registers one listener per Slack request kind. Each stores the request in the inbox, then
 * acks — Slack's 3-second window must not wait for the core, and Slack never retries a slash
 * command, so what is acked must survive a crash — and only then asks the core, showing the
 * reply privately to the person who asked (refusals never reach the channel).
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  app.command(/^\//, async ({ command, ack, respond, client }) => {
    if (isBareOpen(command)) {
      await ack();
      // trigger_id expires ~3 s after the request: open the modal before anything slow. Nothing changes until it is submitted.
      await guard(deps, "command", async () => {
        const initial = deps.organisationFor?.(command.channel_id);
        const view = renderOpenModal(deps.organisations, { channelId: command.channel_id, command: command.command }, initial);
        await client.views.open({ trigger_id: command.trigger_id, view });
      });
      return;
    }
    const event = commandEvent(command);
    await accept(deps, event, { responseUrl: command.response_url, channelId: command.channel_id, userId: command.user_id });
    await ack();
    await guard(deps, "command", () => answer(deps, event, (reply) => respondPrivately(respond, reply)));
  });

  app.action<BlockAction>({ type: "block_actions" }, async ({ ack, body, respond }) => {
    const event = actionEvent(body);
    if (event) await accept(deps, event, { responseUrl: body.response_url, channelId: event.at.channelId, userId: body.user.id });
    await ack();
    if (event) await guard(deps, "action", () => answer(deps, event, (reply) => respondPrivately(respond, reply)));
  });

  app.view<ViewSubmitAction>(OPEN_MODAL_CALLBACK_ID, async ({ ack, body, view, client }) => {
    const event = viewSubmissionEvent(view, body.user);
    await accept(deps, event, { channelId: event.at.channelId, userId: body.user.id });
    await ack();
    const send = (reply: Reply) => postPrivately(deps, client, event.at.channelId, body.user.id, renderMessage(reply.message));
    await guard(deps, "view", () => answer(deps, event, send));
  });
}

/**
 * Stores the request before it is acked. Throws when it cannot be stored: the request is then
 * not acked, and Slack tells the person it failed instead of Vigil losing what it answered.
 * A duplicate delivery (a Slack retry) is answered too: the core applies an event id once
 * and gives every delivery the same reply.
 */
async function accept(deps: ListenerDeps, event: InboundEvent, route: Record<string, string | undefined>): Promise<void> {
  const replyTo: ReplyRoute = Object.fromEntries(Object.entries(route).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  await deps.intake()?.accept(event, replyTo);
}

/** Applies the event and sends its reply through the inbox (see answerThroughIntake). */
function answer(deps: ListenerDeps, event: InboundEvent, send: (reply: Reply) => Promise<unknown>): Promise<void> {
  return answerThroughIntake(deps.intake(), event, deps.handler() && (() => handle(deps, event)), send);
}

async function handle(deps: ListenerDeps, event: InboundEvent): Promise<Reply> {
  const onEvent = deps.handler();
  if (!onEvent) return { outcome: "error", message: { text: SLACK_COPY.failed } };
  try {
    // Already acked: the core's work waits its turn here (stop() lets the queue finish).
    return await deps.queue.run(() => onEvent(event));
  } catch (error) {
    // The core is the error boundary; reaching here is a bug, but the person still gets an answer.
    deps.log.error({ err: String(error), eventId: event.eventId }, "slack: event handler threw");
    return { outcome: "error", message: { text: SLACK_COPY.failed } };
  }
}

function respondPrivately(respond: RespondFn, reply: Reply): Promise<unknown> {
  return respond(privateResponse(reply));
}

/** A reply as a response_url body: replace_original:false keeps a button's card intact (the core edits it via the outbox). */
export function privateResponse(reply: Reply) {
  const { text, blocks } = renderMessage(reply.message);
  return { response_type: "ephemeral" as const, replace_original: false, text, blocks };
}

/**
 * A modal's result, whispered in the channel it was opened from; when that fails (a DM, a
 * channel without the bot, metadata lost) it goes as a DM instead: the incident exists, and
 * a submitter told nothing submits again and makes a duplicate.
 */
export async function postPrivately(deps: Pick<ListenerDeps, "log">, client: webApi.WebClient, channelId: string, userId: string, message: SlackMessage): Promise<void> {
  if (channelId) {
    try {
      await client.chat.postEphemeral({ channel: channelId, user: userId, text: message.text, blocks: message.blocks });
      return;
    } catch (error) {
      deps.log.warn({ err: String(error), channelId }, "slack: ephemeral reply failed; sending it as a DM");
    }
  }
  await client.chat.postMessage({ channel: userId, text: message.text, blocks: message.blocks });
}

async function guard(deps: ListenerDeps, kind: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    // Already acked: a failure here cannot change the HTTP answer, only be logged.
    deps.log.warn({ err: String(error), kind }, "slack: could not complete request");
  }
}
