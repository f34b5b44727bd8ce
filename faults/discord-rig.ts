// The Discord fault runs' rig: the real Vigil process with Discord configured (ACME's incidents
// followed on Discord only; Slack stays configured) against a fake Discord and a fake Slack,
// and Ben typing `/incident note 1 fault-N` as a slash command over the gateway.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FakeDiscord } from "../test/fakes/fake-discord.js";
import { DISCORD_IDS, DISCORD_TOKEN, newFakeDiscord, slashInteraction } from "../test/fakes/fake-discord-interactions.js";
import { FakeSlack } from "../test/fakes/fake-slack.js";
import { createdMessages, isCardOf, type PushedNote } from "./analyse-discord.js";
import { noteText, pendingRows } from "./analyse.js";
import { freePort, sleep, VigilProcess } from "./vigil-process.js";

/** ACME's Discord channel, where INC-1's card and thread live. */
export const CHANNEL = DISCORD_IDS.acme;

/** One Vigil process on its own database, the fakes it talks to, and the notes pushed so far. */
export interface DiscordRig {
  slack: FakeSlack;
  discord: FakeDiscord;
  vigil: VigilProcess;
  db: string;
  pushed: PushedNote[];
}

/** Polls `done` every 100 ms; false if it did not hold within `timeoutMs`. */
export async function waitFor(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await done()) return true;
    await sleep(100);
  }
  return false;
}

const DELIVERIES = new Set(["POST /channels/:channel/messages", "PATCH /channels/:channel/messages/:message", "PATCH /webhooks/:application/:token/messages/:message"]);

/**
 * Deliveries Discord accepted so far: message creates (a re-send matched by its nonce too),
 * card edits and interaction replies. The backlog "moves" when this grows.
 */
export const accepted = (discord: FakeDiscord) => discord.calls.filter((c) => c.status === 200 && DELIVERIES.has(c.route)).length;

/** Wait until a discord.js newer than the `identified`-th IDENTIFY holds a gateway session. */
export function identifiedAfter(discord: FakeDiscord, identified: number): Promise<boolean> {
  return waitFor(() => discord.gateway.identifies.length > identified && discord.gateway.connected, 60_000);
}

/** Start Vigil and wait until its discord.js has identified on the gateway (commands reach it only then). */
export async function startVigil(rig: Pick<DiscordRig, "discord" | "vigil">): Promise<void> {
  const identified = rig.discord.gateway.identifies.length;
  await rig.vigil.start();
  if (!(await identifiedAfter(rig.discord, identified))) throw new Error("Vigil's discord.js never identified on the fake gateway");
}

/** Ben types `/incident note 1 fault-N` in ACME's channel. */
export function pushNote(rig: DiscordRig, n: number): void {
  const raw = slashInteraction("ben", "note", [{ name: "incident", value: "1" }, { name: "text", value: noteText(n) }], CHANNEL);
  rig.pushed.push({ n, interactionId: raw.id });
  rig.discord.pushInteraction(raw);
}

/** Runs share a temporary directory: the policy file and one database per run. */
export class DiscordRigs {
  private readonly dir = mkdtempSync(path.join(tmpdir(), "vigil-faults-discord-"));
  private readonly config = path.join(this.dir, "vigil.yaml");
  private runs = 0;

  constructor() {
    const example = readFileSync(path.resolve(import.meta.dirname, "../vigil.example.yaml"), "utf8");
    const discordOnly = example.replace('channels: { slack: C0ACMEINC, discord: "200000000000000001" }', `channels: { discord: "${CHANNEL}" }`);
    if (discordOnly === example) throw new Error("vigil.example.yaml: ACME's channels line changed; update faults/discord-rig.ts");
    writeFileSync(this.config, discordOnly);
  }

  /** Fakes up, Vigil started and on the gateway, INC-1 opened from Discord and its card posted. */
  async setUp(latencyMs = 0): Promise<DiscordRig> {
    const slack = await new FakeSlack().start();
    const discord = await newFakeDiscord().start();
    discord.latencyMs = latencyMs;
    const db = path.join(this.dir, `run-${++this.runs}.db`);
    const env = { VIGIL_CONFIG: this.config, DISCORD_TOKEN, DISCORD_APPLICATION_ID: DISCORD_IDS.app, DISCORD_API_URL: discord.apiUrl };
    const rig: DiscordRig = { slack, discord, vigil: new VigilProcess(db, await freePort(), slack, env), db, pushed: [] };
    await startVigil(rig);
    discord.pushInteraction(slashInteraction("ben", "open", [{ name: "severity", value: "P3" }, { name: "title", value: "Fault run" }, { name: "org", value: "acme" }], CHANNEL));
    if (!(await waitFor(() => createdMessages(discord).some((m) => isCardOf(m, CHANNEL)), 60_000))) throw new Error("INC-1's card never reached the Discord channel");
    return rig;
  }

  /** Let the outbox empty (up to 4 minutes), then stop Vigil and the fakes. */
  async tearDown({ slack, discord, vigil, db }: DiscordRig): Promise<void> {
    await waitFor(async () => (await pendingRows(db)) === 0, 240_000);
    await vigil.stop();
    await slack.close();
    await discord.close();
  }

  /** Remove the directory. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
