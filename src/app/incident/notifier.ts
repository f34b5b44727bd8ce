import { incidentKey, type Incident, type Person } from "../../core/incident/types.js";
import { buildIncidentCard, type CardNames } from "../../core/messages/incident-card.js";
import type { Mention, OutboundMessage } from "../../ports/chat.js";
import type { NewOutboxRow, StoreTx } from "../../ports/store.js";
import type { Policy } from "../../core/policy.js";
import type { Platform } from "../../ports/chat.js";
import { cardChannels, dutyLeadChannels } from "./routing.js";
import { organisationName } from "../../core/policy.js";
import { nameOf } from "./person-names.js";

/** Extra card fields another feature shows (an alert-born incident's "fired ×N"). */
export type CardExtras = (tx: StoreTx, incident: Incident) => Promise<{ label: string; value: string }[]>;

/**
 * Writes what must be said into the outbox, inside the caller's transaction; the
 * dispatcher sends it after commit.
 */
export class Notifier {
  constructor(
    private readonly ctx: { policy: Policy; platforms: readonly Platform[] },
    private readonly cardExtras?: CardExtras,
  ) {}

  /** Post or refresh the incident's card in every channel of its organisation; returns the card. */
  async card(tx: StoreTx, incident: Incident, now: Date): Promise<OutboundMessage> {
    const message = await this.renderCard(tx, incident);
    for (const to of cardChannels(this.ctx.policy, this.ctx.platforms, incident.organisationId)) {
      await tx.outbox.enqueueLater({ ...to, kind: "card", incidentId: incident.id, message, createdAt: now });
    }
    return message;
  }

  /** A message in the card's thread on every platform. */
  async thread(tx: StoreTx, incident: Incident, text: string, now: Date): Promise<void> {
    for (const row of this.threadRows(incident, text, now)) await tx.outbox.enqueueLater(row);
  }

  /** An alert in the duty lead's channels. */
  async dutyLead(tx: StoreTx, incident: Incident, text: string, now: Date): Promise<void> {
    for (const row of this.dutyLeadRows(incident, text, now)) await tx.outbox.enqueueLater(row);
  }

  /** A post in the duty lead's channels about no single incident (the daily digest). */
  async dutyLeadPost(tx: StoreTx, message: OutboundMessage, now: Date): Promise<void> {
    for (const to of dutyLeadChannels(this.ctx.policy, this.ctx.platforms)) {
      await tx.outbox.enqueueLater({ ...to, kind: "post", message, createdAt: now });
    }
  }

  /** The rows of {@link thread}, for callers that write many messages in one batch (the SLA sweeper). */
  threadRows(incident: Incident, text: string, now: Date, mentions: Mention[] = []): NewOutboxRow[] {
    return cardChannels(this.ctx.policy, this.ctx.platforms, incident.organisationId).map((to) => ({
      ...to,
      kind: "thread",
      incidentId: incident.id,
      message: { text, ...(mentions.length ? { mentions } : {}) },
      createdAt: now,
    }));
  }

  /** The rows of {@link dutyLead}, for batch writers. */
  dutyLeadRows(incident: Incident, text: string, now: Date, mentions: Mention[] = []): NewOutboxRow[] {
    const message: OutboundMessage = { text, title: incidentKey(incident.number), ...(mentions.length ? { mentions } : {}) };
    return dutyLeadChannels(this.ctx.policy, this.ctx.platforms).map((to) => ({ ...to, kind: "post", incidentId: incident.id, message, createdAt: now }));
  }

  /**
   * A direct message to a person on every running platform where they have an identity (a
   * Telegram private chat's id is the user's id; Slack opens a DM for a user id). Returns how
   * many messages were queued, so callers can fall back when the person is unreachable.
   */
  async direct(tx: StoreTx, person: Person, message: OutboundMessage, now: Date, options: { incidentId?: number; messageKey?: string } = {}): Promise<number> {
    const to = person.identities.filter((i) => this.ctx.platforms.includes(i.platform));
    for (const identity of to) {
      await tx.outbox.enqueueLater({ platform: identity.platform, channelId: identity.externalId, kind: "post", message, createdAt: now, ...options });
    }
    return to.length;
  }

  /** Replace the direct message sent with `messageKey`, wherever it was delivered. */
  async editDirect(tx: StoreTx, person: Person, messageKey: string, message: OutboundMessage, now: Date, incidentId?: number): Promise<void> {
    for (const identity of person.identities.filter((i) => this.ctx.platforms.includes(i.platform))) {
      const row = { platform: identity.platform, channelId: identity.externalId, kind: "edit" as const, messageKey, message, createdAt: now };
      await tx.outbox.enqueueLater(incidentId === undefined ? row : { ...row, incidentId });
    }
  }

  /** The card as it looks now (used for replies too). */
  async renderCard(tx: StoreTx, incident: Incident): Promise<OutboundMessage> {
    const card = buildIncidentCard(incident, await this.cardNames(tx, incident));
    const extras = this.cardExtras ? await this.cardExtras(tx, incident) : [];
    return extras.length ? { ...card, fields: [...(card.fields ?? []), ...extras] } : card;
  }

  private async cardNames(tx: StoreTx, incident: Incident): Promise<CardNames> {
    return {
      organisation: organisationName(this.ctx.policy, incident.organisationId),
      reporter: (await nameOf(tx, incident.reporterId)) ?? incident.reporterId,
      assignee: await nameOf(tx, incident.assigneeId),
      acknowledgedBy: await nameOf(tx, incident.acknowledgedById),
      tierNames: this.ctx.policy.tierNames,
      zone: this.ctx.policy.timezone,
    };
  }
}
