import type { HttpListener } from "../../ports/http.js";

/** Exact paths, plus `<prefix>/*` patterns that take exactly one more segment. */
export class RouteTable {
  private readonly exact = new Map<string, HttpListener>();
  private readonly oneSegment = new Map<string, HttpListener>();

  /** Add a route; a path already taken is a programming error. */
  add(path: string, listener: HttpListener): void {
    const wildcard = path.endsWith("/*");
    const key = wildcard ? path.slice(0, -1) : path;
    const table = wildcard ? this.oneSegment : this.exact;
    if (!key.startsWith("/") || table.has(key)) throw new Error(`HTTP route ${path} is invalid or already mounted`);
    table.set(key, listener);
  }

  /** The listener for a request path (query already removed), if any. */
  find(path: string): HttpListener | undefined {
    const exact = this.exact.get(path);
    if (exact) return exact;
    const cut = path.lastIndexOf("/") + 1;
    const segment = path.slice(cut);
    return segment ? this.oneSegment.get(path.slice(0, cut)) : undefined;
  }
}
