import type { RectificationState, Role } from "@bangban/domain";

/** What the 差评台账 asks the server for, from the page's filters. */
export interface LedgerFilters {
  siteId?: string;
  state?: RectificationState | "overdue";
}

/**
 * The query input: a station lead's site is forced by the server, so no site is sent for
 * them; "overdue" is open records filtered on the client by their red flag (the server
 * judges overdue by its own day).
 */
export function ledgerInput(role: Role, f: LedgerFilters) {
  const siteId = role === "station_lead" ? undefined : f.siteId || undefined;
  if (f.state === "overdue") return { siteId, openOnly: true };
  return { siteId, state: f.state };
}

/** Rows as shown: only the overdue ones when that filter is on. */
export function ledgerRows<R extends { overdue: boolean }>(rows: readonly R[], f: LedgerFilters) {
  return f.state === "overdue" ? rows.filter((r) => r.overdue) : [...rows];
}

/** Whether the page offers a site filter: the station lead sees their own site only. */
export function offersSiteFilter(role: Role): boolean {
  return role !== "station_lead";
}
