import pg from "pg";
import type { Logger } from "../../ports/logger.js";

// One fixed advisory-lock key for "the Vigil leader" of a database.
const LEADER_LOCK_KEY = 0x76_69_67_02;

/** Tuning of the election; the defaults give a takeover within about a second and a half. */
export interface LeaderOptions {
  /** How often a standby asks for the lock. */
  retryMs: number;
  /** How often the leader checks that its session (and so its lock) is still alive. */
  heartbeatMs: number;
  /** PostgreSQL NOTIFY channels the leader listens on (e.g. "vigil_outbox"). */
  channels: string[];
}

/** What the process does when it becomes, or stops being, the leader. */
export interface LeaderRole {
  elected(): Promise<void>;
  demoted(): Promise<void>;
  /** A NOTIFY arrived on one of `channels` while leading. */
  notified?(channel: string): void;
}

const DEFAULTS: LeaderOptions = { retryMs: 500, heartbeatMs: 500, channels: [] };

/**
 * Leader election with `pg_try_advisory_lock` on a dedicated connection (not from a pool):
 * the lock lives exactly as long as that session. When the leader's process dies, PostgreSQL
 * ends the session and frees the lock; a standby's next try wins it. A leader that loses its
 * connection (or whose heartbeat fails) demotes itself at once, then competes again.
 */
export class PostgresLeaderElection {
  private client?: pg.Client;
  private leading = false;
  private running = false;
  private timer?: NodeJS.Timeout;
  private readonly options: LeaderOptions;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly url: string,
    private readonly role: LeaderRole,
    private readonly logger: Logger,
    options: Partial<LeaderOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Whether this process leads now. */
  get isLeader(): boolean {
    return this.leading;
  }

  /** Start competing; resolves at once (leadership comes through `role.elected`). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stop: demote if leading, close the session (which frees the lock for another replica). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (!this.leading) await this.tryToLead();
        else await this.heartbeat();
      } catch (error) {
        await this.lose(error);
      }
      await this.sleep(this.leading ? this.options.heartbeatMs : this.options.retryMs);
    }
    await this.lose(undefined);
  }

  private async tryToLead(): Promise<void> {
    const client = (this.client ??= await this.connect());
    const { rows } = await client.query<{ won: boolean }>("SELECT pg_try_advisory_lock($1) AS won", [LEADER_LOCK_KEY]);
    if (!rows[0]?.won) return;
    for (const channel of this.options.channels) await client.query(`LISTEN "${channel}"`);
    this.leading = true;
    this.logger.info({}, "cluster: this replica is the leader");
    await this.role.elected();
  }

  private async heartbeat(): Promise<void> {
    await this.client!.query("SELECT 1");
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, keepAlive: true, application_name: "vigil-leader", query_timeout: 5000 });
    client.on("error", (error) => void this.lose(error));
    client.on("end", () => void this.lose(new Error("leader connection ended")));
    client.on("notification", (n) => this.leading && this.role.notified?.(n.channel));
    await client.connect();
    return client;
  }

  // Whatever happened, the session is gone or untrusted: stop acting as leader first.
  private async lose(error: unknown): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (this.leading) {
      this.leading = false;
      this.logger.warn({ err: error }, "cluster: leadership lost; standing by");
      await this.role.demoted().catch((e: unknown) => this.logger.error({ err: e }, "cluster: demotion failed"));
    }
    client?.removeAllListeners("end");
    await client?.end().catch(() => undefined);
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      this.timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(this.timer);
        resolve();
      };
    });
  }
}
