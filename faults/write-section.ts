import { existsSync, readFileSync, writeFileSync } from "node:fs";

/**
 * Replaces the section of `file` headed `heading` (a `## ` line) with `section`, keeping every
 * other fault run's section; a new file starts with "# Reliability".
 */
export function writeSection(file: string, heading: string, section: string): void {
  const sections = existsSync(file) ? readFileSync(file, "utf8").split(/^(?=## )/m) : ["# Reliability\n\n"];
  const others = sections.slice(1).filter((part) => part.split("\n")[0] !== heading);
  writeFileSync(file, [sections[0].trimEnd() + "\n\n", section.trimEnd() + "\n\n", ...others.map((o) => o.trimEnd() + "\n\n")].join("").trimEnd() + "\n");
}
