import type { Command } from "../../core/commands/command-types.js";
import { DomainError } from "../../core/errors.js";
import type { Person } from "../../core/incident/types.js";
import { slaCopy } from "../../core/messages/copy-sla.js";
import { formatTime } from "../../core/messages/format-time.js";
import type { Reply } from "../../ports/chat.js";
import { currentOncall } from "../sla/sla-names.js";
import { ok } from "../incident/load-incident.js";
import { nameOf } from "../incident/person-names.js";
import type { Run } from "../app-context.js";

type Oncall = Extract<Command, { name: "oncall" }>;

/** `/oncall` shows who is on duty; `/oncall set @a @b` (leads, admins) replaces the roster. */
export async function oncall(run: Run<Person>, command: Oncall): Promise<Reply> {
  if (command.action === "set") return setOncall(run, command.people);
  const { personIds, roster } = await currentOncall(run.ctx, run.tx);
  if (personIds.length === 0) return ok(slaCopy.oncallNobody);
  const names = await Promise.all(personIds.map(async (id) => (await nameOf(run.tx, id)) ?? id));
  const by = await nameOf(run.tx, roster?.updatedById);
  const source = roster && by ? slaCopy.oncallSetBy(by, formatTime(roster.updatedAt, run.ctx.policy.timezone)) : slaCopy.oncallFromFile;
  return ok(`${slaCopy.oncallNow(names.join(", "))}\n${source}`);
}

async function setOncall(run: Run<Person>, who: string[]): Promise<Reply> {
  if (who.length === 0) throw new DomainError("COMMAND.INVALID", slaCopy.oncallNeedsPeople);
  const people: Person[] = [];
  for (const id of who) {
    const person = (await run.tx.directory.findPerson(id.toLowerCase())) ?? (await run.tx.directory.findByIdentity(run.platform, id));
    if (!person || person.role === "contact") throw new DomainError("ONCALL.BAD_PERSON", slaCopy.oncallNotStaff(id));
    if (!people.some((p) => p.id === person.id)) people.push(person);
  }
  const before = (await currentOncall(run.ctx, run.tx)).personIds;
  await run.tx.roster.set({ personIds: people.map((p) => p.id), updatedAt: run.now, updatedById: run.actor.id });
  // The roster is not about one incident, so it goes to the log rather than a timeline.
  run.ctx.logger.info({ by: run.actor.id, before, after: people.map((p) => p.id) }, "on-call roster changed");
  return ok(slaCopy.oncallChanged(people.map((p) => p.name).join(", ")));
}
