import type { CalendarOverrides } from "@bangban/domain";
import type { AuditEntry } from "@bangban/sync";
import { withAuditChain } from "../audit-chain";
import { validateAudit } from "../audit-row";
import type { Db } from "../client";

/** Meta keys of the working-day override table the hub distributes. */
export const CALENDAR_META = {
  overrides: "calendarOverrides",
  version: "calendar:version",
} as const;

const GET = "SELECT key, value FROM meta WHERE key IN (?, ?)";
const SET = `INSERT INTO meta (key, value) VALUES (?, ?)
  ON CONFLICT(key) DO UPDATE SET value = excluded.value`;
const BUMP = `INSERT INTO meta (key, value) VALUES (?1, '1')
  ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`;

export interface StoredCalendar {
  /** Null when no override table was ever saved. */
  overrides: CalendarOverrides | null;
  /** 0 before the first save. */
  version: number;
}

/** The stored override table and its version. */
export async function getCalendarOverrides(db: Db): Promise<StoredCalendar> {
  const { rows } = await db.client.execute({
    sql: GET,
    args: [CALENDAR_META.overrides, CALENDAR_META.version],
  });
  const byKey = new Map(rows.map((r) => [String(r.key), String(r.value)]));
  const raw = byKey.get(CALENDAR_META.overrides);
  return {
    // Written only by saveCalendarOverrides from a table the caller validated.
    overrides: raw ? (JSON.parse(raw) as CalendarOverrides) : null,
    version: Number(byKey.get(CALENDAR_META.version) ?? 0),
  };
}

/**
 * Replaces the override table, bumps its version and appends the audit lines, in one
 * transaction. The caller validates the table first (`new WorkCalendar(overrides)`).
 * Returns the new version.
 */
export async function saveCalendarOverrides(
  db: Db,
  overrides: CalendarOverrides,
  audit: readonly AuditEntry[] = [],
): Promise<number> {
  validateAudit(audit);
  await withAuditChain(db, audit, (chained) => [
    { sql: SET, args: [CALENDAR_META.overrides, JSON.stringify(overrides)] },
    { sql: BUMP, args: [CALENDAR_META.version] },
    ...chained,
  ]);
  return (await getCalendarOverrides(db)).version;
}
