import dayjs from "dayjs";
import type { DeadlineColour } from "../../api/types";
import { urgency } from "../../lib/deadline";

interface Row {
  colour: DeadlineColour;
  submittedAt: string;
  dueOn: string | null;
  originSiteId: string;
}

/**
 * Whether this station took the case in today (local date of its submission). A case taken
 * in elsewhere and waiting here (transferred, to be picked up) is in the list, not our intake.
 */
export function receivedOn(
  row: Pick<Row, "submittedAt" | "originSiteId">,
  today: string,
  siteId: string,
): boolean {
  return row.originSiteId === siteId && dayjs(row.submittedAt).format("YYYY-MM-DD") === today;
}

/** Today's list: filtered, most urgent first, then by due date, then newest. */
export function todaysCases<R extends Row>(
  rows: readonly R[],
  filter: string,
  today: string,
  siteId: string,
): R[] {
  const kept = rows.filter((r) =>
    filter === "all" ? true : filter === "new" ? receivedOn(r, today, siteId) : r.colour === filter,
  );
  return [...kept].sort(
    (a, b) =>
      urgency(a.colour) - urgency(b.colour) ||
      (a.dueOn ?? "9999").localeCompare(b.dueOn ?? "9999") ||
      b.submittedAt.localeCompare(a.submittedAt),
  );
}

export function countByColour(rows: readonly Row[], today: string, siteId: string) {
  const counts = { red: 0, yellow: 0, green: 0, none: 0, newToday: 0 };
  for (const r of rows) {
    counts[r.colour] += 1;
    if (receivedOn(r, today, siteId)) counts.newToday += 1;
  }
  return counts;
}
