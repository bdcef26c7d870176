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

/** What the routers need to know about this HTTP request, without seeing Hono. */
export function requestInfo(c: Context, resHeaders: Headers = c.res.headers): RequestInfo {
  return {
    requestId: (c.get("requestId" as never) as string | undefined) ?? "-",
    ip: clientIp(c),
    sessionToken: getCookie(c, SESSION_COOKIE) ?? null,
    bearer: c.req.header("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null,
    setSessionCookie: (token, expiresAt) =>
      setSessionCookie(resHeaders, c.req.url, token, expiresAt),
    clearSessionCookie: () => clearSessionCookie(resHeaders),
  };
}
