import { and, asc, eq, gte, inArray, isNull, lte, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { absences } from "../schema";

/** An absence as stored (AB岗). */
export type Absence = typeof absences.$inferSelect;
export type NewAbsence = Omit<Absence, "cancelledAt" | "cancelledBy">;

export async function recordAbsence(db: Db, row: NewAbsence): Promise<Absence> {
  const [saved] = await db.orm.insert(absences).values(row).returning();
  if (!saved) throw new Error("insert returned no row");
  return saved;
}

export async function findAbsence(db: Db, id: string): Promise<Absence | null> {
  return (await db.orm.select().from(absences).where(eq(absences.id, id)).get()) ?? null;
}

/** Marks an absence cancelled; null when there is none by that id or it was cancelled already. */
export async function cancelAbsence(
  db: Db,
  id: string,
  by: string,
  at: string,
): Promise<Absence | null> {
  const [row] = await db.orm
    .update(absences)
    .set({ cancelledAt: at, cancelledBy: by })
    .where(and(eq(absences.id, id), isNull(absences.cancelledAt)))
    .returning();
  return row ?? null;
}

export interface AbsenceFilter {
  /** Only absences of people of these sites. */
  siteIds?: readonly string[];
  userId?: string;
  /** Only absences still running on or after this day (`to >= endingFrom`). */
  endingFrom?: string;
  /** Only absences that started on or before this day (`from <= startingBy`). */
  startingBy?: string;
  includeCancelled?: boolean;
}

/** Absences matching `f`, by start date. */
export function listAbsences(db: Db, f: AbsenceFilter = {}): Promise<Absence[]> {
  const where: (SQL | undefined)[] = [
    f.siteIds === undefined ? undefined : inArray(absences.siteId, [...f.siteIds]),
    f.userId === undefined ? undefined : eq(absences.userId, f.userId),
    f.endingFrom === undefined ? undefined : gte(absences.to, f.endingFrom),
    f.startingBy === undefined ? undefined : lte(absences.from, f.startingBy),
    f.includeCancelled ? undefined : isNull(absences.cancelledAt),
  ];
  return db.orm
    .select()
    .from(absences)
    .where(and(...where))
    .orderBy(asc(absences.from), asc(absences.userId))
    .all();
}

/** The absences in force on day `on` (not cancelled, `from <= on <= to`): what the scheduler reads. */
export function absencesOn(db: Db, on: string): Promise<Absence[]> {
  return listAbsences(db, { endingFrom: on, startingBy: on });
}

/** The person's absences not cancelled that share a day with `from`..`to`. */
export function overlappingAbsences(
  db: Db,
  userId: string,
  from: string,
  to: string,
): Promise<Absence[]> {
  return listAbsences(db, { userId, endingFrom: from, startingBy: to });
}
