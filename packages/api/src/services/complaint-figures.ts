import { type DashboardPeriod, type Db, substantiatedComplaintsBySite } from "@bangban/db";
import { complaintRate } from "@bangban/domain";

/**
 * 属实投诉 per targeted site for the dashboard: closed (办结) within the period, or up to today
 * when the period has no end. The radar's complaint rate = substantiated ÷ cases handled
 * (DOMAIN.md §6 [A]); "handled" is the site's 办结 count of the same figures.
 */
export function substantiatedBySite(
  db: Db,
  period: DashboardPeriod,
  today: string,
): Promise<Map<string, number>> {
  return substantiatedComplaintsBySite(db, period.from ?? "0000-01-01", period.to ?? today);
}

/** The complaint rate with what it is counted from. */
export function complaintRateFigure(substantiated: number, handled: number) {
  return {
    value: complaintRate(substantiated, handled),
    numerator: substantiated,
    denominator: handled,
  };
}

/** The radar's dimension: 1 − complaint rate (null without cases handled). */
export function noComplaintRate(substantiated: number, handled: number): number | null {
  const rate = complaintRate(substantiated, handled);
  return rate === null ? null : Math.max(0, 1 - rate);
}
