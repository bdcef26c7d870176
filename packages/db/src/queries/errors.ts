import { DomainError } from "@bangban/domain";

/**
 * Whether `e` (or an error it wraps — drizzle wraps driver errors) is a UNIQUE or PRIMARY KEY
 * violation on `target` (`table.column`).
 */
export function isUniqueViolation(e: unknown, target: string): boolean {
  for (let cur: unknown = e; cur instanceof Error; cur = cur.cause) {
    if (/UNIQUE constraint failed|PRIMARY KEY/.test(cur.message) && cur.message.includes(target))
      return true;
  }
  return false;
}

export function duplicate(field: string, zh: string, en: string): DomainError {
  return new DomainError({ code: "DUPLICATE", field, zh, en });
}

export function isoNow(): string {
  return new Date().toISOString();
}
