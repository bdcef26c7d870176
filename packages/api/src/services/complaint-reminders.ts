import {
  type ComplaintRow,
  type Db,
  listComplaints,
  listUsers,
  type NewReminder,
} from "@bangban/db";
import {
  type ComplaintDue,
  type ComplaintState,
  compareDates,
  complaintDues,
  type JurisdictionRules,
  type LocalDate,
  type WorkCalendar,
} from "@bangban/domain";

const WHAT: Record<ComplaintDue["what"], { zh: string; en: string }> = {
  answer: { zh: "投诉答复", en: "Complaint answer" },
  file_result: { zh: "投诉整改结果归档", en: "Filing a complaint's result" },
  callback: { zh: "投诉回访", en: "Complaint callback" },
  fallback: { zh: "办不成事事项办结", en: "Closing a 办不成事 matter" },
};

/**
 * Who is reminded of a complaint's deadline: a 办不成事 record's coordinator; for a complaint,
 * the handler who last moved it (accept, handle, close), or — not yet taken up — this node's
 * center leads. Only this node's active staff (each node keeps its own staff's reminders).
 */
function recipients(s: ComplaintState, staff: { id: string; role: string }[]): string[] {
  const here = new Set(staff.map((u) => u.id));
  if (s.register.kind === "fallback") {
    return here.has(s.register.coordinatorId) ? [s.register.coordinatorId] : [];
  }
  const handler = s.handledBy;
  if (handler && here.has(handler)) return [handler];
  return staff.filter((u) => u.role === "center_lead").map((u) => u.id);
}

/**
 * The day's complaint reminders (pure): one per open deadline that falls due today or has
 * passed, per recipient — its id names the rule, complaint, due day and recipient, so a pass
 * run twice, or daily while the deadline stays open, adds it once.
 */
export function complaintReminders(
  rows: readonly ComplaintRow[],
  staff: { id: string; role: string }[],
  ctx: {
    today: LocalDate;
    siteId: string;
    at: string;
    rules: JurisdictionRules;
    calendar: WorkCalendar;
  },
): NewReminder[] {
  const out: NewReminder[] = [];
  for (const { state } of rows) {
    for (const due of complaintDues(state, ctx.today, ctx.rules, ctx.calendar)) {
      if (compareDates(due.date, ctx.today) > 0) continue;
      const label = WHAT[due.what];
      const rule = `complaint.${due.what}`;
      for (const userId of recipients(state, staff)) {
        out.push({
          id: `${rule}.${state.id}.${due.date}.${userId}`,
          rule,
          caseId: state.id,
          caseNumber: state.id,
          itemName: state.kind === "fallback" ? "办不成事" : "投诉",
          siteId: ctx.siteId,
          recipientUserId: userId,
          dueOn: due.date,
          firesOn: ctx.today,
          severity: due.overdue ? "danger" : "warning",
          textZh: due.overdue ? `${label.zh}已超期（${due.date}）` : `${label.zh}今日到期`,
          textEn: due.overdue ? `${label.en} overdue (${due.date})` : `${label.en} due today`,
          createdAt: ctx.at,
        });
      }
    }
  }
  return out;
}

/** The pass the scheduler runs daily: the open complaints of this node, and their reminders. */
export async function dueComplaintReminders(
  db: Db,
  ctx: {
    today: LocalDate;
    siteId: string;
    at: string;
    rules: JurisdictionRules;
    calendar: WorkCalendar;
  },
): Promise<NewReminder[]> {
  const [rows, users] = await Promise.all([
    listComplaints(db, { stages: ["registered", "accepted", "handling", "closed"], limit: 5000 }),
    listUsers(db, ctx.siteId),
  ]);
  return complaintReminders(
    rows,
    users.filter((u) => u.active),
    ctx,
  );
}
