/** Who this process is, and how to tell whether another process on the same host still runs. */
export interface ProcessIdentity {
  /** Unique per process start (a UUID). */
  id: string;
  host: string;
  pid: number;
  /** Whether process `pid` on this host is alive (a `kill -9`ed one is not). */
  isAlive(pid: number): boolean;
}
