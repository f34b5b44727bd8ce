import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { sendInteraction, sendSlashCommand, slackFixture } from "../../fakes/fake-slack-requests.js";
import { SIGNING_SECRET } from "./slack-rig.js";
import { shownText, snapshot, startSlackApp, type SlackApp } from "./slack-app-rig.js";

let app: SlackApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function submitForm(a: SlackApp): Promise<void> {
  await sendSlashCommand(a.url, SIGNING_SECRET, a.commandFields("ben", "open"));
  const [viewsOpen] = await a.fake.waitFor((c) => c.some((x) => x.method === "views.open")).then(() => a.fake.callsTo("views.open"));
  const submission = slackFixture("view-submission");
  submission.user = { id: "U0BEN", username: "ben", name: "ben", team_id: "T0001" };
  submission.view.id = viewsOpen.response!.view.id;
  submission.view.private_metadata = viewsOpen.params.view.private_metadata;
  expect((await sendInteraction(a.url, SIGNING_SECRET, submission)).status).toBe(200);
}

describe("Slack modal results (real Bolt, strict fake Web API)", () => {
  it("when the ephemeral fails (a DM, a channel without the bot) the submitter gets the result as a DM", async () => {
    app = await startSlackApp();
    app.fake.failNext("chat.postEphemeral", { error: "channel_not_found" });
    await submitForm(app);
    const [dm] = await app.fake.waitFor((c) => c.some((x) => x.method === "chat.postMessage" && x.params.channel === "U0BEN")).then(() => app!.fake.callsTo("chat.postMessage").filter((x) => x.params.channel === "U0BEN"));
    expect(shownText(dm.params.text).split("\n")[0]).toBe('Opened INC-1 (P2) for ACME Corp: Database "replica" lag');
    expect(dm.response).toMatchObject({ ok: true });
    expect((await snapshot(app.h)).incidents).toHaveLength(1);
    expect(app.adapterLog.lines.some((l) => l.level === "warn" && /ephemeral reply failed/.test(l.message))).toBe(true);
  });
});

// Each scope the manifest asks for is one a call in the adapter needs; a scope nothing uses
// only widens what a leaked token can do.
const NEEDED_BY: Record<string, RegExp> = {
  commands: /app\.command\(/,
  "chat:write": /chat\.(postMessage|postEphemeral|update)\(/,
  "chat:write.public": /chat\.postMessage\(/,
  "im:write": /chat\.postMessage\(\{ channel: userId/,
  "channels:history": /conversations\.(history|replies)\(/,
  "groups:history": /conversations\.(history|replies)\(/,
  // Direct messages (the modal fallback) go through the outbox too, so their re-send looks too.
  "im:history": /conversations\.(history|replies)\(/,
};

describe("the Slack manifest", () => {
  it("asks only for scopes the adapter's calls use", () => {
    const manifest = parse(readFileSync(new URL("../../../adapters/slack/manifest.yaml", import.meta.url), "utf8"));
    const source = ["index.ts", "listeners.ts", "sent-lookup.ts"].map((f) => readFileSync(new URL(`../../../adapters/slack/${f}`, import.meta.url), "utf8")).join("\n");
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    expect(scopes).not.toContain("users:read");
    for (const scope of scopes) {
      expect(NEEDED_BY[scope], `${scope} has no known use`).toBeDefined();
      expect(source, `${scope} is not used`).toMatch(NEEDED_BY[scope]);
    }
  });
});
