import type { CaseEventType, RectificationState } from "@bangban/domain";
import type { MessageKey } from "../../i18n/zh";

/** The 差评整改 steps, each a journal event the machine allows or refuses. */
export type RectifyEvent = Extract<
  CaseEventType,
  | "rectify_classify"
  | "rectify_record"
  | "rectify_callback"
  | "rectify_appeal"
  | "rectify_appeal_decide"
>;

export interface RectifyButton {
  type: RectifyEvent;
  label: MessageKey;
  look: "primary" | "default";
}

/** The buttons in the order they show, and the record states each step fits. */
const STEPS: readonly (RectifyButton & { fits: readonly RectificationState[] })[] = [
  { type: "rectify_classify", label: "rectify.classify", look: "primary", fits: ["open"] },
  {
    type: "rectify_record",
    label: "rectify.record",
    look: "primary",
    fits: ["rectifying", "callback_due"],
  },
  { type: "rectify_callback", label: "rectify.callback", look: "primary", fits: ["callback_due"] },
  {
    type: "rectify_appeal",
    label: "rectify.appeal",
    look: "default",
    fits: ["open", "rectifying", "callback_due"],
  },
  { type: "rectify_appeal_decide", label: "rectify.decide", look: "primary", fits: ["appealing"] },
];

interface RecordFacts {
  state: RectificationState;
  realName: boolean;
  appeal: unknown | null;
}

/**
 * The buttons for one 差评 record: what the server allows this user on the case (the machine's
 * `allowed`), narrowed to the steps that fit this record's state — a case can carry two 差评
 * at different steps. The server checks the record again.
 */
export function rectifyButtons(allowed: readonly CaseEventType[], r: RecordFacts): RectifyButton[] {
  return STEPS.filter((s) => allowed.includes(s.type) && s.fits.includes(r.state))
    .filter((s) => s.type !== "rectify_callback" || r.realName)
    .filter((s) => s.type !== "rectify_appeal" || r.appeal === null)
    .map(({ type, label, look }) => ({ type, label, look }));
}

/** The rater's contact may be asked for by whoever may call them back now. */
export function mayRevealRater(allowed: readonly CaseEventType[], r: RecordFacts): boolean {
  return rectifyButtons(allowed, r).some((b) => b.type === "rectify_callback");
}

/** The tag colour of a record's state; overdue unfinished records are red whatever the state. */
export function rectifyStateColour(state: RectificationState, overdue: boolean): string {
  if (overdue) return "red";
  switch (state) {
    case "closed":
      return "green";
    case "appeal_upheld":
      return "default";
    case "appealing":
      return "purple";
    case "callback_due":
      return "gold";
    default:
      return "orange";
  }
}
