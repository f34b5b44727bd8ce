import { describe, expect, it } from "vitest";
import { canTransition, TRANSITIONS, type TransitionAction } from "../../../src/core/incident/transitions.js";
import { STATUSES, type Status } from "../../../src/core/incident/types.js";

// The lifecycle of product.md, written out as a full table: action × current status → result.
const TABLE: Record<TransitionAction, Partial<Record<Status, Status>>> = {
  ack: { open: "acknowledged" },
  mitigate: { open: "mitigated", acknowledged: "mitigated" },
  resolve: { open: "resolved", acknowledged: "resolved", mitigated: "resolved" },
  close: { resolved: "closed" },
  reopen: { resolved: "acknowledged", closed: "acknowledged" },
};

describe("transition table", () => {
  for (const action of Object.keys(TABLE) as TransitionAction[]) {
    for (const status of STATUSES) {
      const expected = TABLE[action][status];
      it(`${action} from ${status} → ${expected ?? "refused"}`, () => {
        expect(canTransition(action, status)).toBe(expected !== undefined);
        if (expected) expect(TRANSITIONS[action].to).toBe(expected);
      });
    }
  }
});
