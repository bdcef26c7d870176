import {
  appendAudit,
  getCaseByNumber,
  getSite,
  knownStaff,
  listAuditView,
  listSites,
  listUsers,
  stationAuditSites,
  verifyAuditChain,
} from "@bangban/db";
import {
  AUDIT_LOG_READERS,
  addDays,
  DomainError,
  isCenterCode,
  PERSON_ACCESS_ACTIONS,
  type Role,
  ruleInstant,
  type SiteKind,
} from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import type { ApiContext, SessionUser } from "../context";
import { localDate } from "../inputs";
import { auditEntry } from "../services/case-commands";
import { roleProcedure, TRPCError } from "../trpc";

/** A node's own readers only (AUDIT_LOG_READERS): a station lead at the hub reads nothing. */
const auditProcedure = roleProcedure([...AUDIT_LOG_READERS.station, ...AUDIT_LOG_READERS.hub]).use(
  ({ ctx, next }) => {
    const readers: readonly Role[] = AUDIT_LOG_READERS[ctx.services.nodeRole];
    if (!readers.includes(ctx.user.role)) {
      const en = `Role ${ctx.user.role} may not read this node's audit log`;
      throw new TRPCError({
        code: "FORBIDDEN",
        message: en,
        cause: Object.assign(new Error("audit log"), {
          apiData: {
            code: "NOT_ALLOWED",
            field: "role",
            zh: "您的岗位不能查看本节点的审计日志",
            en,
          },
        }),
      });
    }
    return next();
  },
);

type Ctx = ApiContext & { user: SessionUser };

/**
 * A log this reader may open: the node's own, or (at a hub) a station's synced copy, or (at a
 * district) a street's own log or one of its stations', as the street relayed it.
 */
export interface AuditLogSite {
  siteId: string;
  name: string;
  kind: SiteKind;
  /** The node's own log (audit_log), not a station's copy. */
  own: boolean;
  /** At a district: the name of the log's street, its own or its station's (the picker groups by it). */
  street?: string;
}

/**
 * The logs that reach this hub from below: at a street its stations'; at a district each
 * street's own log and then its stations', under the street.
 */
async function logsBelow(ctx: Ctx): Promise<Omit<AuditLogSite, "own">[]> {
  const { db, site } = ctx.services;
  const listed = (parentId: string) => listSites(db, { parentId, kind: "station" });
  const plain = (s: { id: string; name: string; kind: SiteKind }, street?: string) => ({
    siteId: s.id,
    name: s.name,
    kind: s.kind,
    ...(street ? { street } : {}),
  });
  if (site.kind !== "district") return (await listed(site.id)).map((s) => plain(s));
  const out = [];
  for (const street of await listSites(db, { parentId: site.id, kind: "center" })) {
    out.push(plain(street, street.name));
    out.push(...(await listed(street.id)).map((s) => plain(s, street.name)));
  }
  return out;
}

/**
 * The logs the reader may choose from: a station's own; at a hub its own and every station's;
 * at a district its own and every street's own and stations', grouped by street (tree order).
 */
async function readableLogs(ctx: Ctx): Promise<AuditLogSite[]> {
  const { db, site } = ctx.services;
  const own: AuditLogSite = { siteId: site.id, name: site.name, kind: site.kind, own: true };
  if (ctx.services.nodeRole === "station") return [own];
  const logs = new Map((await logsBelow(ctx)).map((s) => [s.siteId, { ...s, own: false }]));
  // A site whose rows the hub holds stays readable after the site list moved on.
  for (const s of await stationAuditSites(db)) {
    if (logs.has(s.siteId)) continue;
    const held = await getSite(db, s.siteId);
    const kind = held?.kind ?? (isCenterCode(s.siteId) ? "center" : "station");
    logs.set(s.siteId, { siteId: s.siteId, name: held?.name ?? s.siteId, kind, own: false });
  }
  return [own, ...logs.values()];
}

/** The log `site` names (default: the node's own), or the typed refusal naming `site`. */
async function chosenLog(ctx: Ctx, site: string | undefined): Promise<AuditLogSite> {
  const logs = await readableLogs(ctx);
  const log = site === undefined ? logs[0] : logs.find((l) => l.siteId === site);
  if (!log) {
    throw new DomainError({
      code: "NOT_ELIGIBLE",
      field: "site",
      zh: "没有该站点的审计日志，请从列表中选择站点",
      en: `No audit log of site ${site} here`,
    });
  }
  return log;
}

const siteInput = z
  .string()
  .trim()
  .regex(/^\d{6}(\d{3}){0,2}$/, "站点代码应为 6、9 或 12 位数字");

export const auditListInput = z.object({
  site: siteInput.optional(),
  userId: z.string().trim().min(1, "请选择人员").max(100, "人员编号不正确").optional(),
  /** One action, or a family (`case.*`). */
  action: z
    .string()
    .trim()
    .regex(/^[a-z][a-z_]*(\.[a-z_]+)*(\.\*)?$/, "操作类型不正确，请从列表中选择")
    .max(80, "操作类型不正确，请从列表中选择")
    .optional(),
  /** 查阅记录: only full-ID searches, reveals and 带入 (PERSON_ACCESS_ACTIONS). */
  access: z.boolean().default(false),
  caseNumber: z
    .string()
    .trim()
    .regex(/^\d{9,12}-\d{8}-\d{4,6}$/, "受理号格式不正确，如 330106001001-20261102-0001")
    .optional(),
  /** China-time days, both inclusive. */
  from: localDate.optional(),
  to: localDate.optional(),
  before: z.number().int().min(1, "翻页位置不正确").optional(),
  limit: z
    .number()
    .int()
    .min(1, "每页条数应为 1 到 100")
    .max(100, "每页条数应为 1 到 100")
    .default(50),
});
export type AuditListInput = z.input<typeof auditListInput>;

/**
 * Rows whose person this node holds no account for (a street's staff, in the street's log at the
 * district) get the name and post the node knows them by (knownStaff: the streets' reports, the
 * directory from above); a person it knows nothing of keeps the bare id.
 */
async function withNames<
  R extends { userId: string; userName: string | null; userRole: string | null },
>(db: Parameters<typeof knownStaff>[0], rows: R[]): Promise<R[]> {
  if (rows.every((r) => r.userName !== null)) return rows;
  const staff = new Map((await knownStaff(db)).map((s) => [s.id, s]));
  return rows.map((r) => {
    const known = r.userName === null ? staff.get(r.userId) : undefined;
    return known ? { ...r, userName: known.displayName, userRole: known.role } : r;
  });
}

/** The audit log (审计日志) of this node, or at a hub of any of its stations; each read is logged. */
export const auditRouter = {
  sites: auditProcedure.query(({ ctx }) => readableLogs(ctx)),

  /** The people of the chosen log's site, for the person filter. */
  people: auditProcedure
    .input(z.object({ site: siteInput.optional() }).default({}))
    .query(async ({ ctx, input }) => {
      const log = await chosenLog(ctx, input.site);
      const held = await listUsers(ctx.services.db, log.siteId);
      // A log whose people this node holds no accounts for (a street's, or its station's, at
      // the district): the staff the node knows of there, as the streets reported them.
      const people = held.length
        ? held
        : (await knownStaff(ctx.services.db)).filter((s) => s.siteId === log.siteId);
      return people.map((u) => ({ id: u.id, displayName: u.displayName, role: u.role }));
    }),

  list: auditProcedure.input(auditListInput).query(async ({ ctx, input }) => {
    if (input.from && input.to && input.to < input.from) {
      throw new DomainError({
        code: "OUT_OF_RANGE",
        field: "to",
        zh: "结束日期不能早于开始日期",
        en: "The end date is before the start date",
      });
    }
    const log = await chosenLog(ctx, input.site);
    const { db } = ctx.services;
    const found = input.caseNumber ? await getCaseByNumber(db, input.caseNumber) : null;
    const { limit, before, site: _site, ...filter } = input;
    // Reading the log is itself logged, with what was asked (等保: audit records are audited too).
    await appendAudit(db, [
      auditEntry(ctx, "audit.read", found?.caseId ?? null, { site: log.siteId, ...filter }),
    ]);
    if (input.caseNumber && !found) return { site: log, rows: [], next: null };
    const rows = await listAuditView(db, {
      station: log.own ? null : log.siteId,
      limit,
      ...(input.userId ? { userId: input.userId } : {}),
      ...(input.action ? { action: input.action } : {}),
      ...(input.access ? { actions: PERSON_ACCESS_ACTIONS } : {}),
      ...(found ? { caseId: found.caseId } : {}),
      ...(input.from ? { from: ruleInstant(input.from) } : {}),
      ...(input.to ? { to: ruleInstant(addDays(input.to, 1)) } : {}),
      ...(before ? { beforeId: before } : {}),
    });
    const last = rows.at(-1);
    return {
      site: log,
      rows: await withNames(db, rows),
      next: last && rows.length === limit ? last.id : null,
    };
  }),

  /**
   * 校验链: walks the chosen log's whole hash chain and reports the first broken row, if any
   * (the CLIs' `verify-audit`, for one site). Logged with its verdict.
   */
  verify: auditProcedure
    .input(z.object({ site: siteInput.optional() }).default({}))
    .mutation(async ({ ctx, input }) => {
      const log = await chosenLog(ctx, input.site);
      const result = await verifyAuditChain(ctx.services.db, log.own ? undefined : log.siteId);
      await appendAudit(ctx.services.db, [
        auditEntry(ctx, "audit.verify", null, {
          site: log.siteId,
          ok: result.ok,
          ...(result.ok
            ? { rows: result.rows }
            : { brokenId: result.brokenId, reason: result.reason }),
        }),
      ]);
      return { site: log, result };
    }),
} satisfies TRPCRouterRecord;
