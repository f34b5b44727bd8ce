import { readFileSync } from "node:fs";
import type { TickResult } from "../../src/app/deadlines/deadline-sweeper.js";
import type { SupervisorOptions } from "../../src/app/adapter-supervisor.js";
import type { DispatcherOptions } from "../../src/app/outbox-dispatcher.js";
import { createVigil, type Vigil } from "../../src/app/vigil.js";
import { parsePolicy } from "../../src/config/load-policy.js";
import type { Policy } from "../../src/core/policy.js";
import { MemoryStore } from "../../src/infra/memory/memory-store.js";
import type { ChatAdapter, InboundEvent, Platform, Reply } from "../../src/ports/chat.js";
import type { Logger } from "../../src/ports/logger.js";
import type { Metrics } from "../../src/ports/metrics.js";
import type { Store } from "../../src/ports/store.js";
import type { ProcessIdentity } from "../../src/ports/process-identity.js";
import { RecordingAdapter } from "../fakes/recording-adapter.js";
import { FakeClock } from "./fake-clock.js";
import { openTempStore } from "./temp-db.js";

/** The example policy shipped with Vigil (ana lead, ben engineer, root admin, carol@acme, dave@globex). */
export function examplePolicy(): Policy {
  const result = parsePolicy(readFileSync(new URL("../../vigil.example.yaml", import.meta.url), "utf8"));
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.policy;
}

/** A logger that keeps what it was told, for assertions. */
export class MemoryLogger implements Logger {
  readonly lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  info(fields: Record<string, unknown>, message: string) { this.lines.push({ level: "info", fields, message }); }
  warn(fields: Record<string, unknown>, message: string) { this.lines.push({ level: "warn", fields, message }); }
  error(fields: Record<string, unknown>, message: string) { this.lines.push({ level: "error", fields, message }); }
}

export interface Harness {
  vigil: Vigil;
  store: Store;
  clock: FakeClock;
  logger: MemoryLogger;
  chat: RecordingAdapter;
  /** The SQLite file (undefined for the memory store). */
  dbFile?: string;
  adapters: ChatAdapter[];
  /** Run a command line as a person (by policy id) on the console; returns the reply. */
  as(personId: string, text: string, eventId?: string): Promise<Reply>;
  /** Deliver the outbox now. */
  deliver(): Promise<number>;
  /** Run the SLA sweeper once at the fake clock's time. */
  tick(): Promise<TickResult>;
  close(): Promise<void>;
}

/** Adapters built on the harness's store, logger and clock (e.g. Telegram's update ledger in the database). */
export type AdapterFactory = (deps: { store: Store; logger: MemoryLogger; clock: FakeClock }) => ChatAdapter[];

let eventCounter = 0;

/**
 * Vigil on a real store (Prisma + a temporary SQLite file by default) with a fake clock
 * and a recording chat platform. No background loop: tests call deliver().
 */
export async function createHarness(
  options: { store?: "sqlite" | "memory"; adapters?: ChatAdapter[] | AdapterFactory; policy?: Policy; platform?: Platform; metrics?: Metrics; dispatcher?: Partial<DispatcherOptions>; supervisor?: Partial<SupervisorOptions>; identity?: ProcessIdentity; sharedStore?: Store } = {},
): Promise<Harness> {
  // sharedStore: a second "process" on another harness's database (its owner cleans it up).
  const opened = options.sharedStore
    ? { store: options.sharedStore, file: undefined, cleanup: async () => {} }
    : options.store === "memory"
      ? { store: new MemoryStore(), file: undefined, cleanup: async () => {} }
      : await openTempStore();
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const chat = new RecordingAdapter(options.platform ?? "console");
  const adapters = typeof options.adapters === "function" ? options.adapters({ store: opened.store, logger, clock }) : (options.adapters ?? [chat]);
  let refs = 0;
  const ids = { newId: () => `id-${++eventCounter}`, newReference: () => `REF${++refs}` };
  // No jitter unless a test asks for it: retry times are then exact.
  const dispatcher = { random: () => 0, ...options.dispatcher };
  const vigil = createVigil({ store: opened.store, clock, ids, logger, policy: options.policy ?? examplePolicy(), adapters, metrics: options.metrics, dispatcher, supervisor: options.supervisor, identity: options.identity });
  await vigil.start({ background: false });
  const as = (personId: string, text: string, eventId = `evt-${++eventCounter}`): Promise<Reply> => {
    const event: InboundEvent = {
      kind: "command",
      eventId,
      actor: { platform: "console", userId: personId, displayName: personId },
      at: { platform: "console", channelId: `dm-${personId}` },
      text,
    };
    return vigil.handle(event);
  };
  return {
    vigil, store: opened.store, clock, logger, chat, adapters, as, dbFile: opened.file,
    deliver: () => vigil.dispatcher.drain(),
    tick: () => vigil.sweeper.tick(),
    close: async () => {
      await vigil.stop();
      await opened.cleanup();
    },
  };
}

/**
 * Delivers the outbox completely under the fake clock: deliver(), then let one second pass
 * (platforms pace each channel per second), until nothing is pending. Returns rows sent.
 */
export async function deliverAll(h: Harness, maxRounds = 120): Promise<number> {
  let sent = 0;
  for (let round = 0; round < maxRounds; round++) {
    sent += await h.deliver();
    if ((await h.store.outbox.pendingSummary()).count === 0) return sent;
    h.clock.advance(1000);
  }
  throw new Error(`outbox still has pending rows after ${maxRounds} rounds`);
}

/** What createHarness accepts. */
export type HarnessOptions = NonNullable<Parameters<typeof createHarness>[0]>;
