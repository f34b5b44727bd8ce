// What people type is normalised once, where it enters, so nothing downstream (the store's
// JSON, a terminal, a renderer) ever sees text that is not well-formed or that can steer a
// display: a lone surrogate broke the JSON column, an ESC sequence retitled the console.

// C0 and C1 controls except tab (\t) and newline (\n); DEL too.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Bidirectional embeddings, overrides and isolates (LRE…RLO, LRI…PDI) reorder what follows
// them, so "txt.exe" can be made to display as "exe.txt". Marks (LRM, RLM) are harmless.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * `text` as well-formed Unicode (a lone surrogate becomes U+FFFD), with CR LF and CR as
 * newlines, and without control characters or bidirectional overrides.
 */
export function normaliseInput(text: string): string {
  return toWellFormed(text).replace(/\r\n?/g, "\n").replace(CONTROLS, "").replace(BIDI_CONTROLS, "");
}

/** True when `text` is already what `normaliseInput` would make of it. */
export function isNormalInput(text: string): boolean {
  return normaliseInput(text) === text;
}

function toWellFormed(text: string): string {
  // String.prototype.toWellFormed is in Node 20; the ES2022 lib types do not declare it.
  return (text as string & { toWellFormed(): string }).toWellFormed();
}
