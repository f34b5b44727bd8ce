import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { envSchema } from "../src/config/env.js";

// No container engine runs on these machines: what can be checked here is that the files say
// what the README says, and that compose.yaml is valid Compose (dclint, against the schema).
const ROOT = path.resolve(import.meta.dirname, "..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** Dockerfile instructions with continuation lines joined. */
function instructions(): { op: string; args: string }[] {
  return read("Dockerfile")
    .replace(/\\\n/g, " ")
    .split("\n")
    .filter((l) => l.trim() && !l.trim().startsWith("#"))
    .map((l) => {
      const [op, ...rest] = l.trim().split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(" ") };
    });
}

/** The shell commands of the README's "Production" section code blocks. */
function readmeCommands(): string[] {
  const section = read("README.md").split(/^## Production$/m)[1].split(/^## /m)[0];
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1].split("\n").map((l) => l.replace(/#.*/, "").trim()).filter(Boolean));
}

describe("Dockerfile", () => {
  const steps = instructions();

  it("installs, builds and starts with exactly the README's commands", () => {
    const npm = steps.filter((s) => s.op === "RUN").flatMap((s) => s.args.split("&&").map((c) => c.trim())).filter((c) => c.startsWith("npm ") && !c.startsWith("npm cache"));
    expect(npm).toEqual(["npm ci", "npm run build", "npm ci --omit=dev"]);
    const cmd = JSON.parse(steps.find((s) => s.op === "CMD")!.args) as string[];
    expect(cmd.join(" ")).toBe("npm run start:prod");
    const documented = readmeCommands();
    for (const command of [...npm.filter((c) => c !== "npm ci --omit=dev"), cmd.join(" ")]) expect(documented).toContain(command);
    expect(read("README.md")).toContain("`npm ci --omit=dev`");
    // The node flags live once, in package.json's config (npm hands them to the script), and the README names them.
    const pkg = JSON.parse(read("package.json"));
    expect(pkg.scripts["start:prod"]).toBe("node $npm_package_config_nodeFlags dist/main.js");
    expect(pkg.config.nodeFlags).toMatch(/^--\S+( --\S+)*$/);
    expect(read("README.md").replace(/\s+/g, " ")).toContain(`\`config.nodeFlags\`: \`${pkg.config.nodeFlags}\``);
  });

  it("is multi-stage, runs as a non-root user, keeps SQLite on a volume and checks /healthz", () => {
    expect(steps.filter((s) => s.op === "FROM")).toHaveLength(2);
    const user = steps.filter((s) => s.op === "USER").at(-1)?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)$/);
    const volume = JSON.parse(steps.find((s) => s.op === "VOLUME")!.args) as string[];
    const databaseUrl = /DATABASE_URL=(\S+)/.exec(steps.filter((s) => s.op === "ENV").map((s) => s.args).join(" "))![1];
    expect(databaseUrl.replace(/^file:/, "").startsWith(`${volume[0]}/`)).toBe(true);
    const health = steps.find((s) => s.op === "HEALTHCHECK")!.args;
    expect(health).toContain("/healthz");
  });
});

describe("compose.yaml", () => {
  const compose = parse(read("compose.yaml"), { merge: true }) as { services: Record<string, any> };

  it("runs PostgreSQL and two Vigil replicas on it, with variables Vigil reads", () => {
    const vigils = Object.entries(compose.services).filter(([, s]) => s.build);
    expect(vigils).toHaveLength(2);
    expect(compose.services.postgres.image).toMatch(/^postgres:/);
    const known = new Set(Object.keys(envSchema.shape));
    for (const [name, service] of vigils) {
      expect(service.environment.DATABASE_URL, name).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
      expect(Object.keys(service.environment).filter((v) => !known.has(v)), name).toEqual([]);
      expect(service.depends_on.postgres.condition).toBe("service_healthy");
    }
  });

  const dclint = path.join(ROOT, "node_modules/.bin/dclint");
  const errorLine = /^\s+\d+:\d+\s+error\s/m;
  // Plain output: under CI=true dclint colours its report, and colour codes would hide an error line.
  const plain = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
  it.skipIf(!existsSync(dclint))("is valid against the Compose schema (dclint), which does refuse a wrong key", () => {
    const checked = spawnSync(dclint, ["compose.yaml"], { cwd: ROOT, encoding: "utf8", env: plain });
    expect(`${checked.stdout}${checked.stderr}`).not.toMatch(errorLine);
    expect(checked.status).toBe(0);
    const dir = mkdtempSync(path.join(tmpdir(), "vigil-compose-"));
    try {
      writeFileSync(path.join(dir, "compose.yaml"), read("compose.yaml").replace("restart: unless-stopped", "restrt: unless-stopped"));
      const broken = spawnSync(dclint, [path.join(dir, "compose.yaml")], { encoding: "utf8", env: plain });
      expect(broken.stdout).toMatch(/error\s+ComposeValidationError.*additional properties/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000); // two dclint processes: on a loaded machine each can take many seconds
});
