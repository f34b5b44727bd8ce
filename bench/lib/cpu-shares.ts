// Where a process's CPU goes while a piece of work runs: a V8 CPU profile of this process (the
// inspector's Profiler, sampling every 100 µs) with each sample's self time given to a part —
// Prisma (client runtime, query-compiler WebAssembly, driver adapter), SQLite itself (the native
// calls of better-sqlite3), Vigil's own code, Node.js, other libraries, garbage collection.
// Used by bench/commands.bench.ts for issue 15's "CPU in Prisma's client + query-compiler WASM +
// adapter" figure.
import { Session } from "node:inspector/promises";

/** The parts, in the order a table shows them. */
export const PARTS = ["Prisma (client, query compiler WASM, adapter)", "SQLite (better-sqlite3's native calls)", "Vigil's own code", "Node.js (internals, native)", "other libraries", "garbage collection"] as const;
export type Part = (typeof PARTS)[number];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

// better-sqlite3's Statement and Database methods are C++: their samples carry no URL.
const SQLITE_NATIVE = new Set(["run", "get", "all", "iterate", "exec", "prepare", "pragma", "transaction", "raw", "pluck", "expand", "bind", "columns", "safeIntegers"]);

function partOf(node: ProfileNode, parent: ProfileNode | undefined): Part | undefined {
  const { functionName, url } = node.callFrame;
  if (functionName === "(garbage collector)") return "garbage collection";
  if (functionName === "(idle)" || functionName === "(root)") return undefined;
  if (url === "") {
    const caller = parent?.callFrame.url ?? "";
    if (SQLITE_NATIVE.has(functionName) && /better-sqlite3|adapter-better-sqlite3|src\/infra\/prisma/.test(caller)) return "SQLite (better-sqlite3's native calls)";
    return "Node.js (internals, native)";
  }
  if (url.startsWith("wasm://") || /@prisma\/|\/generated\/prisma/.test(url)) return "Prisma (client, query compiler WASM, adapter)";
  if (url.includes("/better-sqlite3/")) return "SQLite (better-sqlite3's native calls)";
  if (url.startsWith("node:")) return "Node.js (internals, native)";
  if (url.includes("/node_modules/")) return "other libraries";
  return "Vigil's own code";
}

/** Runs `work` under the profiler and returns each part's share of the busy samples (0..1). */
export async function cpuShares(work: () => Promise<void>): Promise<{ shares: Record<Part, number>; samples: number }> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 100 });
    await session.post("Profiler.start");
    await work();
    const { profile } = (await session.post("Profiler.stop")) as { profile: { nodes: ProfileNode[]; samples: number[] } };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parentOf = new Map<number, ProfileNode>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n);
    const counts = Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>;
    let busy = 0;
    for (const id of profile.samples) {
      const node = byId.get(id)!;
      const part = partOf(node, parentOf.get(id));
      if (!part) continue;
      counts[part]++;
      busy++;
    }
    const shares = Object.fromEntries(PARTS.map((p) => [p, counts[p] / Math.max(1, busy)])) as Record<Part, number>;
    return { shares, samples: busy };
  } finally {
    session.disconnect();
  }
}
