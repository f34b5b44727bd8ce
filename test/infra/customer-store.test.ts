import { MemoryStore } from "../../src/infra/memory/memory-store.js";
import { openTempStore } from "../support/temp-db.js";
import { customerStoreContract } from "./customer-store-contract.js";

customerStoreContract("memory", async () => ({ store: new MemoryStore(), cleanup: async () => {} }));
customerStoreContract("Prisma + SQLite", async () => {
  const { store, cleanup } = await openTempStore();
  return { store, cleanup };
});
