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
