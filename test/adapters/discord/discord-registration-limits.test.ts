import { describe, expect, it } from "vitest";
import { commandDefinitions } from "../../../adapters/discord/commands.js";
import { COMMAND_SPECS } from "../../../src/core/commands/command-specs.js";
import { discordRejection } from "../../fakes/discord-limits.js";

const PUT = "PUT /applications/:application/commands";
const orgs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `organisation-${i}`, name: `Organisation ${i}` }));

// The build fails here the day a new core command (or option, or choice) takes /incident
// over a Discord limit: Discord would refuse the whole registration with 50035.
describe("Discord command registration stays within Discord's limits", () => {
  it.each([0, 1, 25, 26, 200])("is accepted by the strict fake with %i organisations", (n) => {
    expect(discordRejection(PUT, commandDefinitions(orgs(n)), undefined)).toBeUndefined();
  });

  it("has room left: /incident uses at most 25 subcommands (and the help topic at most 25 choices)", () => {
    const [incident] = commandDefinitions();
    expect(incident.options!.length).toBe(COMMAND_SPECS.length);
    expect(incident.options!.length).toBeLessThanOrEqual(25);
  });

  it("the check has teeth: a 26th subcommand is refused with Discord's 50035 errors object", () => {
    const [incident, oncall] = commandDefinitions();
    const extra = { ...incident.options![0], name: "extra" };
    const tooMany = { ...incident, options: [...incident.options!, ...Array.from({ length: 26 - incident.options!.length }, (_, i) => ({ ...extra, name: `extra${i}` }))] };
    const rejection = discordRejection(PUT, [tooMany, oncall], undefined);
    expect(rejection?.status).toBe(400);
    expect(rejection?.body).toEqual({
      code: 50035,
      message: "Invalid Form Body",
      errors: { "0": { options: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." }] } } },
    });
  });
});
