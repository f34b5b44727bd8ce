// Every platform limit is cut here, and only here, so no renderer can split a character.
// Cutting inside a surrogate pair, a ZWJ emoji sequence or a combining mark leaves text
// Telegram and Discord refuse outright (and the message would be dead-lettered).

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const ELLIPSIS = "…";

/** How a platform counts a limit: UTF-16 code units (JS length) or UTF-8 bytes. */
export type TextMeasure = "utf16" | "bytes";

const utf8 = new TextEncoder();
const sizeOf = (text: string, measure: TextMeasure): number => (measure === "bytes" ? utf8.encode(text).length : text.length);

/**
 * `text` if it fits in `max`, else its longest prefix of whole grapheme clusters that fits
 * together with a trailing "…". Counting UTF-16 units is never below what Slack, Discord
 * or Telegram count (code points), so a cut text always fits.
 */
export function cutText(text: string, max: number, measure: TextMeasure = "utf16"): string {
  if (sizeOf(text, measure) <= max) return text;
  const budget = max - sizeOf(ELLIPSIS, measure);
  if (budget <= 0) return "";
  let size = 0;
  let end = 0;
  // Only the prefix can hold the cut: one whole code point past the budget is enough to know
  // whether a boundary falls at the budget itself, and segmenting 100 KB for a 150-unit
  // header is slow.
  for (const { segment, index } of segmenter.segment(text.slice(0, prefixEnd(text, budget)))) {
    const next = size + sizeOf(segment, measure);
    if (next > budget) break;
    size = next;
    end = index + segment.length;
  }
  return `${text.slice(0, end)}${ELLIPSIS}`;
}

function prefixEnd(text: string, budget: number): number {
  const high = text.charCodeAt(budget);
  return high >= 0xd800 && high <= 0xdbff ? budget + 2 : budget + 1;
}

/** The size `text` has for a platform limit counted in `measure`. */
export function textSize(text: string, measure: TextMeasure = "utf16"): number {
  return sizeOf(text, measure);
}
