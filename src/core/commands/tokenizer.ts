/**
 * Splits a command line into words. Double or single quotes group words; typographic
 * quotes (“…”, ‘…’) count too because Slack and phones substitute them as people type;
 * a backslash escapes the next character inside double quotes. A quote opens a group only
 * at the start of a word.
 * Returns an error message for an unterminated quote. `quoted` lists the indexes of words
 * that were quoted: a quoted "--force" is text, never an option.
 */
export function tokenize(line: string): { tokens: string[]; quoted: number[] } | { error: string } {
  const tokens: string[] = [];
  const quoted: number[] = [];
  let current = "";
  let inToken = false;
  let quote: string | null = null;
  const closers: Record<string, string> = { '"': '"', "'": "'", "“": "”", "‘": "’", "”": "”" };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === "\\" && quote === '"' && i + 1 < line.length) current += line[++i];
      else if (ch === closers[quote] || (quote === "“" && ch === '"')) quote = null;
      else current += ch;
      continue;
    }
    if (/\s/.test(ch)) {
      if (inToken) tokens.push(current);
      current = "";
      inToken = false;
    } else if (ch in closers && !inToken) {
      // Quotes open only at a word's start, so apostrophes in "can't" stay literal.
      quote = ch;
      quoted.push(tokens.length);
      inToken = true;
    } else {
      current += ch;
      inToken = true;
    }
  }
  if (quote) return { error: `unterminated quote ${quote}` };
  if (inToken) tokens.push(current);
  return { tokens, quoted };
}

/** Quotes one argument so `tokenize` gives it back unchanged (adapters build command lines with it). */
export function quoteArgument(value: string): string {
  if (value !== "" && !value.startsWith("-") && !/[\s"'“”‘’\\]/.test(value)) return value;
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}
