import { createHash, timingSafeEqual } from "node:crypto";
import type { HttpListener } from "../../ports/http.js";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * `listener` behind `Authorization: Bearer <token>`: anything else gets 401 with a
 * `WWW-Authenticate` challenge (RFC 6750). Compared in constant time on digests, so neither
 * the token's content nor its length leaks through timing.
 */
export function bearerGuard(token: string, listener: HttpListener): HttpListener {
  const expected = digest(token);
  return (req, res) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
    if (!match || !timingSafeEqual(digest(match[1]), expected)) {
      res.writeHead(401, { "content-type": "text/plain", "www-authenticate": 'Bearer realm="vigil-metrics"' }).end("unauthorized");
      return;
    }
    return listener(req, res);
  };
}
