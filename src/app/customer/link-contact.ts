// Linking a chat account to a customer contact: a lead runs `/contact invite <org> <name>`
// and hands over the code or link; `/start <code>` from the contact's chat account links it.
import type { Command } from "../../core/commands/command-types.js";
import { DomainError } from "../../core/errors.js";
import type { Identity, Person } from "../../core/incident/types.js";
import { customerCopy as say } from "../../core/messages/copy-customer.js";
import { formatTime } from "../../core/messages/format-time.js";
import type { Policy } from "../../core/policy.js";
import type { Reply } from "../../ports/chat.js";
import type { StoreTx } from "../../ports/store.js";
import type { AppContext } from "../app-context.js";
import { ok } from "../incident/load-incident.js";
import { customerConfig } from "./loop-run.js";
import { organisationName } from "../../core/policy.js";
import type { Run } from "../app-context.js";

// Telegram start parameters allow 64 of [A-Za-z0-9_-]; 20 hex characters of a random UUID
// (80 bits) cannot be guessed within a code's lifetime.
const CODE_LENGTH = 20;

/** `/contact invite <org> <name>` (leads and admins): a one-time code, and links where a bot can make them. */
export async function inviteContact(run: Run<Person>, command: Extract<Command, { name: "contact" }>): Promise<Reply> {
  const orgs = run.ctx.policy.organisations;
  if (!orgs.some((o) => o.id === command.org)) {
    throw new DomainError("INVITE.UNKNOWN_ORG", say.inviteUnknownOrg(command.org, orgs.map((o) => o.id).join(", ")));
  }
  const contact = await findOrCreateContact(run.tx, command.org, command.contact);
  const code = run.ctx.ids.newId().replace(/[^A-Za-z0-9]/g, "").slice(0, CODE_LENGTH);
  const expiresAt = new Date(run.now.getTime() + customerConfig(run.ctx).inviteTtlMs);
  await run.tx.customers.createLinkCode({ code, personId: contact.id, organisationId: command.org, createdById: run.actor.id, createdAt: run.now, expiresAt });
  const links = run.ctx.inviteLinks?.(code) ?? [];
  const lines = [
    say.inviteCreated(contact.name, organisationName(run.ctx.policy, command.org), code, formatTime(expiresAt, run.ctx.policy.timezone)),
    ...(links.length ? links.map(say.inviteLink) : [say.inviteNoLink(code)]),
  ];
  return ok(lines.join("\n"));
}

// A contact of the file (by id or name), or a new contact kept in the database only.
async function findOrCreateContact(tx: StoreTx, organisationId: string, wanted: string): Promise<Person> {
  const people = await tx.directory.listPeople();
  const lower = wanted.trim().toLowerCase();
  const found = people.find((p) => p.role === "contact" && p.organisationId === organisationId && (p.id === lower || p.name.toLowerCase() === lower));
  if (found) return found;
  const base = lower.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 32) || "contact";
  let id = base;
  for (let n = 2; people.some((p) => p.id === id); n++) id = `${base}-${n}`;
  const person: Person = { id, name: wanted.trim(), role: "contact", organisationId, identities: [] };
  await tx.directory.upsertPerson(person);
  return person;
}

/** The code of a `/start <code>` command, or undefined. */
export function startCode(text: string): string | undefined {
  return /^\/start(?:@\w+)?\s+([A-Za-z0-9_-]{1,64})\s*$/.exec(text.trim())?.[1];
}

/**
 * `/start <code>` from a chat account Vigil does not know yet: link it to the invited contact.
 * The code must exist, be unused and unexpired; it is spent in the same transaction.
 */
export async function linkChatAccount(ctx: AppContext, tx: StoreTx, identity: Identity, code: string, now: Date): Promise<Reply> {
  const invite = await tx.customers.findLinkCode(code);
  if (!invite) throw new DomainError("LINK.UNKNOWN_CODE", say.linkUnknownCode);
  if (invite.usedAt) throw new DomainError("LINK.USED", say.linkUsed);
  if (invite.expiresAt <= now) throw new DomainError("LINK.EXPIRED", say.linkExpired(formatTime(invite.expiresAt, ctx.policy.timezone)));
  const person = await tx.directory.findPerson(invite.personId);
  if (!person) throw new DomainError("LINK.UNKNOWN_CODE", say.linkUnknownCode);
  if (!(await tx.customers.useLinkCode(code, now, `${identity.platform}:${identity.externalId}`))) throw new DomainError("LINK.USED", say.linkUsed);
  await tx.directory.upsertPerson({ ...person, identities: [...person.identities, identity] });
  await tx.customers.saveIdentityLink({ personId: person.id, ...identity, linkedAt: now });
  ctx.logger.info({ personId: person.id, platform: identity.platform, organisationId: invite.organisationId }, "contact linked a chat account");
  return ok(say.linked(person.name, organisationName(ctx.policy, invite.organisationId)));
}

/** `/start [code]` from someone Vigil already knows. */
export async function start(run: Run<Person>, command: Extract<Command, { name: "start" }>): Promise<Reply> {
  if (command.code) {
    const invite = await run.tx.customers.findLinkCode(command.code);
    if (invite?.personId === run.actor.id) return ok(say.alreadyLinked(run.actor.name));
    // Someone else's code is refused like a code that does not exist.
    throw new DomainError("LINK.UNKNOWN_CODE", say.linkUnknownCode);
  }
  return ok(run.actor.role === "contact" ? say.hello(run.actor.name) : say.helloStaff(run.actor.name));
}

/**
 * After the policy file is mirrored into the store, put linked identities back: the file
 * replaces each person's identities, and links made in chat must survive a restart. An
 * identity the file gives to someone else stays theirs (the file wins).
 */
export async function reapplyIdentityLinks(tx: StoreTx, policy: Policy): Promise<void> {
  const inFile = new Set(policy.people.flatMap((p) => p.identities.map((i) => `${i.platform}:${i.externalId}`)));
  for (const link of await tx.customers.listIdentityLinks()) {
    if (inFile.has(`${link.platform}:${link.externalId}`)) continue;
    const person = await tx.directory.findPerson(link.personId);
    if (!person || person.identities.some((i) => i.platform === link.platform && i.externalId === link.externalId)) continue;
    await tx.directory.upsertPerson({ ...person, identities: [...person.identities, { platform: link.platform, externalId: link.externalId }] });
  }
}
