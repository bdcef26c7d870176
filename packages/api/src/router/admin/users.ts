import {
  createUser,
  deleteUserSessions,
  findUserById,
  getSite,
  listUsers,
  type Site,
  type User,
  type UserPatch,
  updateUser,
} from "@bangban/db";
import {
  checkBackup,
  checkPassword,
  type Role,
  roleLabels,
  SITE_KIND_OF_ROLE,
  STAFF_ROLES,
  type StaffRole,
} from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { hashSecret } from "../../auth/password";
import { ADMIN_READERS, ADMINS } from "../../roles";
import { roleProcedure } from "../../trpc";
import { type AdminContext, audit, refusal, requireManage, siteOrRefuse } from "./shared";

const KIND_LABEL: Record<Site["kind"], string> = {
  district: "区（县）政务服务中心",
  center: "街道便民服务中心",
  station: "社区便民服务站",
};

const userId = z.string().trim().min(1, "请选择用户").max(64);
const role = z.enum(STAFF_ROLES, { message: "请选择岗位" });
const siteId = z.string().trim().min(1, "请选择所属站点").max(12, "站点编码为 6、9 或 12 位数字");
// The complexity rule needs the user name too: checked by `strongPassword` in the mutation.
const password = z.string().min(1, "请填写密码").max(200, "密码不超过 200 位");
const pin = z.string().regex(/^\d{6}$/, "PIN 码为 6 位数字");
const version = z.number().int().min(1).optional();
/** AB岗: null clears the backup. */
const backupUserId = z.string().trim().max(64).nullable().optional();

/** A user as administrators see it: never a password or PIN hash. */
function userView(u: User) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    roleLabel: roleLabels[u.role].zh,
    siteId: u.siteId,
    active: u.active,
    backupUserId: u.backupUserId,
    hasPin: u.pinHash !== null,
    version: u.version,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

/** Throws the field's error when the password breaks the rule of packages/domain. */
function strongPassword(password: string, username: string): string {
  const r = checkPassword(password, username, "password");
  if (!r.ok) throw r.error;
  return password;
}

/** The role fits the site's kind, the site is the admin's to manage, and no one grants more than they hold. */
async function checkAssignment(ctx: AdminContext, r: Role, site: string): Promise<void> {
  const s = siteOrRefuse(await getSite(ctx.services.db, site), site, "siteId");
  const kind = SITE_KIND_OF_ROLE[r as StaffRole];
  if (s.kind !== kind) {
    throw refusal(
      "NOT_ELIGIBLE",
      "siteId",
      `「${roleLabels[r].zh}」应属于${KIND_LABEL[kind]}，所选站点是${KIND_LABEL[s.kind]}`,
      `A ${r} belongs to a ${kind} site, not a ${s.kind}`,
    );
  }
  requireManage(ctx, site, "siteId");
  if (r === "district_admin" && ctx.user.role !== "district_admin") {
    throw refusal(
      "NOT_ALLOWED",
      "role",
      "只有区级管理员可以设置区级管理员",
      "Only a district admin may grant that role",
    );
  }
}

/** AB岗: the backup is an active account of the user's (new) site, never the user themself. */
async function checkBackupOf(
  ctx: AdminContext,
  user: { id: string; siteId: string },
  backupId: string | null | undefined,
): Promise<void> {
  if (!backupId) return;
  const b = await findUserById(ctx.services.db, backupId);
  const r = checkBackup(user, backupId, b ?? undefined);
  if (!r.ok) throw r.error;
}

async function userOrRefuse(ctx: AdminContext, id: string): Promise<User> {
  const u = await findUserById(ctx.services.db, id);
  if (!u) throw refusal("NOT_ELIGIBLE", "id", "用户不存在", `No user ${id}`);
  requireManage(ctx, u.siteId, "id");
  if (u.role === "district_admin" && ctx.user.role !== "district_admin") {
    throw refusal(
      "NOT_ALLOWED",
      "id",
      "只有区级管理员可以修改区级管理员账号",
      "Only a district admin may change that account",
    );
  }
  return u;
}

async function patchUser(ctx: AdminContext, u: User, patch: UserPatch, expectedVersion?: number) {
  const now = ctx.services.clock().toISOString();
  const saved = await updateUser(ctx.services.db, u.id, patch, { expectedVersion, now });
  if (!saved) {
    throw refusal(
      "NOT_ELIGIBLE",
      "expectedVersion",
      "该账号已被他人修改，请刷新后再操作",
      "The account changed meanwhile; reload and retry",
    );
  }
  return saved;
}

/** 用户与岗位 (hub): staff accounts of the center, its stations and the district. */
export const adminUsersRouter = {
  list: roleProcedure(ADMIN_READERS)
    .input(z.object({ siteId: siteId.optional() }).default({}))
    .query(async ({ ctx, input }) =>
      (await listUsers(ctx.services.db, input.siteId)).map(userView),
    ),

  create: roleProcedure(ADMINS)
    .input(
      z.object({
        username: z
          .string()
          .trim()
          .regex(/^[a-z][a-z0-9_.-]{2,31}$/, "用户名为 3–32 位小写字母、数字或 _ . -，以字母开头"),
        displayName: z.string().trim().min(1, "请填写姓名").max(50, "姓名不超过 50 字"),
        role,
        siteId,
        password,
        pin: pin.optional(),
        backupUserId,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AdminContext;
      strongPassword(input.password, input.username);
      await checkAssignment(c, input.role, input.siteId);
      const id = `u-${c.services.newId()}`;
      await checkBackupOf(c, { id, siteId: input.siteId }, input.backupUserId);
      const u = await createUser(
        c.services.db,
        {
          id,
          siteId: input.siteId,
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          passwordHash: await hashSecret(input.password),
          pinHash: input.pin ? await hashSecret(input.pin) : null,
          backupUserId: input.backupUserId || null,
        },
        c.services.clock().toISOString(),
      );
      await audit(c, "user.create", {
        targetUserId: u.id,
        username: u.username,
        role: u.role,
        siteId: u.siteId,
      });
      return userView(u);
    }),

  /** Role, site, name and whether the account is active. Deactivating ends the user's sessions. */
  update: roleProcedure(ADMINS)
    .input(
      z.object({
        id: userId,
        displayName: z.string().trim().min(1, "请填写姓名").max(50, "姓名不超过 50 字").optional(),
        role: role.optional(),
        siteId: siteId.optional(),
        active: z.boolean().optional(),
        backupUserId,
        expectedVersion: version,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AdminContext;
      const u = await userOrRefuse(c, input.id);
      const self = u.id === c.user.id;
      if (self && ((input.role ?? u.role) !== u.role || input.active === false)) {
        throw refusal(
          "NOT_ALLOWED",
          input.active === false ? "active" : "role",
          "不能停用自己的账号或修改自己的岗位",
          "You cannot deactivate yourself or change your own role",
        );
      }
      const next = { role: input.role ?? u.role, siteId: input.siteId ?? u.siteId };
      if (next.role !== u.role || next.siteId !== u.siteId)
        await checkAssignment(c, next.role, next.siteId);
      // A new site needs a B岗 of that site: the old one is checked again (or cleared by the caller).
      const backup = input.backupUserId === undefined ? u.backupUserId : input.backupUserId;
      if (input.backupUserId !== undefined || next.siteId !== u.siteId)
        await checkBackupOf(c, { id: u.id, siteId: next.siteId }, backup);
      // drizzle leaves fields that are undefined as they are.
      const patch: UserPatch = {
        displayName: input.displayName,
        role: input.role,
        siteId: input.siteId,
        active: input.active,
        backupUserId: input.backupUserId === undefined ? undefined : input.backupUserId || null,
      };
      const saved = await patchUser(c, u, patch, input.expectedVersion);
      if (!saved.active || saved.siteId !== u.siteId) await deleteUserSessions(c.services.db, u.id);
      const changed = (["displayName", "role", "siteId", "active", "backupUserId"] as const).filter(
        (k) => saved[k] !== u[k],
      );
      await audit(c, "user.update", {
        targetUserId: u.id,
        changed,
        role: saved.role,
        siteId: saved.siteId,
        active: saved.active,
        backupUserId: saved.backupUserId,
      });
      return userView(saved);
    }),

  /** Sets a new password (the user's sessions end). */
  resetPassword: roleProcedure(ADMINS)
    .input(z.object({ id: userId, password }))
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AdminContext;
      const u = await userOrRefuse(c, input.id);
      strongPassword(input.password, u.username);
      const saved = await patchUser(c, u, { passwordHash: await hashSecret(input.password) });
      await deleteUserSessions(c.services.db, u.id);
      await audit(c, "user.password_reset", { targetUserId: u.id });
      return userView(saved);
    }),

  /**
   * Sets or (with null) clears the 6-digit PIN for quick sign-in at a station counter. The
   * user's sessions end, here and (by the reference data) at their station.
   */
  setPin: roleProcedure(ADMINS)
    .input(z.object({ id: userId, pin: pin.nullable() }))
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AdminContext;
      const u = await userOrRefuse(c, input.id);
      const saved = await patchUser(c, u, {
        pinHash: input.pin ? await hashSecret(input.pin) : null,
      });
      await deleteUserSessions(c.services.db, u.id);
      await audit(c, input.pin ? "user.pin_set" : "user.pin_cleared", { targetUserId: u.id });
      return userView(saved);
    }),
} satisfies TRPCRouterRecord;
