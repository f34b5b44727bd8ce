import type { Severity } from "../../core/incident/types.js";
import type { IdentityLink, LinkCode, NewProblemDraft } from "../../core/survey/types.js";
import type { CustomerRepository } from "../../ports/customer-store.js";
import { toDraft, toIdentityLink, toLinkCode } from "./customer-mappers.js";
import type { Db } from "./prisma-types.js";

/** Invitations, linked identities and report drafts in SQL. */
export class PrismaCustomerRepository implements CustomerRepository {
  constructor(private readonly db: Db) {}

  async createLinkCode(code: LinkCode): Promise<void> {
    await this.db.contactInvite.create({ data: { ...code, usedAt: code.usedAt ?? null, usedBy: code.usedBy ?? null } });
  }

  async findLinkCode(code: string): Promise<LinkCode | undefined> {
    const row = await this.db.contactInvite.findUnique({ where: { code } });
    return row ? toLinkCode(row) : undefined;
  }

  async useLinkCode(code: string, at: Date, usedBy: string): Promise<boolean> {
    // Conditional update: of two people racing with one code, exactly one gets count 1.
    const { count } = await this.db.contactInvite.updateMany({ where: { code, usedAt: null }, data: { usedAt: at, usedBy } });
    return count === 1;
  }

  async saveIdentityLink(link: IdentityLink): Promise<void> {
    const key = { platform: link.platform, externalId: link.externalId };
    await this.db.identityLink.upsert({
      where: { platform_externalId: key },
      create: link,
      update: { personId: link.personId, linkedAt: link.linkedAt },
    });
  }

  async listIdentityLinks(): Promise<IdentityLink[]> {
    const rows = await this.db.identityLink.findMany({ orderBy: { linkedAt: "asc" } });
    return rows.map(toIdentityLink);
  }

  async createDraft(draft: NewProblemDraft) {
    const row = await this.db.reportDraft.create({
      data: { ...draft, incidentId: draft.incidentId ?? null, severity: draft.severity ?? null },
    });
    return toDraft(row);
  }

  async findDraft(id: number) {
    const row = await this.db.reportDraft.findUnique({ where: { id } });
    return row ? toDraft(row) : undefined;
  }

  async markDraftReported(id: number, incidentId: number, severity: Severity): Promise<boolean> {
    const { count } = await this.db.reportDraft.updateMany({ where: { id, incidentId: null }, data: { incidentId, severity } });
    return count === 1;
  }
}
