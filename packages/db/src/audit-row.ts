import type { AuditEntry } from "@bangban/sync";

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
