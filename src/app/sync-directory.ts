import type { Policy } from "../core/policy.js";
import type { Store } from "../ports/store.js";
import { reapplyIdentityLinks } from "./customer/link-contact.js";

/**
 * Mirror the policy file's organisations and people into the store, so incidents can refer
 * to them and identities resolve from the database. The file is the source of truth.
 */
export async function syncDirectory(store: Store, policy: Policy): Promise<void> {
  await store.transaction(async (tx) => {
    for (const org of policy.organisations) await tx.directory.upsertOrganisation({ id: org.id, name: org.name });
    for (const person of policy.people) await tx.directory.upsertPerson(person);
    await reapplyIdentityLinks(tx, policy);
  });
}
