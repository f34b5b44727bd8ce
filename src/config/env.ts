import { existsSync } from "node:fs";
import { z } from "zod";

// An empty value (`NAME=` as .env.example leaves it) means "not set", like a missing one.
const optional = z.string().trim().min(1).optional().catch(undefined);
const blankIsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const port = z.coerce.number().int().min(0).max(65535);

/** Every variable Vigil reads; `.env.example` and the README list exactly these (a test checks). */
export const envSchema = z.object({
  DATABASE_URL: z.preprocess(blankIsUnset, z.string().default("file:./data/vigil.db")),
  VIGIL_CONFIG: optional,
  PORT: z.preprocess(blankIsUnset, port.default(3000)),
  TZ: optional,
  LOG_LEVEL: z.preprocess(blankIsUnset, z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).optional()),
  LOG_FORMAT: z.preprocess(blankIsUnset, z.enum(["json", "text"]).optional()),
  METRICS_PORT: z.preprocess(blankIsUnset, port.optional()),
  METRICS_HOST: optional,
  METRICS_TOKEN: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_API_URL: optional,
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional,
  DISCORD_API_URL: optional,
  DISCORD_GUILD_ID: optional,
  TELEGRAM_BOT_TOKEN: optional,
  TELEGRAM_API_URL: optional,
  TELEGRAM_WEBHOOK_SECRET: optional,
  /** Hours a message keeps retrying transient errors (5xx, network) before it is dead-lettered. */
  VIGIL_OUTBOX_GIVE_UP_HOURS: z.preprocess(blankIsUnset, z.coerce.number().positive().default(24)),
});

/** The validated environment. */
export type Env = z.output<typeof envSchema> & { policyPath: string };

/** Validate process.env-like input; throws with every problem listed. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const policyPath = parsed.data.VIGIL_CONFIG ?? (existsSync("vigil.yaml") ? "vigil.yaml" : "vigil.example.yaml");
  return { ...parsed.data, policyPath };
}
