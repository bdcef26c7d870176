import {
  CASE_STATUSES,
  type CaseStage,
  type CaseStatus,
  DomainError,
  isLocalDate,
  TERMINAL_STATUSES,
} from "@bangban/domain";
import type { Colour } from "@bangban/sync";
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  notInArray,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { Db } from "../client";
import type { ProjectionRow } from "../projection-row";
import { caseProjections as p } from "../schema";

/** The largest page listCases returns. */
export const MAX_PAGE = 1000;

export interface CaseFilter {
  /** Cases whose origin, handling or pick-up site is any of these; `[]` matches nothing. */
  siteIds?: string[];
  statuses?: CaseStatus[];
  itemCode?: string;
  /** The deadline colour on `today`, exactly as `colourOn` computes it. */
  colour?: Colour;
  /** `YYYY-MM-DD`, the node's today (China time); used by `colour`. */
  today: string;
  applicantNameMasked?: string;
  applicantIdHash?: string;
  caseNumber?: string;
  assigneeId?: string;
  conflict?: boolean;
  /** The step inside the status (已转报中心, 待审批). */
  stage?: CaseStage;
  /** true: not in a terminal status; false: terminal only. */
  open?: boolean;
  /** due: earliest due first (no due date last); updated/submitted: newest first. Default updated. */
  orderBy?: "due" | "updated" | "submitted";
  limit: number;
  offset?: number;
}

export interface CasePage {
  rows: ProjectionRow[];
  /** How many cases match the filter, ignoring limit and offset. */
  total: number;
}

const TERMINAL = [...TERMINAL_STATUSES];
/** Statuses whose clock shows no colour even when accepted (see colourOn). */
const COLOURLESS = [...TERMINAL, "READY_FOR_PICKUP"] as CaseStatus[];

/** One page of projected cases matching `filter`, with the total count. */
export async function listCases(db: Db, filter: CaseFilter): Promise<CasePage> {
  const [rows, totals] = await db.orm.batch(listQueries(db, filter));
  return { rows, total: totals[0]?.n ?? 0 };
}

/** The two statements of listCases, the page and its count (also for reading their plans). */
export function listQueries(db: Db, filter: CaseFilter) {
  checkFilter(filter);
  const where = and(...conditions(filter));
  return [
    db.orm
      .select()
      .from(p)
      .where(where)
      .orderBy(...ordering(filter.orderBy ?? "updated"))
      .limit(filter.limit)
      .offset(filter.offset ?? 0),
    db.orm.select({ n: count() }).from(p).where(where),
  ] as const;
}

export async function getCaseByNumber(db: Db, caseNumber: string): Promise<ProjectionRow | null> {
  const row = await db.orm.select().from(p).where(eq(p.caseNumber, caseNumber)).get();
  return row ?? null;
}

/**
 * Ids of the cases not in a terminal status, in id order after `after` (a keyset page, so a
 * pass over every open case reads each once while cases are written meanwhile).
 */
export async function openCaseIdsAfter(db: Db, after: string, limit: number): Promise<string[]> {
  const rows = await db.orm
    .select({ id: p.caseId })
    .from(p)
    .where(and(gt(p.caseId, after), notInArray(p.status, TERMINAL)))
    .orderBy(asc(p.caseId))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Closed cases (terminal status), in id order after `after`: the one-time attachment index pass. */
export async function closedCaseIdsAfter(db: Db, after: string, limit: number): Promise<string[]> {
  const rows = await db.orm
    .select({ id: p.caseId })
    .from(p)
    .where(and(gt(p.caseId, after), inArray(p.status, TERMINAL)))
    .orderBy(asc(p.caseId))
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * Cases rated 差评 whose projection has no rectification record yet: projected before the
 * projection knew 差评整改 (migration 0009), closed cases included. In id order, after `after`.
 */
export async function badRatedUnrectifiedIdsAfter(
  db: Db,
  after: string,
  limit: number,
): Promise<string[]> {
  const rows = await db.orm
    .select({ id: p.caseId })
    .from(p)
    .where(and(gt(p.caseId, after), lte(p.ratingLevel, 2), isNull(p.rectifySiteId)))
    .orderBy(asc(p.caseId))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** How many cases are in each status (zero for the rest), optionally within some sites. */
export async function countByStatus(
  db: Db,
  siteIds?: string[],
): Promise<Record<CaseStatus, number>> {
  const rows = await db.orm
    .select({ status: p.status, n: count() })
    .from(p)
    .where(siteIds === undefined ? undefined : inSites(siteIds))
    .groupBy(p.status);
  const out = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  for (const r of rows) out[r.status] = r.n;
  return out;
}

/**
 * The SQL reading of `colourOn(projection, today)`: which rows show `colour` on `today`.
 * Kept beside colourOn's rules: none when not accepted, terminal or ready for pick-up;
 * a paused case shows its frozen colour (green when none was frozen); otherwise red once
 * today is past the due day, yellow from `yellow_from`, green before.
 */
export function colourCondition(colour: Colour, today: string): SQL {
  if (colour === "none") return or(isNull(p.acceptedAt), inArray(p.status, COLOURLESS)) as SQL;
  const running = and(isNotNull(p.acceptedAt), notInArray(p.status, COLOURLESS));
  const frozen =
    colour === "green"
      ? or(isNull(p.frozenColour), eq(p.frozenColour, "green"))
      : eq(p.frozenColour, colour);
  const red = and(isNotNull(p.dueOn), lt(p.dueOn, today));
  const notRed = or(isNull(p.dueOn), gte(p.dueOn, today));
  const yellow = and(isNotNull(p.yellowFrom), lte(p.yellowFrom, today));
  const notYellow = or(isNull(p.yellowFrom), gt(p.yellowFrom, today));
  const live =
    colour === "red" ? red : colour === "yellow" ? and(notRed, yellow) : and(notRed, notYellow);
  return and(running, or(and(eq(p.paused, true), frozen), and(eq(p.paused, false), live))) as SQL;
}

function conditions(f: CaseFilter): (SQL | undefined)[] {
  return [
    f.siteIds === undefined ? undefined : inSites(f.siteIds),
    f.statuses === undefined ? undefined : inArray(p.status, f.statuses),
    f.itemCode === undefined ? undefined : eq(p.itemCode, f.itemCode),
    f.colour === undefined ? undefined : colourCondition(f.colour, f.today),
    f.applicantNameMasked === undefined
      ? undefined
      : eq(p.applicantNameMasked, f.applicantNameMasked),
    f.applicantIdHash === undefined ? undefined : eq(p.applicantIdHash, f.applicantIdHash),
    f.caseNumber === undefined ? undefined : eq(p.caseNumber, f.caseNumber),
    f.assigneeId === undefined ? undefined : eq(p.assigneeId, f.assigneeId),
    f.conflict === undefined ? undefined : eq(p.conflict, f.conflict),
    f.stage === undefined ? undefined : eq(p.stage, f.stage),
    f.open === undefined
      ? undefined
      : f.open
        ? notInArray(p.status, TERMINAL)
        : inArray(p.status, TERMINAL),
  ];
}

function inSites(siteIds: string[]): SQL {
  if (siteIds.length === 0) return sql`0`;
  return or(
    inArray(p.originSiteId, siteIds),
    inArray(p.handlingSiteId, siteIds),
    inArray(p.pickupSiteId, siteIds),
  ) as SQL;
}

function ordering(orderBy: NonNullable<CaseFilter["orderBy"]>): SQL[] {
  switch (orderBy) {
    case "due":
      return [sql`${p.dueOn} ASC NULLS LAST`, asc(p.caseNumber)];
    case "submitted":
      return [desc(p.submittedAt), desc(p.caseId)];
    case "updated":
      return [desc(p.updatedAt), desc(p.caseId)];
  }
}

function checkFilter(f: CaseFilter): void {
  if (!Number.isInteger(f.limit) || f.limit < 1 || f.limit > MAX_PAGE) {
    throw new DomainError({
      code: "OUT_OF_RANGE",
      field: "limit",
      zh: `每页条数应为 1 到 ${MAX_PAGE} 之间的整数`,
      en: `limit must be an integer from 1 to ${MAX_PAGE}`,
    });
  }
  if (f.offset !== undefined && (!Number.isInteger(f.offset) || f.offset < 0)) {
    throw new DomainError({
      code: "OUT_OF_RANGE",
      field: "offset",
      zh: "偏移量应为非负整数",
      en: "offset must be a non-negative integer",
    });
  }
  if (f.colour !== undefined && !isLocalDate(f.today)) {
    throw new DomainError({
      code: "INVALID_DATE",
      field: "today",
      zh: `按时限颜色筛选需要有效的当天日期（YYYY-MM-DD），收到 ${f.today}`,
      en: `filtering by colour needs today as YYYY-MM-DD, got ${f.today}`,
    });
  }
}
