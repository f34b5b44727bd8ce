import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

/**
 * The migrations in `dir`, in the order Prisma applies them: every sub-folder holding a
 * `migration.sql`, sorted by name (the names start with a UTC timestamp). Both providers'
 * in-process migrators read their folder through this.
 */
export function listMigrations(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();
}
