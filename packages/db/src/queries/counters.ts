import { DomainError, isLocalDate } from "@bangban/domain";
import type { Db } from "../client";

const NEXT = `INSERT INTO case_counters (site_id, day, n) VALUES (?, ?, 1)
  ON CONFLICT(site_id, day) DO UPDATE SET n = n + 1 RETURNING n`;

/**
 * The next human case number of a site on a day, `${siteId}-${YYYYMMDD}-${nnnn}`. One
 * UPSERT … RETURNING statement, so two concurrent callers never get the same number.
 */
export async function nextCaseNumber(db: Db, siteId: string, day: string): Promise<string> {
  if (!siteId) {
    throw new DomainError({
      code: "REQUIRED",
      field: "siteId",
      zh: "缺少站点编码",
      en: "siteId is required",
    });
  }
  if (!isLocalDate(day)) {
    throw new DomainError({
      code: "INVALID_DATE",
      field: "day",
      zh: `日期 ${day} 无效，应为 YYYY-MM-DD`,
      en: `day ${day} is not a YYYY-MM-DD date`,
    });
  }
  const compact = day.replaceAll("-", "");
  const { rows } = await db.client.execute({ sql: NEXT, args: [siteId, compact] });
  const n = Number(rows[0]?.n);
  return `${siteId}-${compact}-${String(n).padStart(4, "0")}`;
}
