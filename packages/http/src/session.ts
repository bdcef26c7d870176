import type { NodeServices, SessionUser } from "@bangban/api";
import { hashToken } from "@bangban/api";
import { findSession } from "@bangban/db";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { serialize } from "hono/utils/cookie";

export const SESSION_COOKIE = "bangban_session";

/** The signed-in user behind this request's session cookie, or null. */
export async function sessionUser(services: NodeServices, c: Context): Promise<SessionUser | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return null;
  const tokenHash = hashToken(token);
  const found = await findSession(services.db, tokenHash, services.clock().toISOString());
  if (!found?.user.active) return null;
  const u = found.user;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    siteId: u.siteId,
    tokenHash,
  };
}

/**
 * Session cookies are written as Set-Cookie headers on the given response headers: tRPC's
 * fetch adapter builds its own response, so the headers must go where it reads them.
 */
export function setSessionCookie(
  headers: Headers,
  url: string,
  token: string,
  expiresAt: Date,
): void {
  headers.append(
    "set-cookie",
    serialize(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "Strict",
      path: "/",
      expires: expiresAt,
      secure: new URL(url).protocol === "https:",
    }),
  );
}

export function clearSessionCookie(headers: Headers): void {
  headers.append(
    "set-cookie",
    serialize(SESSION_COOKIE, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "Strict" }),
  );
}
