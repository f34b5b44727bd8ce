/** A better-sqlite3 statement, as much of it as @prisma/adapter-better-sqlite3 uses. */
interface Statement {
  reader: boolean;
  run(...args: unknown[]): unknown;
  columns(): unknown[];
  raw(on?: boolean): { all(...args: unknown[]): unknown[] };
}

/** The shape the adapter calls: `prepare(sql).bind(args)`, then `run()` or `columns()` and `raw().all()`. */
export interface AdapterStatement {
  readonly reader: boolean;
  run(...args: unknown[]): unknown;
  bind(args: unknown[]): { reader: boolean; run(): unknown; columns(): unknown[]; raw(): { all(): unknown[] } };
}

/** How many distinct SQL texts are kept prepared (lists of varying length make new texts). */
const MAX_STATEMENTS = 512;

/**
 * Prepared statements for Prisma's SQLite adapter, kept by SQL text. The adapter prepares every
 * statement anew and binds it for one use (better-sqlite3 lets a statement be bound only once),
 * so preparing cost about as much as running in the storm profile (6 % of the process's CPU). Here a statement is prepared once
 * and each `bind` only records the arguments of that one use; better-sqlite3 runs synchronously,
 * so one use ends before the next begins.
 */
export class AdapterStatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly prepare: (sql: string) => Statement) {}

  /** The adapter's `prepare`, served from the cache. */
  get(sql: string): AdapterStatement {
    let stmt = this.statements.get(sql);
    if (stmt) {
      // Most recently used last, so the oldest is evicted first.
      this.statements.delete(sql);
    } else {
      stmt = this.prepare(sql);
      if (this.statements.size >= MAX_STATEMENTS) this.statements.delete(this.statements.keys().next().value!);
    }
    this.statements.set(sql, stmt);
    const s = stmt;
    return {
      reader: s.reader,
      run: (...args) => s.run(...args),
      bind: (args) => ({
        reader: s.reader,
        run: () => s.run(args),
        columns: () => s.columns(),
        raw: () => ({ all: () => s.raw(true).all(args) }),
      }),
    };
  }
}
