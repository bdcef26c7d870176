import dayjs from "dayjs";
import type { QueryOutput } from "../../api/keys";
import type { MessageKey } from "../../i18n/zh";

/** One reminder as `reminders.list` answers it. */
export type ReminderRow = QueryOutput<"reminders.list">["rows"][number];
export type ReminderSeverity = ReminderRow["severity"];

/** How a reminder's due day stands today: overdue (red), today or tomorrow (orange), ahead. */
export interface DueTag {
  colour: "error" | "warning" | "default";
  label: MessageKey;
  params: Record<string, string | number>;
}

/** 今天 / 明天 / 已逾期 N 天 / N 天后 — counted in calendar days from `today`. */
export function dueTag(dueOn: string, today: string): DueTag {
  const days = dayjs(dueOn).diff(dayjs(today), "day");
  if (days < 0) return { colour: "error", label: "reminders.dueOverdue", params: { n: -days } };
  if (days === 0) return { colour: "warning", label: "reminders.dueToday", params: {} };
  if (days === 1) return { colour: "warning", label: "reminders.dueTomorrow", params: {} };
  return { colour: "default", label: "reminders.dueIn", params: { n: days } };
}

const SEVERITY: Record<ReminderSeverity, { colour: string; label: MessageKey }> = {
  danger: { colour: "error", label: "reminders.severity.danger" },
  warning: { colour: "warning", label: "reminders.severity.warning" },
  info: { colour: "processing", label: "reminders.severity.info" },
};

/** The severity's tag: 紧急 red, 提醒 orange, 通知 blue. */
export function severityTag(severity: ReminderSeverity): { colour: string; label: MessageKey } {
  return SEVERITY[severity];
}

/** The header's bell: the unread count, shown from 1 (antd caps the display at 99+). */
export function reminderBadge(data: { unread: number } | undefined): number {
  return data?.unread ?? 0;
}

/** The ids a "mark these read" click sends: the unread ones of the rows shown. */
export function unreadIds(rows: readonly { id: string; readAt: string | null }[]): string[] {
  return rows.filter((r) => r.readAt === null).map((r) => r.id);
}

/** Where a reminder leads: its complaint (rules `complaint.*`, issue #15) or its case. */
export function reminderLink(r: Pick<ReminderRow, "rule" | "caseId">): string {
  return r.rule.startsWith("complaint.") ? `/complaints/${r.caseId}` : `/cases/${r.caseId}`;
}
