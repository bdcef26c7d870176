import type { RequestInfo } from "@bangban/api";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from "./session";

function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "in-process";
  }
}

/**
 * What the routers need to know about this HTTP request, without seeing Hono. `publicUrl`
 * (BANGBAN_PUBLIC_URL) decides the session cookie's Secure flag along with the request's
 * own URL: behind a TLS-terminating proxy the request arrives as http:// although the
 * browser is on https://.
 */
export function requestInfo(
  c: Context,
  resHeaders: Headers = c.res.headers,
  publicUrl?: string,
): RequestInfo {
  const cookieUrl = publicUrl?.startsWith("https:") ? publicUrl : c.req.url;
  return {
    requestId: (c.get("requestId" as never) as string | undefined) ?? "-",
    ip: clientIp(c),
    sessionToken: getCookie(c, SESSION_COOKIE) ?? null,
    bearer: c.req.header("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null,
    setSessionCookie: (token, expiresAt) =>
      setSessionCookie(resHeaders, cookieUrl, token, expiresAt),
    clearSessionCookie: () => clearSessionCookie(resHeaders),
  };
}
