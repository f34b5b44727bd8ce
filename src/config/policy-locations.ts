// Every policy-file problem as `file:line:col path: message`, so an editor can jump to it.
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type YAMLError } from "yaml";
import type { z } from "zod";

/** Where a path points in the file (the deepest node that exists on it), as line and column. */
export function locate(doc: Document, lines: LineCounter, path: readonly PropertyKey[], unknownKey?: string): { line: number; col: number } {
  let node = doc.contents as Node | null;
  let at = node?.range?.[0] ?? 0;
  for (const key of unknownKey === undefined ? path : [...path, unknownKey]) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      const keyStart = (pair.key as Node).range?.[0];
      node = (pair.value as Node | null) ?? null;
      at = key === unknownKey ? (keyStart ?? at) : (node?.range?.[0] ?? keyStart ?? at);
    } else if (isSeq(node) && typeof key === "number" && node.items[key]) {
      node = node.items[key] as Node;
      at = node.range?.[0] ?? at;
    } else break;
  }
  return lines.linePos(at);
}

/** `people[2].role` */
export function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), "") || "(top level)";
}

/** A YAML syntax error with its own line and column; a duplicate key names the key. */
export function formatYamlError(file: string, text: string, error: YAMLError): string {
  const { line, col } = error.linePos?.[0] ?? { line: 1, col: 1 };
  const bare = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  if (error.code === "DUPLICATE_KEY") {
    const key = /^["']?([^:"'\n]+)/.exec(text.slice(error.pos[0]))?.[1]?.trim() ?? "";
    return `${file}:${line}:${col} duplicate key “${key}” (a key may appear once per mapping)`;
  }
  return `${file}:${line}:${col} ${bare}`;
}

// YAML reads an unquoted 18-digit Discord id as a number too large to keep exactly.
const BIG_NUMBER = /too big|int|safe/i;

/** One zod issue as `file:line:col path: message`, with a hint where the fix is known. */
export function formatLocatedIssue(file: string, doc: Document, lines: LineCounter, issue: z.core.$ZodIssue): string {
  const unknown = issue.code === "unrecognized_keys" ? issue.keys[0] : undefined;
  const { line, col } = locate(doc, lines, issue.path, unknown);
  return `${file}:${line}:${col} ${pathText(issue.path)}: ${messageOf(doc, issue)}`;
}

function messageOf(doc: Document, issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return `unknown key ${issue.keys.map((k) => `“${k}”`).join(", ")}`;
  const value = doc.getIn(issue.path as unknown[], true);
  if (isScalar(value) && typeof value.value === "number" && BIG_NUMBER.test(issue.message) && value.source) {
    return `${issue.message}; write large ids in quotes, e.g. "${value.source}"`;
  }
  if (isScalar(value) && typeof value.value === "number" && !Number.isSafeInteger(value.value)) {
    return `${issue.message}; write large ids in quotes, e.g. "${value.source ?? value.value}"`;
  }
  return issue.message;
}
