// The real Vigil process (npm start) against the fake Slack Web API, for fault runs.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { sendSlashCommand, slackFixture } from "../test/fakes/fake-slack-requests.js";
import type { FakeSlack } from "../test/fakes/fake-slack.js";

export const SECRET = "faults-signing-secret-0123456789";
const ROOT = path.resolve(import.meta.dirname, "..");

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One Vigil process on a fixed port and database file. */
export class VigilProcess {
  child?: ChildProcess;
  constructor(
    readonly dbFile: string,
    readonly port: number,
    private readonly slack: FakeSlack,
    private readonly extraEnv: Record<string, string> = {},
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Spawn and wait until /healthz answers; resolves with the ms that took. */
  async start(): Promise<number> {
    const started = Date.now();
    this.child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/main.ts")], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: `file:${this.dbFile}`,
        VIGIL_CONFIG: path.join(ROOT, "vigil.example.yaml"),
        PORT: String(this.port),
        LOG_LEVEL: "error",
        SLACK_BOT_TOKEN: "xoxb-faults",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: this.slack.apiUrl,
        ...this.extraEnv,
      },
      stdio: ["ignore", "ignore", "ignore"],
    });
    for (;;) {
      const ok = await fetch(`${this.base}/healthz`).then((r) => r.ok, () => false);
      if (ok) return Date.now() - started;
      if (Date.now() - started > 180_000) throw new Error("Vigil did not start within 180 s");
      await sleep(50);
    }
  }

  /** CPU seconds (user + system) the process has used so far, from /proc. */
  cpuSeconds(): number {
    const stat = readFileSync(`/proc/${this.child!.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  kill9(): Promise<void> {
    return this.signal("SIGKILL");
  }

  stop(): Promise<void> {
    return this.signal("SIGTERM");
  }

  private async signal(sig: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill(sig);
    await exited;
    this.child = undefined;
  }
}

let sequence = 0;

/** A signed `/incident <text>` from Ben in ACME's channel; the HTTP status (0 if the connection failed). */
export async function slashCommand(vigil: VigilProcess, slack: FakeSlack, text: string): Promise<{ status: number; responseUrl: string }> {
  const n = ++sequence;
  const responseUrl = slack.responseUrl(`T0001/${n}/faults`);
  const fields = { ...slackFixture<Record<string, string>>("slash-command"), user_id: "U0BEN", user_name: "ben", channel_id: "C0ACMEINC", command: "/incident", text, trigger_id: `t.${n}`, response_url: responseUrl };
  const res = await sendSlashCommand(`${vigil.base}/slack/events`, SECRET, fields).catch(() => ({ status: 0 }));
  return { status: res.status, responseUrl };
}
