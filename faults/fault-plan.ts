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
  /**
   * How long after the outage ended the platform's last refusal told Vigil to wait (its last
   * 429 came shortly before the end with a Retry-After reaching past it): the platform, as Vigil
   * was told, recovered only then.
   */
  waitAskedS?: number;
  restartSendS?: number[];
}

/** The table cell for {@link Moved}. */
export function movedCell(r: Moved): string {
  if (r.movedAfterS !== undefined && r.waitAskedS) return `${r.movedAfterS.toFixed(1)} s (its last 429 asked for a wait until ${r.waitAskedS.toFixed(1)} s after the end: ${(r.movedAfterS - r.waitAskedS).toFixed(1)} s after that)`;
  if (r.movedAfterS !== undefined) return `${r.movedAfterS.toFixed(1)} s`;
  if (!r.restartSendS) return "never";
  if (r.restartSendS.length === 0) return "no restart had rows pending";
  const sorted = [...r.restartSendS].sort((a, b) => a - b);
  return `after restart: median ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} s, max ${sorted.at(-1)!.toFixed(2)} s (${sorted.length} restarts with rows pending)`;
}

/**
 * Whether the backlog moved within the goal (5 s) of the platform's recovery: the end of
 * the outage, or the end of the wait its last refusal asked for, whichever came later (Vigil
 * never sends before a Retry-After has passed).
 */
export function movedInTime(r: Moved, goalS = 5): boolean {
  return r.movedAfterS !== undefined ? r.movedAfterS - (r.waitAskedS ?? 0) <= goalS : (r.restartSendS ?? []).every((s) => s <= goalS);
}

/** Which parts of a run to play (`FAULT_ONLY=500,kill`; all by default). */
export function wantedFaults(): (key: string) => boolean {
  const only = process.env.FAULT_ONLY?.split(",");
  return (key) => !only || only.includes(key);
}

/** Where a run writes its section (`FAULT_REPORT`, default RELIABILITY.md). */
export const reportFile = (): string => process.env.FAULT_REPORT ?? "RELIABILITY.md";

/** The steps of one fault run and where its figures go. */
export interface FaultSteps<R, O> {
  outages: [string, string, O][];
  /** Play one outage (its row name, the outage) and measure it. */
  outage(name: string, outage: O): Promise<R>;
  /** A step of its own before the kills, run when FAULT_ONLY names its key (e.g. idle CPU). */
  beforeKill?: [string, () => Promise<void>];
  /** kill -9 at random moments; `progress` reports what it has measured so far. */
  kill(progress: (partial: R) => void): Promise<R>;
  /** Write the report of these results (called after every step). */
  report(results: R[]): void;
}

/**
 * Play a fault run's wanted steps in order — each outage, then the kills — rewriting the report
 * after every step, so a run cut short still reports what it measured.
 */
export async function playFaults<R, O>(steps: FaultSteps<R, O>): Promise<R[]> {
  const want = wantedFaults();
  const results: R[] = [];
  const done = (label: string, result?: R) => {
    if (result !== undefined) process.stdout.write(`${label}: ${JSON.stringify(result)}\n`);
    steps.report(results);
  };
  for (const [key, name, outage] of steps.outages) {
    if (!want(key)) continue;
    results.push(await steps.outage(name, outage));
    done(name, results.at(-1));
  }
  if (steps.beforeKill && want(steps.beforeKill[0])) {
    await steps.beforeKill[1]();
    done(steps.beforeKill[0]);
  }
  if (want("kill")) {
    results.push(await steps.kill((partial) => steps.report([...results, partial])));
    done("kill", results.at(-1));
  }
  return results;
}
