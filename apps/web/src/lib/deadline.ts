import type { CaseStatus } from "@bangban/domain";
import type { DeadlineColour } from "../api/types";
import type { MessageKey } from "../i18n/zh";

/** Colours of the deadline light, as antd tag colours and the words beside them. */
export function colourMeta(colour: DeadlineColour): {
  tag: string;
  hex: string;
  label: MessageKey;
} {
  switch (colour) {
    case "red":
      return { tag: "error", hex: "#cf1322", label: "deadline.red" };
    case "yellow":
      return { tag: "warning", hex: "#d48806", label: "deadline.yellow" };
    case "green":
      return { tag: "success", hex: "#389e0d", label: "deadline.green" };
    default:
      return { tag: "default", hex: "#8c8c8c", label: "deadline.none" };
  }
}

/** Sort weight for "most urgent first": red, yellow, green, then cases with no clock. */
export function urgency(colour: DeadlineColour): number {
  return { red: 0, yellow: 1, green: 2, none: 3 }[colour];
}

/** What the 时限 column shows for a case row: a tag and, where it helps, the due date. */
export interface DeadlineCell {
  label: MessageKey;
  tag: string;
  /** The due date to show beside the tag; null when it would mislead. */
  dueOn: string | null;
}

type DeadlineRow = {
  status: CaseStatus;
  colour: DeadlineColour;
  dueOn: string | null;
  onTime: boolean | null;
};

const CLOSED_WITHOUT_RESULT: ReadonlySet<CaseStatus> = new Set([
  "WITHDRAWN",
  "TERMINATED",
  "REJECTED_AT_INTAKE",
]);

/**
 * A finished case has no light: it says whether the result came by the due date (办结, or
 * 出具 while it waits for pick-up — the office's clock stops at issue). A case closed without
 * a result shows no date; one not yet accepted has no clock yet.
 */
export function deadlineCell(r: DeadlineRow): DeadlineCell {
  const finished = r.status === "COMPLETED" || r.status === "READY_FOR_PICKUP";
  if (finished && r.onTime !== null) {
    const done = r.status === "COMPLETED";
    return r.onTime
      ? {
          label: done ? "deadline.doneOnTime" : "deadline.issuedOnTime",
          tag: "success",
          dueOn: r.dueOn,
        }
      : { label: done ? "deadline.doneLate" : "deadline.issuedLate", tag: "error", dueOn: r.dueOn };
  }
  if (r.status === "COMPLETED") return { label: "deadline.done", tag: "default", dueOn: null };
  if (CLOSED_WITHOUT_RESULT.has(r.status))
    return { label: "deadline.closed", tag: "default", dueOn: null };
  const meta = colourMeta(r.colour);
  return { label: meta.label, tag: meta.tag, dueOn: r.colour === "none" ? null : r.dueOn };
}
