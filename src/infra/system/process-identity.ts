import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { ProcessIdentity } from "../../ports/process-identity.js";

/** This process: a fresh id per start, the host name and pid, and a liveness probe by signal 0. */
export function processIdentity(): ProcessIdentity {
  return {
    id: randomUUID(),
    host: hostname(),
    pid: process.pid,
    isAlive(pid) {
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        // EPERM: it exists but belongs to someone else.
        return (error as NodeJS.ErrnoException).code === "EPERM";
      }
    },
  };
}
