import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { AdapterStatementCache } from "../../src/infra/prisma/adapter-statement-cache.js";

// The statements Prisma's SQLite adapter sends, kept prepared: each use binds its own arguments.
describe("AdapterStatementCache", () => {
  const open = () => {
    const db = new Database(":memory:");
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)`);
    let prepared = 0;
    const cache = new AdapterStatementCache((sql) => {
      prepared++;
      return db.prepare(sql) as never;
    });
    return { db, cache, prepared: () => prepared };
  };

  it("prepares a text once and runs it with the arguments of each use, as the adapter calls it", () => {
    const { cache, prepared } = open();
    for (const [id, name] of [[1, "ana"], [2, "ben"], [3, "cleo"]] as const) cache.get(`INSERT INTO t (id, name) VALUES (?, ?)`).bind([id, name]).run();
    const read = (id: number) => cache.get(`SELECT name FROM t WHERE id = ?`).bind([id]);
    expect(read(2).reader).toBe(true);
    expect(read(2).raw().all()).toEqual([["ben"]]);
    expect(read(3).raw().all()).toEqual([["cleo"]]);
    expect(read(9).raw().all()).toEqual([]);
    expect(cache.get(`SELECT name FROM t WHERE id = ?`).bind([1]).columns()).toMatchObject([{ name: "name" }]);
    expect(prepared()).toBe(2);
  });

  it("a failed use leaves the statement usable (a unique violation, then the next insert)", () => {
    const { cache } = open();
    const insert = (id: number) => cache.get(`INSERT INTO t (id, name) VALUES (?, 'x')`).bind([id]).run();
    insert(1);
    expect(() => insert(1)).toThrow(/UNIQUE/);
    insert(2);
    expect(cache.get(`SELECT count(*) FROM t`).bind([]).raw().all()).toEqual([[2]]);
  });

  it("keeps at most 512 texts, dropping the least recently used", () => {
    const { cache, prepared } = open();
    const use = (n: number) => cache.get(`SELECT ${n} FROM t`).bind([]).raw().all();
    use(0);
    for (let n = 1; n <= 512; n++) use(n);
    expect(prepared()).toBe(513);
    use(512); // still kept
    expect(prepared()).toBe(513);
    use(0); // the oldest was dropped: prepared again
    expect(prepared()).toBe(514);
  });
});
