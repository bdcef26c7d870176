import { createSession, deleteSession, findUserByUsername, listUsers } from "@bangban/db";
import { DomainError, type Role, roleLabels } from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { verifySecret } from "../auth/password";
import { newSessionToken } from "../auth/session";
import type { ApiContext, NodeServices } from "../context";
import { auditEntry } from "../services/case-commands";
import { authedProcedure, publicProcedure, TRPCError } from "../trpc";

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
  const keys = [`user:${name}`, `ip:${req.ip}`];
  const wait = services.limiter.retryAfter(keys, now);
  if (wait > 0) {
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `Too many failed sign-ins; retry in ${wait}s`,
      cause: Object.assign(new Error("rate limited"), {
        apiData: {
          code: "RATE_LIMITED",
          field: "username",
          zh: `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试`,
          en: `Too many failed sign-ins; retry in ${wait}s`,
          retryAfterSeconds: wait,
        },
      }),
    });
  }
  const user = await findUserByUsername(services.db, name);
  const stored = user ? (kind === "pin" ? user.pinHash : user.passwordHash) : null;
  const ok =
    user?.active === true && signsInHere(services, user)
      ? await verifySecret(secret, stored)
      : false;
  if (!user || !ok) {
    services.limiter.fail(keys, now);
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
  services.limiter.succeed(keys);
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

  logout: authedProcedure.mutation(async ({ ctx }) => {
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
    };
    if (!ctx.user) return { user: null, node };
    const { id, username: name, displayName, role, siteId } = ctx.user;
    return {
      user: { id, username: name, displayName, role, roleLabel: roleLabels[role].zh, siteId },
      node,
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
} satisfies TRPCRouterRecord;
