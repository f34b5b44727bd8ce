import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  return readdirSync(abs).flatMap((name) => {
    const full = path.join(abs, name);
    const rel = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : sourceFiles(rel);
    return name.endsWith(".ts") ? [rel] : [];
  });
}

/** Every module specifier a file imports (static, dynamic and re-exports), resolved when relative. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  const specs = [...text.matchAll(/(?:import|export)\s[^"'`]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]);
  return specs.map((s) => (s.startsWith(".") ? path.normalize(path.join(path.dirname(file), s)) : s));
}

const PURE_LIBRARIES = ["zod", "luxon", "chinese-days", "date-holidays"];
const SDKS = /^(@slack\/|discord\.js|@discordjs\/|node-telegram-bot-api)/;
const PRISMA = /^(@prisma\/|prisma\b)|generated\/prisma/;

describe("architecture: the direction of imports", () => {
  it("core imports only core and pure libraries (no I/O, no node:, no ports, no infra)", () => {
    for (const file of sourceFiles("src/core")) {
      for (const spec of importsOf(file)) {
        const ok = spec.startsWith("src/core/") || PURE_LIBRARIES.some((lib) => spec === lib || spec.startsWith(`${lib}/`));
        expect(ok, `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it("core and app never read the wall clock", () => {
    for (const file of [...sourceFiles("src/core"), ...sourceFiles("src/app")]) {
      const text = readFileSync(path.join(ROOT, file), "utf8");
      expect(/Date\.now\(\)|new Date\(\)/.test(text), `${file} reads the wall clock`).toBe(false);
    }
  });

  it("app depends on core and ports only", () => {
    for (const file of sourceFiles("src/app")) {
      for (const spec of importsOf(file)) {
        const ok = ["src/core/", "src/ports/", "src/app/"].some((p) => spec.startsWith(p)) || PURE_LIBRARIES.includes(spec);
        expect(ok, `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it("only src/infra/prisma imports the Prisma client", () => {
    for (const file of [...sourceFiles("src"), ...sourceFiles("adapters")]) {
      if (file.startsWith("src/infra/prisma/")) continue;
      for (const spec of importsOf(file)) expect(PRISMA.test(spec), `${file} imports ${spec}`).toBe(false);
    }
  });

  it("adapters never import infra, and chat SDKs live only in adapters", () => {
    for (const file of sourceFiles("adapters")) {
      for (const spec of importsOf(file)) expect(spec.startsWith("src/infra/"), `${file} imports ${spec}`).toBe(false);
    }
    for (const file of sourceFiles("src")) {
      for (const spec of importsOf(file)) expect(SDKS.test(spec), `${file} imports ${spec}`).toBe(false);
    }
  });

  it("ports are interfaces: they import nothing but core types", () => {
    for (const file of sourceFiles("src/ports")) {
      for (const spec of importsOf(file)) {
        const ok = spec.startsWith("src/core/") || spec.startsWith("src/ports/") || spec.startsWith("node:");
        expect(ok, `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it("app/commands and app/customer do not import each other (they meet at the inbound boundary and the change seam)", () => {
    for (const [from, to] of [["src/app/commands", "src/app/customer"], ["src/app/customer", "src/app/commands"]]) {
      for (const file of sourceFiles(from)) {
        for (const spec of importsOf(file)) expect(spec.startsWith(`${to}/`), `${file} imports ${spec}`).toBe(false);
      }
    }
  });

  it("no import cycle anywhere outside generated code", () => {
    const files = [...sourceFiles("src"), ...sourceFiles("adapters")];
    const known = new Set(files);
    const edges = new Map(files.map((f) => [f, importsOf(f).map((s) => s.replace(/\.js$/, ".ts")).filter((s) => known.has(s))]));
    const state = new Map<string, "visiting" | "done">();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "visiting") {
        cycles.push([...path.slice(path.indexOf(file)), file].join(" → "));
        return;
      }
      state.set(file, "visiting");
      for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, "done");
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
