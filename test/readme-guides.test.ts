import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { COMMAND_SPECS } from "../src/core/commands/command-specs.js";
import { parseCommand } from "../src/core/commands/parse-command.js";
import { TELEGRAM_WEBHOOK_PATH } from "../adapters/telegram/types.js";
import { SLACK_EVENTS_PATH } from "../adapters/slack/types.js";

// The setup guides say what the code does: these facts are read from the code, not copied.
const ROOT = path.resolve(import.meta.dirname, "..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

describe("the platform guides agree with the code", () => {
  it("Discord: lists every /incident subcommand that is registered, and says global commands take up to an hour", () => {
    const guide = read("adapters/discord/README.md");
    const paragraph = guide.slice(guide.indexOf("- On start, Vigil registers"), guide.indexOf("Their options are typed"));
    const listed = [...paragraph.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
    expect(listed).toEqual(COMMAND_SPECS.map((s) => s.name));
    expect(paragraph).toContain(`(${COMMAND_SPECS.length};`);
    expect(guide).toContain("up to an hour");
    expect(guide).not.toMatch(/in a minute|can take a\s+minute/);
  });

  it("Slack: the manifest's three request URLs are all /slack/events, and the guide says so without curling through the proxy", () => {
    const manifest = parse(read("adapters/slack/manifest.yaml"));
    const urls = [...(manifest.features?.slash_commands ?? []).map((c: any) => c.url), manifest.settings?.interactivity?.request_url];
    expect(urls).toHaveLength(3);
    for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
    const guide = read("adapters/slack/README.md");
    expect(guide).toContain("all three request URLs");
    expect(guide).not.toContain("both request URLs");
    expect(guide).not.toMatch(/curl https:\/\/YOUR-HOST\/healthz/);
  });

  it("Slack: every manifest slash command and each usage-hint example is a command the specs parse", () => {
    const manifest = parse(read("adapters/slack/manifest.yaml"));
    const commands: { command: string; usage_hint: string }[] = manifest.features.slash_commands;
    expect(commands.map((c) => c.command)).toEqual(["/incident", "/oncall"]);
    for (const { command, usage_hint } of commands) {
      // A hint lists examples separated by "|"; an optional part is shown in brackets.
      for (const example of usage_hint.replace(/[[\]]/g, "").split("|").map((e) => e.trim())) {
        const parsed = parseCommand(`${command} ${example}`.replace(/@(\w+)/g, "<@U$1>"));
        expect(COMMAND_SPECS.map((s) => s.name), `${command} ${example}`).toContain(parsed.name);
      }
    }
  });

  it("Telegram: setWebhook names allowed_updates and the webhook path; getUpdates only with Vigil stopped", () => {
    const guide = read("adapters/telegram/README.md");
    const setWebhook = guide.slice(guide.indexOf("/setWebhook"), guide.indexOf("```", guide.indexOf("/setWebhook")));
    expect(setWebhook).toContain(`url=https://YOUR-HOST${TELEGRAM_WEBHOOK_PATH}`);
    expect(setWebhook).toContain('allowed_updates=["message","callback_query"]');
    expect(setWebhook).toContain("secret_token=");
    const getUpdates = guide.indexOf("/getUpdates");
    expect(getUpdates).toBeGreaterThan(0);
    expect(guide.slice(getUpdates - 400, getUpdates)).toContain("with Vigil stopped");
  });
});
