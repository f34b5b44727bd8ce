import { MemoryStore } from "../../src/infra/memory/memory-store.js";
import { openTempStore } from "../support/temp-db.js";
import { alertStoreContract } from "./alert-store-contract.js";

alertStoreContract("memory", async () => ({ store: new MemoryStore(), cleanup: async () => {} }));
alertStoreContract("Prisma + SQLite", async () => {
  const { store, cleanup } = await openTempStore();
  return { store, cleanup };
});
