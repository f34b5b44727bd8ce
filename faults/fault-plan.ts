// What every one-process delivery fault run shares: the outages it plays and how it reports when
// the backlog moved again.

/** An outage of a fake platform, before its end time is set. */
export interface OutageKind {
  kind: "429" | "500" | "hang" | "reset";
  retryAfter?: number;
}

/** The outages of a run, as [FAULT_ONLY key, row name, outage]; `retryAfter` names the platform's field. */
export function outagePlan(windowS: number, retryAfter: string): [string, string, OutageKind][] {
  return [
    ["429-1", `429, ${retryAfter} 1 s, for ${windowS} s`, { kind: "429", retryAfter: 1 }],
    ["429-5", `429, ${retryAfter} 5 s, for ${windowS} s`, { kind: "429", retryAfter: 5 }],
    ["500", `HTTP 500 for ${windowS} s`, { kind: "500" }],
    ["hang", `no answer (hang) for ${windowS} s`, { kind: "hang" }],
    ["reset", `connection reset for ${windowS} s`, { kind: "reset" }],
  ];
}

/** When the backlog moved: seconds after an outage ended, or after each restart that had rows pending. */
export interface Moved {
  movedAfterS?: number;
  restartSendS?: number[];
}

/** The table cell for {@link Moved}. */
export function movedCell(r: Moved): string {
  if (r.movedAfterS !== undefined) return `${r.movedAfterS.toFixed(1)} s`;
  if (!r.restartSendS) return "never";
  if (r.restartSendS.length === 0) return "no restart had rows pending";
  const sorted = [...r.restartSendS].sort((a, b) => a - b);
  return `after restart: median ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} s, max ${sorted.at(-1)!.toFixed(2)} s (${sorted.length} restarts with rows pending)`;
}

/** Whether the backlog moved within the goal (5 s). */
export function movedInTime(r: Moved, goalS = 5): boolean {
  return r.movedAfterS !== undefined ? r.movedAfterS <= goalS : (r.restartSendS ?? []).every((s) => s <= goalS);
}

/** Which parts of a run to play (`FAULT_ONLY=500,kill`; all by default). */
export function wantedFaults(): (key: string) => boolean {
  const only = process.env.FAULT_ONLY?.split(",");
  return (key) => !only || only.includes(key);
}

/** Where a run writes its section (`FAULT_REPORT`, default RELIABILITY.md). */
export const reportFile = (): string => process.env.FAULT_REPORT ?? "RELIABILITY.md";
