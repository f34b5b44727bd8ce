// After `tsc -p tsconfig.build.json`: what the compiled program needs beside its .js files.
// The migrations are read at start (src/infra/prisma/migrate-sqlite.ts resolves them
// relative to itself, so they sit at dist/prisma/migrations), and dist/main.js is the one
// entry point `npm run start:prod` and the Dockerfile run.
import { cpSync, rmSync, writeFileSync } from "node:fs";

rmSync("dist/prisma", { recursive: true, force: true });
cpSync("prisma/migrations", "dist/prisma/migrations", { recursive: true });
writeFileSync("dist/main.js", '// Entry point of the compiled build (npm run build).\nimport "./src/main.js";\n');
