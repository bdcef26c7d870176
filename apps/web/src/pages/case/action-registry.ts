import { type CaseEventType, RECEIVERS, type Role } from "@bangban/domain";
import type { MessageKey } from "../../i18n/zh";

/** The dialogs the case page can open; each stays its own component (case-actions.tsx). */
export type DialogKey =
  | "supplement"
  | "transfer"
  | "withdraw"
  | "reject"
  | "complete"
  | "opinion"
  | "approve"
  | "deny"
  | "correction"
  | "issue"
  | "pickup"
  | "reassign"
  | "suspend"
  | "extend";

export type IconName =
  | "audit"
  | "opinion"
  | "check"
  | "close"
  | "correction"
  | "send"
  | "upload"
  | "accept"
  | "swap"
  | "smile";

/** What a button does when pressed: ask to confirm and send, or open a dialog for its fields. */
export type Opens = { confirm: MessageKey } | { dialog: DialogKey };

export interface ActionSpec {
  label: MessageKey;
  icon?: IconName;
  look: "primary" | "danger" | "default";
  opens: Opens;
  /** Where it shows: in the row (default), under 更多 (less frequent), or last (撤回, 不予受理). */
  place?: "more" | "end";
}

/**
 * Every button an event can have on the case page, in the order they show. Whether a button
 * shows is the server's word (`detail.allowed`, the machine's allowedEvents for this user);
 * this table only says how it looks and what it opens. Events without an entry (notes,
 * complaints, conflicts) have their own places on the page.
 */
export const ACTIONS: { readonly [T in CaseEventType]?: ActionSpec } = {
  start_review: {
    label: "action.startReview",
    icon: "audit",
    look: "primary",
    opens: { confirm: "action.startReviewConfirm" },
  },
  submit_for_approval: {
    label: "action.submitForApproval",
    icon: "opinion",
    look: "primary",
    opens: { dialog: "opinion" },
  },
  approve: {
    label: "action.approve",
    icon: "check",
    look: "primary",
    opens: { dialog: "approve" },
  },
  deny: { label: "action.deny", icon: "close", look: "danger", opens: { dialog: "deny" } },
  request_correction: {
    label: "action.requestCorrection",
    icon: "correction",
    look: "default",
    opens: { dialog: "correction" },
  },
  issue: { label: "action.issue", icon: "send", look: "primary", opens: { dialog: "issue" } },
  supplement: {
    label: "action.supplement",
    icon: "upload",
    look: "primary",
    opens: { dialog: "supplement" },
  },
  accept: {
    label: "action.accept",
    icon: "accept",
    look: "default",
    opens: { confirm: "action.acceptConfirm" },
  },
  forward: {
    label: "action.forward",
    icon: "send",
    look: "default",
    opens: { confirm: "action.forwardConfirm" },
  },
  // 办结 asks who collects the result (本人/代领) in the hand-over dialog, which completes.
  complete: {
    label: "action.complete",
    icon: "accept",
    look: "primary",
    opens: { dialog: "complete" },
  },
  transfer: {
    label: "action.transfer",
    icon: "swap",
    look: "default",
    opens: { dialog: "transfer" },
  },
  withdraw: {
    label: "action.withdraw",
    look: "danger",
    opens: { dialog: "withdraw" },
    place: "end",
  },
  reject_intake: {
    label: "action.reject",
    look: "danger",
    opens: { dialog: "reject" },
    place: "end",
  },
  suspend: {
    label: "action.suspend",
    look: "default",
    opens: { dialog: "suspend" },
    place: "more",
  },
  resume: {
    label: "action.resume",
    look: "default",
    opens: { confirm: "action.resumeConfirm" },
    place: "more",
  },
  extend: { label: "action.extend", look: "default", opens: { dialog: "extend" }, place: "more" },
  reassign: {
    label: "action.reassign",
    look: "default",
    opens: { dialog: "reassign" },
    place: "more",
  },
  set_pickup_site: {
    label: "action.setPickupSite",
    look: "default",
    opens: { dialog: "pickup" },
    place: "more",
  },
};

export interface CaseButton extends ActionSpec {
  type: CaseEventType;
}

interface CaseFacts {
  allowed: readonly CaseEventType[];
  materials: readonly { state: string }[];
}

/**
 * The case's buttons for this user: the allowed events that have a button, in the table's
 * order, split by where they show. 补充材料 also needs a material to bring (its dialog
 * lists the missing and the 容缺 ones): the machine accepts a supplement of anything, so the
 * rule alone would offer an empty dialog.
 */
export function caseButtons(c: CaseFacts): Record<"row" | "more" | "end", CaseButton[]> {
  const something = c.materials.some((m) => m.state === "missing" || m.state === "deferred");
  const shown = (Object.keys(ACTIONS) as CaseEventType[])
    .filter((type) => c.allowed.includes(type))
    .filter((type) => type !== "supplement" || something)
    .map((type) => ({ type, ...(ACTIONS[type] as ActionSpec) }));
  return {
    row: shown.filter((b) => b.place === undefined),
    more: shown.filter((b) => b.place === "more"),
    end: shown.filter((b) => b.place === "end"),
  };
}

/**
 * 邀请评价 opens the resident's rating screen (cases.openRating, for receivers): not an event
 * of the staff, so it is not in `allowed`; offered until the case has its offline rating.
 */
export function mayInviteRating(
  role: Role,
  ratings: readonly { channel: string; stage: string }[],
): boolean {
  return (
    RECEIVERS.includes(role) &&
    !ratings.some((r) => r.channel === "offline" && r.stage === "completion")
  );
}
