import type { App, BlockAction, RespondFn, ViewSubmitAction, webApi } from "@slack/bolt";
import type { InboundEvent, Reply } from "../../src/ports/chat.js";
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
}

/**
 * Registers one listener per Slack request kind. Each acks first — Slack's 3-second
 * window must not depend on the database — and only then asks the core, showing the
 * reply privately to the person who asked (refusals never reach the channel).
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  app.command(/^\//, async ({ command, ack, respond, client }) => {
    await ack();
    await guard(deps, "command", async () => {
      if (isBareOpen(command)) {
        // trigger_id expires ~3 s after the request: open the modal before anything slow.
        const initial = deps.organisationFor?.(command.channel_id);
        const view = renderOpenModal(deps.organisations, { channelId: command.channel_id, command: command.command }, initial);
        await client.views.open({ trigger_id: command.trigger_id, view });
        return;
      }
      await respondPrivately(respond, await handle(deps, commandEvent(command)));
    });
  });

  app.action<BlockAction>({ type: "block_actions" }, async ({ ack, body, respond }) => {
    await ack();
    await guard(deps, "action", async () => {
      const event = actionEvent(body);
      if (event) await respondPrivately(respond, await handle(deps, event));
    });
  });

  app.view<ViewSubmitAction>(OPEN_MODAL_CALLBACK_ID, async ({ ack, body, view, client }) => {
    await ack();
    await guard(deps, "view", async () => {
      const event = viewSubmissionEvent(view, body.user);
      const reply = renderMessage((await handle(deps, event)).message);
      await postPrivately(deps, client, event.at.channelId, body.user.id, reply);
    });
  });
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
  const { text, blocks } = renderMessage(reply.message);
  // replace_original:false keeps a button's card intact; the core edits it via the outbox.
  return respond({ response_type: "ephemeral", replace_original: false, text, blocks });
}

/**
 * A modal's result, whispered in the channel it was opened from; when that fails (a DM, a
 * channel without the bot, metadata lost) it goes as a DM instead: the incident exists, and
 * a submitter told nothing submits again and makes a duplicate.
 */
async function postPrivately(deps: ListenerDeps, client: webApi.WebClient, channelId: string, userId: string, message: SlackMessage): Promise<void> {
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
