/**
 * The 转派 dialog's choices: the handling site's active staff (as absences.assignable lists
 * them), the current 承办人 left out, each marked when away today and where the case would go.
 */
export interface AssignableStaff {
  id: string;
  displayName: string;
  role: string;
  absentToday: boolean;
  /** Who the case goes to if handed to this person today (their B岗 when away); null: nobody. */
  routesTo: string | null;
}

export interface ReassignOption {
  value: string;
  person: AssignableStaff;
  /** Away today with no B岗 at work: the server would refuse, so the choice is disabled. */
  disabled: boolean;
  /** Away today and covered: the B post's name. */
  coveredBy: string | null;
}

export function reassignOptions(
  staff: readonly AssignableStaff[],
  assigneeId: string | null,
): ReassignOption[] {
  const name = (id: string) => staff.find((s) => s.id === id)?.displayName ?? id;
  return staff
    .filter((s) => s.id !== assigneeId)
    .map((s) => ({
      value: s.id,
      person: s,
      disabled: s.absentToday && s.routesTo === null,
      coveredBy: s.absentToday && s.routesTo ? name(s.routesTo) : null,
    }))
    .sort((a, b) => Number(a.person.absentToday) - Number(b.person.absentToday));
}
