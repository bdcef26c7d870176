import type { Translate } from "../../i18n/i18n-context";

interface Deadline {
  state: "not_started" | "running" | "paused" | "stopped";
  dueOn: string | null;
  workdaysLeft: number | null;
  colour: "none" | "green" | "yellow" | "red";
  overdue: boolean;
  onTime: boolean | null;
}

/** The deadline clock in words: a headline, the due day, and what the state means. */
export function clockText(
  d: Deadline,
  t: Translate,
): { headline: string; due?: string; detail?: string } {
  const due = d.dueOn ? t("clock.dueOn", { date: d.dueOn }) : undefined;
  const left = d.workdaysLeft ?? 0;
  switch (d.state) {
    case "not_started":
      return { headline: t("clock.notStarted"), detail: t("clock.notStartedHint") };
    case "stopped":
      return {
        headline: t("clock.stopped"),
        due,
        detail:
          d.onTime === true ? t("clock.onTime") : d.onTime === false ? t("clock.late") : undefined,
      };
    case "paused":
      return {
        headline: t("clock.paused", { n: left }),
        due: d.dueOn ? due : t("clock.dueOpen"),
        detail: t("clock.pausedHint"),
      };
    default:
      if (d.overdue) return { headline: t("clock.overdue", { n: -left }), due };
      if (left === 0) return { headline: t("clock.dueToday"), due };
      return {
        headline: t("clock.left", { n: left }),
        due,
        detail: d.colour === "yellow" ? t("clock.yellowHint") : undefined,
      };
  }
}

/** One clock's line in the 承诺时限 / 法定时限 comparison. */
export interface LimitLine {
  label: string;
  /** "15 个工作日" / "法律未规定"; the limit itself, extension included. */
  limit: string;
  /** "2026-11-23 到期", or why there is no date. */
  due: string;
  /** Overdue (open) or finished late against this clock. */
  late: boolean;
}

/**
 * The promised and the legal clock side by side (DOMAIN.md §3.5): 按时办结率 is judged against
 * the first, 超期 against the second. An item the law sets no limit for says so.
 */
export function limitLines(
  promised: Deadline & { days: number },
  legal: (Deadline & { days: number }) | null,
  t: Translate,
): LimitLine[] {
  const line = (label: string, d: Deadline & { days: number }): LimitLine => ({
    label,
    limit: t("clock.limitDays", { n: d.days }),
    due: d.dueOn ? t("clock.dueOn", { date: d.dueOn }) : t("clock.dueOpen"),
    late: d.overdue || d.onTime === false,
  });
  return [
    line(t("clock.promised"), promised),
    legal
      ? line(t("clock.legal"), legal)
      : { label: t("clock.legal"), limit: t("clock.noLegal"), due: "—", late: false },
  ];
}
