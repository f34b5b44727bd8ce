import type { StoreTx } from "../../ports/store.js";

/** A person's display name, the id itself when the directory does not know it, undefined for no one. */
export async function nameOf(tx: Pick<StoreTx, "directory">, personId: string | undefined): Promise<string | undefined> {
  if (!personId) return undefined;
  return (await tx.directory.findPerson(personId))?.name ?? personId;
}
