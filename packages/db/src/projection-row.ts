import type { CaseProjection } from "@bangban/sync";
import type { InValue } from "@libsql/client";
import { getTableColumns } from "drizzle-orm";
import { caseProjections } from "./schema";

/**
 * The projection upsert as one constant SQL string, derived from the drizzle table so the
 * column list has a single source. The store runs it through the raw client in its commit
 * batch, skipping drizzle's per-call query building on the hottest write path.
 */
const columns = Object.entries(getTableColumns(caseProjections)) as [
  keyof CaseProjection,
  (typeof caseProjections)["_"]["columns"][keyof CaseProjection],
][];

const names = columns.map(([, c]) => c.name);

/** The same upsert for many rows at once (see the store's multi-row statements). */
export const UPSERT_PROJECTION_PARTS = {
  head: `INSERT INTO case_projections (${names.join(", ")}) VALUES `,
  row: `(${names.map(() => "?").join(", ")})`,
  tail: ` ON CONFLICT(case_id) DO UPDATE SET ${names
    .filter((n) => n !== "case_id")
    .map((n) => `${n} = excluded.${n}`)
    .join(", ")}`,
};

export const PROJECTION_COLUMNS = names.length;

/** The projection's values in column order, mapped to what the driver stores (booleans → 0/1). */
export function projectionArgs(p: CaseProjection): InValue[] {
  return columns.map(([key, column]) => {
    const value = p[key];
    if (value === null || value === undefined) return null;
    return column.mapToDriverValue(value) as InValue;
  });
}
