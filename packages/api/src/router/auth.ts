import { createSession, deleteSession, findUserByUsername, listUsers } from "@bangban/db";
import { DomainError, type Role, roleLabels } from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { beginAttempt } from "../auth/attempt";
import { verifySecret } from "../auth/password";
import { newSessionToken } from "../auth/session";
import type { ApiContext, NodeServices } from "../context";
import { auditEntry } from "../services/case-commands";
import { publicProcedure, sessionProcedure } from "../trpc";
import { sessionProcedures } from "./auth-session";

const SIGN_IN = { field: "username", zh: "登录", en: "sign-ins" };

const username = z.string().trim().min(1, "请输入用户名").max(64);

const loginInput = z.object({ username, password: z.string().min(1, "请输入密码").max(200) });
const pinInput = z.object({ username, pin: z.string().regex(/^\d{6}$/, "PIN 码为 6 位数字") });

/**
 * Staff sign in at their own site's node; at the hub, the administrators of the district
 * above it too (they read the dashboard and manage sites there).
 */
function signsInHere(services: NodeServices, user: { siteId: string; role: Role }): boolean {
  if (user.siteId === services.site.id) return true;
  return (
    services.nodeRole === "hub" &&
    user.role === "district_admin" &&
    user.siteId === services.site.parentId
  );
}

async function signIn(ctx: ApiContext, name: string, secret: string, kind: "password" | "pin") {
  const { services, req } = ctx;
  const now = services.clock().getTime();
  // Reserved before any await, so parallel or batched guesses are counted as they arrive.
  const attempt = beginAttempt(services, `user:${name}`, `ip:${req.ip}`, SIGN_IN);
  const user = await findUserByUsername(services.db, name);
  const stored = user ? (kind === "pin" ? user.pinHash : user.passwordHash) : null;
  const ok =
    user?.active === true && signsInHere(services, user)
      ? await verifySecret(secret, stored)
      : false;
  if (!user || !ok) {
    await services.repo.store.commit(
      [],
      [
        {
          ...auditEntry(ctx, "auth.failed", null, { username: name, kind }),
          userId: user?.id ?? "unknown",
        },
      ],
    );
    throw new DomainError({
      code: "NOT_ALLOWED",
      field: kind === "pin" ? "pin" : "password",
      zh: kind === "pin" ? "用户名或 PIN 码不正确" : "用户名或密码不正确",
      en: "Wrong user name or secret",
    });
  }
  attempt.succeed();
  const { token, tokenHash } = newSessionToken();
  const expiresAt = new Date(now + services.sessionHours * 3600_000);
  await createSession(
    services.db,
    tokenHash,
    user.id,
    user.siteId,
    expiresAt.toISOString(),
    new Date(now).toISOString(),
  );
  req.setSessionCookie(token, expiresAt);
  await services.repo.store.commit(
    [],
    [{ ...auditEntry(ctx, `auth.login.${kind}`, null), userId: user.id, siteId: user.siteId }],
  );
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    siteId: user.siteId,
  };
}

export const authRouter = {
  login: publicProcedure
    .input(loginInput)
    .mutation(({ ctx, input }) => signIn(ctx, input.username, input.password, "password")),

  pinLogin: publicProcedure
    .input(pinInput)
    .mutation(({ ctx, input }) => signIn(ctx, input.username, input.pin, "pin")),

  logout: sessionProcedure.mutation(async ({ ctx }) => {
    await deleteSession(ctx.services.db, ctx.user.tokenHash);
    ctx.req.clearSessionCookie();
    await ctx.services.repo.store.commit([], [auditEntry(ctx, "auth.logout", null)]);
    return { ok: true };
  }),

  me: publicProcedure.query(({ ctx }) => {
    const { site } = ctx.services;
    const node = {
      role: ctx.services.nodeRole,
      siteId: site.id,
      siteName: site.name,
      siteKind: site.kind,
      /** A street hub enrolled with its district: the catalog, sites and calendar are the district's. */
      districtManaged: ctx.services.nodeRole === "hub" && !!ctx.services.upstream,
    };
    if (!ctx.user) return { user: null, node, idleLockMinutes: ctx.services.idleLockMinutes };
    const { id, username: name, displayName, role, siteId, locked } = ctx.user;
    const roleLabel = roleLabels[role].zh;
    return {
      user: { id, username: name, displayName, role, roleLabel, siteId, locked },
      node,
      idleLockMinutes: ctx.services.idleLockMinutes,
    };
  }),

  /** The quick-login picker on the shared terminal: this site's active users who set a PIN. */
  pinUsers: publicProcedure.query(async ({ ctx }) => {
    const users = await listUsers(ctx.services.db, ctx.services.site.id);
    return users
      .filter((u) => u.active && u.pinHash)
      .map((u) => ({
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        roleLabel: roleLabels[u.role].zh,
      }));
  }),

  ...sessionProcedures,
} satisfies TRPCRouterRecord;
