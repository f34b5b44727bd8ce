// Vigil with the real Telegram adapter (node-telegram-bot-api, long polling) against the fake
// Bot API on 127.0.0.1, a recording console platform for the team's side, a fake clock and a
// real SQLite store.
import { readFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import { createTelegramAdapter, type TelegramAdapter } from "../../../adapters/telegram/index.js";
import { parsePolicy } from "../../../src/config/load-policy.js";
import type { Policy } from "../../../src/core/policy.js";
import { FakeTelegram, type FakeTelegramMessage } from "../../fakes/fake-telegram.js";
import type { FakeTelegramLimits } from "../../fakes/fake-telegram-limits.js";
import type { FakeUser } from "../../fakes/fake-telegram-updates.js";
import { RecordingAdapter } from "../../fakes/recording-adapter.js";
import { createHarness, type Harness, type HarnessOptions } from "../../support/harness.js";

export const ERIN: FakeUser = { id: 7003, first_name: "Erin", last_name: "Wu", username: "erinwu" };
export const CAROL: FakeUser = { id: 7001, first_name: "Carol", last_name: "Chen" };
export const DAVE: FakeUser = { id: 7002, first_name: "Dave", last_name: "Park" };
export const STRANGER: FakeUser = { id: 7999, first_name: "Mallory" };
/** The duty lead's Telegram group in the test policy. */
export const DUTY_GROUP = "-1009000";

/**
 * The example policy plus: a Telegram duty-lead group, and ACME on an office calendar with
 * mainland-China holidays (so "next working day" skips weekends and public holidays).
 */
export function telegramPolicy(edit: (file: Record<string, any>) => void = () => {}): Policy {
  const file = parse(readFileSync(new URL("../../../vigil.example.yaml", import.meta.url), "utf8")) as Record<string, any>;
  file.channels.dutyLead.telegram = DUTY_GROUP;
  file.calendars = { ...file.calendars, office: { zone: "Asia/Shanghai", hours: { "mon-fri": ["08:30-12:00", "13:30-18:00"] }, holidays: "cn" } };
  file.organisations.find((o: { id: string }) => o.id === "acme").calendar = "office";
  edit(file);
  const result = parsePolicy(stringify(file));
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.policy;
}

export interface TelegramRig {
  fake: FakeTelegram;
  adapter: TelegramAdapter;
  /** The team's side: console channels (cards, threads, DMs to staff). */
  team: RecordingAdapter;
  h: Harness;
  /** Wait until the core handled an update and its reply was sent. */
  handled(updateId: number): Promise<void>;
  /** Deliver the outbox, moving the fake clock over per-chat pacing, until nothing is due soon. */
  settle(): Promise<void>;
  /** Run the SLA sweeper (which also owns the customer loop's timers), then deliver. */
  tick(): Promise<void>;
  /** The buttons of a message as [label, callback data] pairs. */
  buttons(message: FakeTelegramMessage | undefined): [string, string][];
  close(): Promise<void>;
}

export async function createTelegramRig(
  options: { limits?: FakeTelegramLimits; policy?: Policy; start?: string; harness?: Pick<HarnessOptions, "identity" | "sharedStore">; fake?: FakeTelegram } = {},
): Promise<TelegramRig> {
  // A given fake belongs to another rig (a second process on the same bot), which closes it.
  const fake = options.fake ?? (await new FakeTelegram(options.limits, "123456:TEST").start());
  const team = new RecordingAdapter("console");
  let adapter!: TelegramAdapter;
  const h = await createHarness({
    adapters: ({ store, logger, clock }) => {
      adapter = createTelegramAdapter({ token: "123456:TEST", apiUrl: fake.apiUrl, pollTimeoutSec: 1, memory: store.chatMemory, logger, now: () => clock.now() });
      return [adapter, team];
    },
    policy: options.policy ?? telegramPolicy(),
    ...options.harness,
  });
  if (options.start) h.clock.set(options.start);
  const rig: TelegramRig = {
    fake,
    adapter,
    team,
    h,
    async handled(updateId) {
      const eventId = `telegram:${fake.bot.id}:${updateId}`;
      const deadline = Date.now() + 5000;
      while (!(await h.store.events.find(eventId))) {
        if (Date.now() > deadline) throw new Error(`update ${updateId} was not handled`);
        await new Promise((r) => setTimeout(r, 5));
      }
      await adapter.repliesSent();
    },
    settle: () => settle(h),
    async tick() {
      await h.vigil.sweeper.tick();
      await settle(h);
    },
    buttons: (message) => (message?.replyMarkup?.inline_keyboard ?? []).flat().map((b) => [b.text, b.callback_data]),
    async close() {
      await h.close();
      if (!options.fake) await fake.close();
    },
  };
  return rig;
}

async function settle(h: Harness): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const sent = await h.deliver();
    const { count, nextDueAt } = await h.vigil.dispatcher.pending();
    if (count === 0) return;
    const now = h.clock.now().getTime();
    const due = nextDueAt?.getTime() ?? Infinity;
    // Rows waiting for a long retry (a failure's backoff) are left for the test to move time.
    if (due - now > 5_000) return;
    if (due > now) h.clock.set(new Date(due));
    else if (sent === 0) h.clock.advance(100); // the platform-wide budget is refilling
  }
  throw new Error("outbox did not settle");
}
