import type { IncomingMessage, ServerResponse } from "node:http";

/** A raw Node request handler, as platform SDK receivers expose them. */
export type HttpListener = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Vigil's one HTTP port: adapters mount their webhook paths on it. */
export interface HttpRouter {
  /** Route every request whose path starts with `pathPrefix` (e.g. "/slack/") to `listener`. */
  mount(pathPrefix: string, listener: HttpListener): void;
}
