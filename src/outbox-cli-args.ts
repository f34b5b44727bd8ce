import { outboxCliCopy } from "./core/messages/copy-delivery.js";

/** What `npm run outbox` was asked to do, or why the arguments are wrong. */
export type OutboxCommand = { kind: "list" } | { kind: "retry"; which: number[] | "all" } | { kind: "bad"; message: string };

/** Parse the arguments after `npm run outbox --`. */
export function parseOutboxArgs(args: string[]): OutboxCommand {
  const [verb, ...rest] = args;
  if (verb === "list" && rest.length === 0) return { kind: "list" };
  if (verb !== "retry" || rest.length === 0) return { kind: "bad", message: outboxCliCopy.usage };
  if (rest.length === 1 && rest[0] === "--all") return { kind: "retry", which: "all" };
  const bad = rest.find((r) => !/^#?\d+$/.test(r));
  if (bad) return { kind: "bad", message: `${outboxCliCopy.badId(bad)}\n${outboxCliCopy.usage}` };
  return { kind: "retry", which: rest.map((r) => Number(r.replace("#", ""))) };
}
