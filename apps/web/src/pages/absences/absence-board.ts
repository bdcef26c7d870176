/**
 * 请假与AB岗: who is away now and next, and who covers them. Pure, so it is tested without a
 * browser; the page only lays it out.
 */

export interface BoardStaff {
  id: string;
  displayName: string;
  role: string;
  active: boolean;
  backupUserId: string | null;
}

export interface BoardAbsence {
  id: string;
  userId: string;
  kind: string;
  from: string;
  to: string;
  cancelledAt: string | null;
}

export interface BoardRow<S extends BoardStaff, A extends BoardAbsence> {
  person: S;
  /** The B post's name, or null when none is set. */
  backupName: string | null;
  /** The B post is away today or inactive: the B post cannot cover. */
  backupUnavailable: boolean;
  /** The absence in force today. */
  now: A | null;
  /** The next absence starting after today. */
  next: A | null;
}

const live = <A extends BoardAbsence>(a: A) => !a.cancelledAt;

/** One row per active person of the site: away today first, then by next absence, then by name. */
export function boardRows<S extends BoardStaff, A extends BoardAbsence>(
  staff: readonly S[],
  absences: readonly A[],
  today: string,
): BoardRow<S, A>[] {
  const byId = new Map(staff.map((s) => [s.id, s]));
  const awayOn = (userId: string) =>
    absences.find((a) => live(a) && a.userId === userId && a.from <= today && today <= a.to) ??
    null;
  const rows = staff
    .filter((s) => s.active)
    .map((person) => {
      const b = person.backupUserId ? byId.get(person.backupUserId) : undefined;
      const upcoming = absences
        .filter((a) => live(a) && a.userId === person.id && a.from > today)
        .sort((x, y) => x.from.localeCompare(y.from));
      return {
        person,
        backupName: person.backupUserId ? (b?.displayName ?? person.backupUserId) : null,
        backupUnavailable: person.backupUserId !== null && (!b?.active || awayOn(b.id) !== null),
        now: awayOn(person.id),
        next: upcoming[0] ?? null,
      };
    });
  const rank = (r: BoardRow<S, A>) => (r.now ? "0" : r.next ? `1${r.next.from}` : "2");
  return rows.sort(
    (x, y) =>
      rank(x).localeCompare(rank(y)) ||
      x.person.displayName.localeCompare(y.person.displayName, "zh-CN"),
  );
}

/** The absences a lead may still cancel: not cancelled and not over. */
export function cancellable<A extends BoardAbsence>(a: A, today: string): boolean {
  return live(a) && a.to >= today;
}
