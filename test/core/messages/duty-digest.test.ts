import { describe, expect, it } from "vitest";
import { DIGEST_MAX_CHARS, DIGEST_MAX_POSTS, digestSize, dutyDigest, isDutyDigest } from "../../../src/core/messages/duty-digest.js";

describe("duty-lead digest message", () => {
  const post = (n: number, text = `something about INC-${n}`) => ({ title: `INC-${n}`, text, mentions: [{ name: "Lee", ids: { slack: "U0LEAD" } }] });

  it("a line per post, the key first unless the text names it, each person mentioned once", () => {
    const digest = dutyDigest([post(1), post(2, "disk full"), post(3)]);
    expect(digest.title).toBe("3 updates for the duty lead");
    expect(digest.text).toBe("something about INC-1\nINC-2: disk full\nsomething about INC-3");
    expect(digest.mentions).toEqual([{ name: "Lee", ids: { slack: "U0LEAD" } }]);
    expect(isDutyDigest(digest)).toBe(true);
    expect(isDutyDigest(post(1))).toBe(false);
  });

  it("takes at most DIGEST_MAX_POSTS posts and DIGEST_MAX_CHARS characters, and always the first", () => {
    expect(digestSize(Array.from({ length: 40 }, (_, i) => post(i)))).toBe(DIGEST_MAX_POSTS);
    const long = (n: number) => post(n, "x".repeat(700));
    expect(digestSize([long(1), long(2), long(3), long(4)])).toBe(2);
    expect(dutyDigest([long(1), long(2)]).text.length).toBeLessThanOrEqual(DIGEST_MAX_CHARS);
    expect(digestSize([post(1, "y".repeat(5000))])).toBe(1);
  });
});
