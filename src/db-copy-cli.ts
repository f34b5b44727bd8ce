// `npm run db:copy -- --from file:./data/vigil.db --to postgres://…`: move a whole store from
// one database to another (SQLite → PostgreSQL when scaling out, or back). The target must be
// new and empty; the copy is one transaction there, so it arrives whole or not at all.
import { parseArgs } from "node:util";
import { operationsCopy } from "./core/messages/copy-operations.js";
import { copyDatabase, openCopyEnd, TargetNotEmptyError } from "./infra/prisma/copy-database.js";
import { isPostgresUrl } from "./infra/prisma/postgres-client.js";

const validUrl = (url: string) => url.startsWith("file:") || isPostgresUrl(url);

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } } });
  if (!values.from || !values.to) {
    process.stderr.write(`${operationsCopy.dbCopyUsage}\n`);
    return 64;
  }
  for (const flag of ["from", "to"] as const) {
    if (!validUrl(values[flag]!)) {
      process.stderr.write(`${operationsCopy.dbCopyBadUrl(flag, values[flag]!)}\n${operationsCopy.dbCopyUsage}\n`);
      return 64;
    }
  }
  if (values.from === values.to) {
    process.stderr.write(`${operationsCopy.dbCopySame}\n`);
    return 64;
  }
  const from = await openCopyEnd(values.from);
  const to = await openCopyEnd(values.to);
  try {
    process.stdout.write(`${operationsCopy.dbCopyDone(await copyDatabase(from, to))}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof TargetNotEmptyError)) throw error;
    process.stderr.write(`${operationsCopy.dbCopyNotEmpty(error.tables)}\n`);
    return 1;
  } finally {
    await Promise.all([from.prisma.$disconnect(), to.prisma.$disconnect()]);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
