import { randomBytes, randomUUID } from "node:crypto";
import type { IdGenerator } from "../../ports/ids.js";

/** UUIDs for ids; 8 base-32 characters for references people read out. */
export const randomIds: IdGenerator = {
  newId: () => randomUUID(),
  newReference: () => {
    const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    return [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join("");
  },
};
