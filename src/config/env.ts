import { existsSync } from "node:fs";
import { z } from "zod";

const optional = z.string().trim().min(1).optional().catch(undefined);

const envSchema = z.object({
  DATABASE_URL: z.string().default("file:./data/vigil.db"),
  VIGIL_CONFIG: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  TZ: z.string().optional(),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).optional(),
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
  VIGIL_OUTBOX_GIVE_UP_HOURS: z.coerce.number().positive().default(24),
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
