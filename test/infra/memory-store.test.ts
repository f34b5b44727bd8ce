import { MemoryStore } from "../../src/infra/memory/memory-store.js";
import { storeContract } from "./store-contract.js";

storeContract("memory", async () => ({ store: new MemoryStore(), cleanup: async () => {} }));
