// `npm run outbox -- list | retry <id>… | retry --all`: see and replay dead-lettered messages
// once the channel or the bot's rights are fixed. A running Vigil picks replayed rows up at its
// next poll (within a second).
import { deadLetterLines, replayDeadLetters } from "./app/outbox-admin.js";
import { loadEnv } from "./config/env.js";
import { outboxCliCopy } from "./core/messages/copy-delivery.js";
import { parseOutboxArgs as parse } from "./outbox-cli-args.js";
import { openSqliteStore } from "./infra/prisma/prisma-store.js";
import { systemClock } from "./infra/system/system-clock.js";

const EX_USAGE = 64;

async function main(): Promise<number> {
  const command = parse(process.argv.slice(2));
  if (command.kind === "bad") {
    process.stderr.write(`${command.message}\n`);
    return EX_USAGE;
  }
  const store = await openSqliteStore(loadEnv().DATABASE_URL);
  try {
    if (command.kind === "list") {
      process.stdout.write(`${(await deadLetterLines(store)).join("\n")}\n`);
      return 0;
    }
    const result = await replayDeadLetters(store, systemClock, command.which);
    if (result.notDead.length) process.stderr.write(`${outboxCliCopy.notDead(result.notDead)}\n`);
    process.stdout.write(`${outboxCliCopy.replayed(result.replayed)}\n`);
    return result.notDead.length ? 1 : 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
