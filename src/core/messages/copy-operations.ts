// User-facing strings of the operator commands outside chat (part of the copy module; see
// copy.ts): moving a store with `npm run db:copy`.

export const operationsCopy = {
  dbCopyUsage: "Usage: npm run db:copy -- --from <file:path | postgres://…> --to <file:path | postgres://…>",
  dbCopyBadUrl: (flag: string, value: string) => `--${flag}: “${value}” is not file:<path> or postgres://…`,
  dbCopySame: "--from and --to name the same database; nothing to copy.",
  dbCopyNotEmpty: (tables: string[]) =>
    `The target database already holds data (${tables.join(", ")}). Nothing was copied: copy into a new, empty database.`,
  dbCopyDone: (counts: Record<string, number>) =>
    `Copied ${Object.values(counts).reduce((a, b) => a + b, 0)} rows: ${Object.entries(counts)
      .map(([model, n]) => `${model} ${n}`)
      .join(", ")}.`,
};
