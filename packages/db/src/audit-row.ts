import type { AuditEntry } from "@bangban/sync";
import type { InValue } from "@libsql/client";

/** The audit insert shared by case commits and appendAudit, as constant SQL for the raw client. */
export const AUDIT_INSERT_SQL = `INSERT INTO audit_log
  (at, user_id, site_id, action, case_id, request_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`;

export function auditArgs(a: AuditEntry): InValue[] {
  return [a.at, a.userId, a.siteId, a.action, a.caseId, a.requestId, JSON.stringify(a.detail)];
}

/** Throws on the first entry that cannot be stored as an audit line, naming the field. */
export function validateAudit(entries: readonly AuditEntry[]): void {
  entries.forEach((a, i) => {
    for (const field of ["at", "userId", "siteId", "action"] as const) {
      if (typeof a[field] !== "string" || a[field] === "") {
        throw new TypeError(`audit[${i}].${field}: expected a non-empty string`);
      }
    }
    if (a.caseId !== null && typeof a.caseId !== "string") {
      throw new TypeError(`audit[${i}].caseId: expected a case id or null`);
    }
    if (a.requestId !== null && typeof a.requestId !== "string") {
      throw new TypeError(`audit[${i}].requestId: expected a request id or null`);
    }
    if (typeof a.detail !== "object" || a.detail === null || Array.isArray(a.detail)) {
      throw new TypeError(`audit[${i}].detail: expected an object`);
    }
  });
}
