import type { NodeServices, SessionUser } from "@bangban/api";
import { hashToken } from "@bangban/api";
import { findSession, touchSession } from "@bangban/db";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { serialize } from "hono/utils/cookie";

export const SESSION_COOKIE = "bangban_session";

/** Activity is written at most this often: a screen's polling need not write on every call. */
const TOUCH_EVERY_MS = 60_000;

/** The signed-in user behind this request's session cookie, or null; null when idle-locked. */
export async function sessionUser(services: NodeServices, c: Context): Promise<SessionUser | null> {
  const user = await sessionState(services, c);
  return user?.locked ? null : user;
}

/**
 * The session behind the cookie, locked or not (tRPC tells a locked session from none, so
 * the web app can ask for the PIN instead of a new sign-in). A live call counts as activity.
 */
export async function sessionState(
  services: NodeServices,
  c: Context,
): Promise<SessionUser | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return null;
  const tokenHash = hashToken(token);
  const now = services.clock();
  const found = await findSession(services.db, tokenHash, now.toISOString());
  if (!found?.user.active) return null;
  const idleMs = now.getTime() - Date.parse(found.session.lastSeenAt);
  const locked = idleMs >= services.idleLockMinutes * 60_000;
  if (!locked && idleMs >= TOUCH_EVERY_MS) {
    await touchSession(services.db, tokenHash, now.toISOString());
  }
  const u = found.user;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    siteId: u.siteId,
    tokenHash,
    locked,
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
