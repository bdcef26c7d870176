import dayjs from "dayjs";
import type { MessageKey } from "../../i18n/zh";

/** How a 容缺 promise stands today: overdue (red), due today (orange), or a date ahead. */
export interface PromiseTag {
  colour: "error" | "warning" | "default";
  label: MessageKey;
  /** Days overdue (overdue) or the due date (ahead). */
  params: Record<string, string | number>;
}

export function promiseTag(dueOn: string | null, today: string): PromiseTag | null {
  if (!dueOn) return null;
  const days = dayjs(today).diff(dayjs(dueOn), "day");
  if (days > 0) return { colour: "error", label: "inbox.promiseOverdue", params: { n: days } };
  if (days === 0) return { colour: "warning", label: "inbox.promiseToday", params: {} };
  return { colour: "default", label: "inbox.promiseOn", params: { date: dueOn } };
}

/** How a station case's forwarding limit stands: late (red), due today (orange), or ahead. */
export function forwardTag(dueOn: string | null, today: string): PromiseTag | null {
  if (!dueOn) return null;
  const days = dayjs(today).diff(dayjs(dueOn), "day");
  if (days > 0) return { colour: "error", label: "inbox.forwardLate", params: { n: days } };
  if (days === 0) return { colour: "warning", label: "inbox.forwardToday", params: {} };
  return { colour: "default", label: "inbox.forwardOn", params: { date: dueOn } };
}

export type InboxSection = "transferred" | "pickup" | "promises" | "toForward";

export const INBOX_SECTIONS: readonly { key: InboxSection; title: MessageKey; hint: MessageKey }[] =
  [
    { key: "pickup", title: "inbox.pickup", hint: "inbox.pickupHint" },
    { key: "toForward", title: "inbox.toForward", hint: "inbox.toForwardHint" },
    { key: "promises", title: "inbox.promises", hint: "inbox.promisesHint" },
    { key: "transferred", title: "inbox.transferred", hint: "inbox.transferredHint" },
  ];

/** The menu's badge: distinct cases waiting (none: no badge). */
export function inboxBadge(counts: { total: number } | undefined): number {
  return counts?.total ?? 0;
}
