import { CASE_STATUSES, type CaseStatus, TERMINAL_STATUSES } from "@bangban/domain";
import type { DeadlineColour, ListInput } from "../../api/types";

/** Statuses a case can be waiting in (the queue shows open cases only). */
export const QUEUE_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter(
  (s) => !TERMINAL_STATUSES.has(s),
);
const COLOURS: readonly DeadlineColour[] = ["red", "yellow", "green", "none"];

/** The queue's filters, as kept in the page address (a reload or "back" keeps them). */
export interface QueueFilter {
  siteId?: string;
  itemCode?: string;
  statuses?: CaseStatus[];
  colour?: DeadlineColour;
  caseNumber?: string;
  /** 待审批: only cases whose review opinion waits for the approver. */
  awaiting?: boolean;
  page: number;
}

export const QUEUE_PAGE = 20;
/**
 * cases.list has no site filter yet: with a site chosen, the queue reads the most urgent
 * cases up to this many and keeps the site's own (see README, "API changes wanted").
 */
export const SITE_SCAN_LIMIT = 200;

const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : undefined);

/** Reads the filters from the address; anything unknown is ignored. */
export function filterFromSearch(params: URLSearchParams): QueueFilter {
  const statuses = params
    .getAll("status")
    .filter((s): s is CaseStatus => (QUEUE_STATUSES as readonly string[]).includes(s));
  const colour = params.get("colour");
  const page = Number(params.get("page"));
  return {
    siteId: text(params.get("site")),
    itemCode: text(params.get("item")),
    statuses: statuses.length ? statuses : undefined,
    colour: COLOURS.includes(colour as DeadlineColour) ? (colour as DeadlineColour) : undefined,
    caseNumber: text(params.get("no")),
    awaiting: params.get("awaiting") === "1" || undefined,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** The filters as an address query, blanks left out (the inverse of filterFromSearch). */
export function searchOfFilter(f: QueueFilter): URLSearchParams {
  const p = new URLSearchParams();
  if (f.siteId) p.set("site", f.siteId);
  if (f.itemCode) p.set("item", f.itemCode);
  for (const s of f.statuses ?? []) p.append("status", s);
  if (f.colour) p.set("colour", f.colour);
  if (text(f.caseNumber)) p.set("no", (f.caseNumber ?? "").trim());
  if (f.awaiting) p.set("awaiting", "1");
  if (f.page > 1) p.set("page", String(f.page));
  return p;
}

/**
 * What cases.list receives for the queue: every site of the street (scope "all"), open
 * cases, the nearest deadline first. With a site chosen the page is cut on this side.
 */
export function queueInputOf(f: QueueFilter): ListInput {
  const bySite = f.siteId !== undefined;
  return {
    scope: "all",
    open: true,
    orderBy: "due",
    statuses: f.statuses?.length ? f.statuses : undefined,
    itemCode: f.itemCode,
    colour: f.colour,
    caseNumber: text(f.caseNumber),
    stage: f.awaiting ? "awaiting_approval" : undefined,
    limit: bySite ? SITE_SCAN_LIMIT : QUEUE_PAGE,
    offset: bySite ? 0 : (f.page - 1) * QUEUE_PAGE,
  };
}

interface SiteRow {
  originSiteId: string;
  handlingSiteId: string;
  pickupSiteId: string | null;
}

/** A site's cases, as the hub counts them: taken in, handled or picked up there. */
export function atSite<R extends SiteRow>(rows: readonly R[], siteId: string | undefined): R[] {
  if (!siteId) return [...rows];
  return rows.filter(
    (r) => r.originSiteId === siteId || r.handlingSiteId === siteId || r.pickupSiteId === siteId,
  );
}

/** One page of rows already cut to a site. */
export function pageOf<R>(rows: readonly R[], page: number): R[] {
  return rows.slice((page - 1) * QUEUE_PAGE, page * QUEUE_PAGE);
}
