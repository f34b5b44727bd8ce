import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** prisma/schema.prisma of this checkout (the models both providers share). */
export const SCHEMA_FILE = fileURLToPath(new URL("../../../prisma/schema.prisma", import.meta.url));

/** One model of the schema as a copy needs it. */
export interface ModelInfo {
  name: string;
  /** The Prisma Client property (`timelineEntry` for `TimelineEntry`). */
  delegate: string;
  /** Fields of its primary key, in order (a stable sort for paging). */
  idFields: string[];
  /** Whether its id is an autoincrement integer (a PostgreSQL sequence to move on). */
  autoincrement: boolean;
  /** Models it references through a relation (they must be copied first). */
  dependsOn: string[];
}

/**
 * Every model of the schema, parents before children. Read from the schema text itself so a
 * model added later is copied without anyone remembering to list it.
 */
export function schemaModels(schema = readFileSync(SCHEMA_FILE, "utf8")): ModelInfo[] {
  const models: ModelInfo[] = [];
  for (const [, name, body] of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const lines = body.split("\n").map((l) => l.replace(/\/\/.*$/, "").trim()).filter(Boolean);
    const fieldIds = lines.filter((l) => /^\w+\s+\S+.*@id\b/.test(l)).map((l) => l.split(/\s+/)[0]);
    const blockId = /@@id\(\[([^\]]+)\]\)/.exec(body)?.[1].split(",").map((s) => s.trim());
    const dependsOn = lines.filter((l) => /@relation\([^)]*fields:/.test(l)).map((l) => l.split(/\s+/)[1].replace(/[?[\]]/g, ""));
    models.push({
      name,
      delegate: name[0].toLowerCase() + name.slice(1),
      idFields: blockId ?? fieldIds,
      autoincrement: lines.some((l) => /@id\b/.test(l) && /autoincrement\(\)/.test(l)),
      dependsOn: dependsOn.filter((d) => d !== name),
    });
  }
  return parentsFirst(models);
}

function parentsFirst(models: ModelInfo[]): ModelInfo[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const done = new Set<string>();
  const out: ModelInfo[] = [];
  const visit = (m: ModelInfo, path: string[]) => {
    if (done.has(m.name)) return;
    if (path.includes(m.name)) throw new Error(`relation cycle: ${[...path, m.name].join(" → ")}`);
    for (const d of m.dependsOn) if (byName.has(d)) visit(byName.get(d)!, [...path, m.name]);
    done.add(m.name);
    out.push(m);
  };
  for (const m of models) visit(m, []);
  return out;
}
