import type { AuditEntry } from "@bangban/sync";
import { and, desc, eq, getTableColumns, lt, type SQL } from "drizzle-orm";
import { withAuditChain } from "../audit-chain";
import { validateAudit } from "../audit-row";
import type { Db } from "../client";
import { auditLog } from "../schema";

/** An audit line as stored, with its position in the log. */
export interface AuditRow extends AuditEntry {
  id: number;
}

export interface AuditFilter {
  caseId?: string;
  userId?: string;
  siteId?: string;
  action?: string;
  /** Only lines older than this id (the `id` of the last row of the previous page). */
  beforeId?: number;
  limit: number;
}

/**
 * Appends audit lines outside a case commit (logins, user and catalog changes) in one
 * transaction. Case actions append theirs through `CaseStore.commit` instead.
 */
export async function appendAudit(db: Db, entries: readonly AuditEntry[]): Promise<void> {
  validateAudit(entries);
  if (entries.length === 0) return;
  await withAuditChain(db, entries, (chained) => chained);
}

/** Audit lines matching the filter, newest first. */
export async function listAudit(db: Db, filter: AuditFilter): Promise<AuditRow[]> {
  const where: SQL[] = [];
  if (filter.caseId !== undefined) where.push(eq(auditLog.caseId, filter.caseId));
  if (filter.userId !== undefined) where.push(eq(auditLog.userId, filter.userId));
  if (filter.siteId !== undefined) where.push(eq(auditLog.siteId, filter.siteId));
  if (filter.action !== undefined) where.push(eq(auditLog.action, filter.action));
  if (filter.beforeId !== undefined) where.push(lt(auditLog.id, filter.beforeId));
  const { prevHash: _p, hash: _h, ...columns } = getTableColumns(auditLog);
  const rows = await db.orm
    .select(columns)
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(Math.max(1, filter.limit));
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}
