import { DomainError, domainErrorFromZod, type Role } from "@bangban/domain";
import { SyncError, type SyncErrorKind } from "@bangban/sync";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { ApiContext, SessionUser } from "./context";

/** The error body every client reads: a stable code, the field, and zh/en messages. */
export interface ApiErrorData {
  code: string;
  field: string | null;
  zh: string;
  en: string;
  retryAfterSeconds?: number;
  /** The same wait to the millisecond (a busy hub's jitter is finer than a second). */
  retryAfterMs?: number;
  /** A sync refusal about one case names it, so the station can set that case aside. */
  caseId?: string;
}

/** The typed body of a tRPC error (what the formatter sends as `data.bangban`). */
export function apiErrorData(error: TRPCError): ApiErrorData {
  const cause = error.cause;
  if (cause instanceof ZodError) {
    const d = domainErrorFromZod(cause);
    return { code: d.code, field: d.field, zh: d.zh, en: d.en };
  }
  if (cause instanceof DomainError) {
    return { code: cause.code, field: cause.field, zh: cause.zh, en: cause.en };
  }
  if (cause instanceof SyncError) {
    return {
      code: cause.data.kind,
      field: cause.data.caseId ? "caseId" : null,
      zh: cause.data.zh,
      en: cause.data.en,
      ...(cause.data.caseId ? { caseId: cause.data.caseId } : {}),
      ...(cause.data.retryAfterMs
        ? {
            retryAfterSeconds: Math.ceil(cause.data.retryAfterMs / 1000),
            retryAfterMs: cause.data.retryAfterMs,
          }
        : {}),
    };
  }
  const extra = cause as { apiData?: ApiErrorData } | undefined;
  if (extra?.apiData) return extra.apiData;
  // An unexpected failure's message is the driver's: SQL text, parameters, file paths. It is
  // logged server-side (the HTTP layer's onError) and never sent.
  const en = error.code === "INTERNAL_SERVER_ERROR" ? INTERNAL_EN : error.message;
  return { code: error.code, field: null, zh: zhFor(error.code), en };
}

const INTERNAL_EN = "Internal error";

function zhFor(code: TRPCError["code"]): string {
  switch (code) {
    case "UNAUTHORIZED":
      return "请先登录";
    case "FORBIDDEN":
      return "没有权限进行该操作";
    case "NOT_FOUND":
      return "未找到";
    case "TOO_MANY_REQUESTS":
      return "尝试次数过多，请稍后再试";
    case "PAYLOAD_TOO_LARGE":
      return "提交的内容过大";
    default:
      return "服务器出错，请稍后重试；如持续出现请联系管理员";
  }
}

const t = initTRPC.context<ApiContext>().create({
  errorFormatter({ shape, error }) {
    const bangban = apiErrorData(error);
    // tRPC copies the cause's message into `message` too: for an unexpected failure that is
    // the SQL text, so the typed English message replaces it.
    const message = error.code === "INTERNAL_SERVER_ERROR" ? bangban.en : shape.message;
    return { ...shape, message, data: { ...shape.data, stack: undefined, bangban } };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

const SYNC_HTTP: Record<SyncErrorKind, TRPCError["code"]> = {
  UNKNOWN_STATION: "UNAUTHORIZED",
  REVOKED: "FORBIDDEN",
  PROTOCOL_VERSION: "PRECONDITION_FAILED",
  MALFORMED_BATCH: "BAD_REQUEST",
  BATCH_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FORGED_ACTOR: "FORBIDDEN",
  NOT_IN_SCOPE: "FORBIDDEN",
  MISSING_DEPS: "CONFLICT",
  BAD_ENROLMENT_CODE: "BAD_REQUEST",
  RETRY_AFTER: "TOO_MANY_REQUESTS",
  HISTORY_REWRITTEN: "FORBIDDEN",
  CONFLICTING_EVENT: "CONFLICT",
  FORBIDDEN_EVENT: "FORBIDDEN",
  INVALID_CASE: "BAD_REQUEST",
  ACTOR_ID_TAKEN: "BAD_REQUEST",
  AUDIT_CHAIN_BROKEN: "FORBIDDEN",
  BLOB_HASH_MISMATCH: "BAD_REQUEST",
  BLOB_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  BLOB_NOT_REFERENCED: "FORBIDDEN",
  BLOB_REF_MISMATCH: "BAD_REQUEST",
  BLOB_MISSING: "CONFLICT",
};

/** Turns DomainErrors and SyncErrors thrown by procedures into typed tRPC errors. */
const domainErrors = t.middleware(async ({ next }) => {
  const r = await next();
  if (!r.ok && r.error.cause instanceof DomainError) {
    const code = r.error.cause.code === "NOT_ALLOWED" ? "FORBIDDEN" : "BAD_REQUEST";
    throw new TRPCError({ code, message: r.error.cause.en, cause: r.error.cause });
  }
  if (!r.ok && r.error.cause instanceof SyncError) {
    throw new TRPCError({
      code: SYNC_HTTP[r.error.cause.data.kind],
      message: r.error.cause.data.en,
      cause: r.error.cause,
    });
  }
  return r;
});

export const publicProcedure = t.procedure.use(domainErrors);

/** Signed in, locked or not: only the resume, lock and logout calls are built on this. */
export const sessionProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  return next({ ctx: { ...ctx, user: ctx.user as SessionUser } });
});

/** The typed refusal of a locked session: the web app shows its lock screen on it. */
export function sessionLocked(): TRPCError {
  const en = "The screen is locked; enter your PIN or password to continue";
  return new TRPCError({
    code: "UNAUTHORIZED",
    message: en,
    cause: Object.assign(new Error("session locked"), {
      apiData: {
        code: "SESSION_LOCKED",
        field: null,
        zh: "屏幕已锁定，请输入 PIN 码或密码继续",
        en,
      },
    }),
  });
}

/** Signed in and not idle-locked (等保2.0: automatic lock after idle time). */
export const authedProcedure = sessionProcedure.use(({ ctx, next }) => {
  if (ctx.user.locked) throw sessionLocked();
  return next();
});

/** A procedure only these roles may call; checked on every call. */
export function roleProcedure(roles: readonly Role[]) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `Role ${ctx.user.role} may not do this`,
        cause: new DomainError({
          code: "NOT_ALLOWED",
          field: "role",
          zh: "您的岗位没有权限进行该操作",
          en: `Role ${ctx.user.role} may not do this`,
        }),
      });
    }
    return next();
  });
}

export { TRPCError };
