import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { envSchema } from "../../src/config/env.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * A fresh checkout of the working tree (every file git tracks or would track, as it is on disk) in a temporary
 * directory, sharing node_modules and the generated Prisma client, as `npm ci` would make them.
 */
export function tempCheckout(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" }).split("\0")
    .filter((file) => file && !/^(node_modules|src\/generated)(\/|$)/.test(file));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    try {
      cpSync(path.join(ROOT, file), path.join(dir, file));
    } catch {
      // A tracked file deleted in the working tree is not part of this checkout.
    }
  }
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  symlinkSync(path.join(ROOT, "src/generated"), path.join(dir, "src/generated"));
  return dir;
}

/** The test runner's environment without any variable Vigil reads: a new user's shell. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(envSchema.shape)) delete env[name];
  return { ...env, ...extra };
}

/** Run a command in `cwd` with `input` on stdin; resolves when it exits. */
export function run(cmd: string, args: string[], cwd: string, input: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
