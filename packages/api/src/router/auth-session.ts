import {
  deleteOtherSessions,
  findUserById,
  lockSession,
  touchSession,
  type User,
  updateUser,
} from "@bangban/db";
import { checkPassword, DomainError } from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { beginAttempt } from "../auth/attempt";
import { hashSecret, verifySecret } from "../auth/password";
import type { ApiContext, SessionUser } from "../context";
import { auditEntry } from "../services/case-commands";
import { authedProcedure, sessionProcedure } from "../trpc";

type SessionContext = ApiContext & { user: SessionUser };

const UNLOCK = { field: "secret", zh: "解锁", en: "unlocks" };
const CHANGE = { field: "oldPassword", zh: "原密码验证", en: "password checks" };

async function auditFailure(ctx: SessionContext, kind: string): Promise<void> {
  await ctx.services.repo.store.commit([], [auditEntry(ctx, "auth.failed", null, { kind })]);
}

/** The user's PIN (when the secret looks like one) or password matches. */
async function secretMatches(user: User | null, secret: string): Promise<boolean> {
  if (!user?.active) return false;
  if (/^\d{6}$/.test(secret) && (await verifySecret(secret, user.pinHash))) return true;
  return verifySecret(secret, user.passwordHash);
}

async function unlock(ctx: SessionContext, secret: string) {
  const { services, user } = ctx;
  // The same limiter as sign-in: an idle screen is no way round the five-guess rule.
  const attempt = beginAttempt(services, `user:${user.username}`, `ip:${ctx.req.ip}`, UNLOCK);
  if (!(await secretMatches(await findUserById(services.db, user.id), secret))) {
    await auditFailure(ctx, "unlock");
    throw new DomainError({
      code: "NOT_ALLOWED",
      field: "secret",
      zh: "PIN 码或密码不正确",
      en: "Wrong PIN or password",
    });
  }
  attempt.succeed();
  await touchSession(services.db, user.tokenHash, services.clock().toISOString());
  await services.repo.store.commit([], [auditEntry(ctx, "auth.unlock", null)]);
  return { ok: true };
}

/** The new password obeys the rule and differs from the old; throws the field's error. */
function checkNewPassword(username: string, oldPassword: string, newPassword: string): void {
  const rule = checkPassword(newPassword, username, "newPassword");
  if (!rule.ok) throw rule.error;
  if (newPassword === oldPassword) {
    throw new DomainError({
      code: "INVALID_FORMAT",
      field: "newPassword",
      zh: "新密码不能与原密码相同",
      en: "The new password must differ from the old one",
    });
  }
}

/** Users are the hub's: a station's copy is replaced by the hub's at the next sync. */
function refuseAtStation(ctx: SessionContext): void {
  if (ctx.services.nodeRole === "hub") return;
  throw new DomainError({
    code: "NOT_ALLOWED",
    field: "oldPassword",
    zh: "密码由街道中心统一管理，请联系街道中心管理员重置",
    en: "Passwords are managed at the street center; ask its administrator",
  });
}

async function changePassword(ctx: SessionContext, oldPassword: string, newPassword: string) {
  const { services, user } = ctx;
  refuseAtStation(ctx);
  checkNewPassword(user.username, oldPassword, newPassword);
  const attempt = beginAttempt(services, `user:${user.username}`, `ip:${ctx.req.ip}`, CHANGE);
  const stored = await findUserById(services.db, user.id);
  if (!stored?.active || !(await verifySecret(oldPassword, stored.passwordHash))) {
    await auditFailure(ctx, "change-password");
    throw new DomainError({
      code: "NOT_ALLOWED",
      field: "oldPassword",
      zh: "原密码不正确",
      en: "Wrong current password",
    });
  }
  attempt.succeed();
  const now = services.clock().toISOString();
  await updateUser(services.db, user.id, { passwordHash: await hashSecret(newPassword) }, { now });
  // Whoever else holds a session of this user (a forgotten terminal) is signed out.
  const ended = await deleteOtherSessions(services.db, user.id, user.tokenHash);
  await services.repo.store.commit(
    [],
    [auditEntry(ctx, "auth.password_changed", null, { endedSessions: ended })],
  );
  return { ok: true, endedSessions: ended };
}

/** Lock, resume and password change: the calls on an existing session. */
export const sessionProcedures = {
  /** Resume an idle-locked session with the user's PIN or password. */
  unlock: sessionProcedure
    .input(z.object({ secret: z.string().min(1, "请输入 PIN 码或密码").max(200) }))
    .mutation(({ ctx, input }) => unlock(ctx, input.secret)),

  /** The web app locked its screen: the server refuses the session from now on too. */
  lock: sessionProcedure.mutation(async ({ ctx }) => {
    await lockSession(ctx.services.db, ctx.user.tokenHash);
    return { ok: true };
  }),

  changePassword: authedProcedure
    .input(
      z.object({
        oldPassword: z.string().min(1, "请输入原密码").max(200),
        newPassword: z.string().min(1, "请输入新密码").max(200, "密码不超过 200 位"),
      }),
    )
    .mutation(({ ctx, input }) => changePassword(ctx, input.oldPassword, input.newPassword)),
} satisfies TRPCRouterRecord;
