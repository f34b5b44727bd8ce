// `npm run report -- --month 2026-11 [--org acme] [--csv file] [--at <ISO instant>]`: the
// monthly SLA report from the terminal, computed by the same app function as /incident report.
// `--at` judges still-running clocks as of another instant (reproducible reports).
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { csatCsvRows, csatReport } from "./app/reports/csat-report.js";
import { buildMonthlyReport } from "./app/reports/monthly-report.js";
import { loadEnv } from "./config/env.js";
import { loadPolicyFile } from "./config/load-policy.js";
import { DomainError } from "./core/errors.js";
import { slaCopy } from "./core/messages/copy-sla.js";
import { reportCsv, reportLines, reportMessage } from "./core/messages/sla-report-message.js";
import { openStore } from "./infra/open-store.js";
import { systemClock } from "./infra/system/system-clock.js";

const USAGE = "Usage: npm run report -- [--month YYYY-MM] [--org <org>] [--csv <file>] [--at <ISO instant>]";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { month: { type: "string" }, org: { type: "string" }, csv: { type: "string" }, at: { type: "string" } } });
  if (values.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month)) {
    process.stderr.write(`${slaCopy.badMonth(values.month)}\n${USAGE}\n`);
    return 64;
  }
  const at = values.at ? new Date(values.at) : systemClock.now();
  if (Number.isNaN(at.getTime())) {
    process.stderr.write(`--at: “${values.at}” is not an instant (e.g. 2026-12-01T00:00:00Z).\n${USAGE}\n`);
    return 64;
  }
  const env = loadEnv();
  const policy = loadPolicyFile(env.policyPath);
  if (!policy.ok) {
    process.stderr.write(`${env.policyPath} has ${policy.errors.length} problem(s):\n${policy.errors.map((e) => `  ${e}\n`).join("")}`);
    return 2;
  }
  const store = await openStore(env.DATABASE_URL);
  try {
    const monthly = await buildMonthlyReport(policy.policy, store, { month: values.month, organisationId: values.org }, at);
    const view = { month: monthly.month, organisation: monthly.organisation?.name, figures: monthly.figures };
    const csat = await csatReport(store, policy.policy, monthly.month, monthly.organisation?.id);
    process.stdout.write(`${reportMessage(view).title}\n${reportLines(view).join("\n")}\n\n${csat.lines.join("\n")}\n`);
    if (values.csv) {
      writeFileSync(values.csv, reportCsv(view) + csatCsvRows(csat, view.organisation ?? ""));
      process.stdout.write(`${slaCopy.reportCsvWritten(values.csv)}\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const text = error instanceof DomainError ? error.userMessage : error instanceof Error ? error.message : String(error);
    process.stderr.write(`${text}\n`);
    process.exit(1);
  },
);
