import type { MiddlewareHandler } from "hono";
import { errorBody, trpcRefusal } from "./errors";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface SameOriginOptions {
  /** The node's public URL (BANGBAN_PUBLIC_URL): its origin is always this node's own. */
  publicUrl: string;
}

const REFUSAL = {
  code: "FORBIDDEN_ORIGIN",
  field: "origin",
  zh: "请求来自其他网站，已拒绝。请直接在本系统页面中操作",
  en: "Cross-site request refused: its Origin is not this node",
};

/**
 * Refuses a state-changing request (POST/PUT/PATCH/DELETE, tRPC mutations included) that a
 * page of another site sent: its Origin — or, without one, its Referer — is present and is
 * not this node. A request naming no origin at all passes: that is no browser's cross-site
 * request (a station's sync call with its bearer credential, the CLI, curl). Session cookies
 * are SameSite=Strict already; this also covers browsers or proxies that lose that.
 *
 * "This node" is the public URL's origin, or the host the request was addressed to whatever
 * its scheme: a TLS-terminating proxy hands us http://host while the browser says https://host,
 * and a station's LAN address need not be its configured public URL.
 */
export function sameOrigin(opts: SameOriginOptions): MiddlewareHandler {
  const own = new URL(opts.publicUrl).origin;
  return async function sameOrigin(c, next) {
    if (!STATE_CHANGING.has(c.req.method)) return next();
    const claimed = c.req.header("origin") ?? c.req.header("referer");
    if (claimed === undefined || isOwn(claimed, own, new URL(c.req.url).host)) return next();
    if (c.req.path.startsWith("/trpc/")) {
      throw trpcRefusal(403, c.req.path.slice("/trpc/".length), REFUSAL);
    }
    return c.json(errorBody(REFUSAL.code, REFUSAL.field, REFUSAL.zh, REFUSAL.en), 403);
  };
}

function isOwn(claimed: string, own: string, requestHost: string): boolean {
  let url: URL;
  try {
    url = new URL(claimed);
  } catch {
    return false; // "null" (a sandboxed frame, a file:) or garbage: not us
  }
  return url.origin === own || url.host === requestHost;
}
