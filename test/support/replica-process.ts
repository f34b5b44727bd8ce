import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Poll `probe` until it returns a value; rejects after `timeoutMs`. */
export async function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve().then(probe).catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One `npm start` replica (src/main.ts) as its own process, with its JSON log lines kept. */
export class Replica {
  readonly logs: Record<string, unknown>[] = [];
  private child?: ChildProcess;
  private killed = false;
  port = 0;
  /** /healthz answered: the replica takes requests and competes for leadership. */
  ready = false;

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
  ) {}

  async start(): Promise<this> {
    this.port = await freePort();
    this.child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/main.ts")], {
      cwd: ROOT,
      env: { ...process.env, VIGIL_CONFIG: path.join(ROOT, "vigil.example.yaml"), LOG_LEVEL: "info", ...this.env, PORT: String(this.port) },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let buffer = "";
    this.child.stderr!.on("data", (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop()!;
      for (const line of lines) {
        try {
          this.logs.push(JSON.parse(line));
        } catch {
          this.logs.push({ msg: line });
        }
      }
    });
    // Starting takes seconds alone, but a minute or more on two cores shared with other suites.
    await until(async () => ((await fetch(`${this.url}/healthz`)).ok ? true : undefined), 150_000, `${this.name} /healthz`);
    this.ready = true;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return this.child !== undefined && !this.killed && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Whether this replica logged that it became the leader (and not that it lost it since). */
  get leads(): boolean {
    const changes = this.logs.filter((l) => l.msg === "cluster: this replica is the leader" || l.msg === "cluster: leadership lost; standing by");
    return this.alive && changes.at(-1)?.msg === "cluster: this replica is the leader";
  }

  /** kill -9: no shutdown code runs, sockets are closed by the kernel. */
  kill(): void {
    // Dead from now on, before Node sees the exit: a killed leader must not count as leading.
    this.killed = true;
    this.child?.kill("SIGKILL");
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise((resolve) => this.child!.once("exit", resolve));
    this.child!.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (this.alive) this.kill();
  }
}
