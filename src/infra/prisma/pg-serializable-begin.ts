import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";

const beginning = new AsyncLocalStorage<true>();
const SERIALIZABLE = "SERIALIZABLE";

/**
 * PrismaPg whose SERIALIZABLE transactions start with one statement, not two. Its adapter sends
 * `BEGIN` and then `SET TRANSACTION ISOLATION LEVEL …`, a round trip each, for every command;
 * here the adapter starts the transaction without a level while the `BEGIN` it sends on the
 * pool's connection becomes `BEGIN ISOLATION LEVEL SERIALIZABLE`. Other levels are unchanged.
 * `pool` is the pool the adapter was given.
 */
export function beginningSerializableInOne(factory: PrismaPg, pool: pg.Pool): PrismaPg {
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (config: unknown, ...rest: unknown[]) => {
      const text = typeof config === "object" && config !== null ? (config as { text?: unknown }).text : config;
      if (text === "BEGIN" && beginning.getStore()) {
        const begin = `BEGIN ISOLATION LEVEL ${SERIALIZABLE}`;
        return query(typeof config === "string" ? begin : { ...(config as object), text: begin }, ...rest);
      }
      return query(config, ...rest);
    };
  });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = (isolationLevel) =>
      isolationLevel === SERIALIZABLE ? beginning.run(true, () => start(undefined)) : start(isolationLevel);
    return adapter;
  };
  return factory;
}
