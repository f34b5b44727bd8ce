import type { IncomingMessage, ServerResponse } from "node:http";

/** A raw Node request handler, as platform SDK receivers expose them. */
export type HttpListener = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Vigil's one HTTP port: a route table adapters and operations endpoints add to. */
export interface HttpRouter {
  /**
   * Route requests whose path (query aside) is exactly `path` to `listener`. A path ending in
   * `/*` takes exactly one more segment (`/alerts/*` answers `/alerts/grafana`, not
   * `/alerts/a/b`). Every other path is 404. Mounting a path twice throws.
   */
  mount(path: string, listener: HttpListener): void;
}
