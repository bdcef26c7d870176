import { localDateOf } from "../calendar/local-date";
import { DomainError } from "../errors";
import { refuse } from "./guards";
import {
  FINISHED_RECTIFICATION,
  isRectificationLead,
  openRectification,
  type Rectification,
  settleRectification,
} from "./rectification";
import type { CaseState } from "./state";
import type { Actor, EventOf } from "./types";

/**
 * The machine's rules for the 差评整改 events (machine.ts holds the table). Each step names its
 * record by the rating event; `rectifyWhen` answers for the case alone (is there a record this
 * actor may take this step on?), `apply*` for the record the payload names.
 */

export type RectifyStep = "classify" | "record" | "callback" | "appeal" | "decide";

const STEP_ZH: Record<RectifyStep, string> = {
  classify: "差评整改分类",
  record: "登记整改情况",
  callback: "差评回访",
  appeal: "差评申诉",
  decide: "申诉复核决定",
};

/** Whether this actor may take this step on this record now. */
function may(step: RectifyStep, r: Rectification, a: Actor): boolean {
  switch (step) {
    case "classify":
      return r.state === "open" && isRectificationLead(r, a);
    case "record":
      return (r.state === "rectifying" || r.state === "callback_due") && isRectificationLead(r, a);
    case "callback":
      return r.state === "callback_due" && isRectificationLead(r, a);
    case "appeal":
      return !FINISHED_RECTIFICATION.has(r.state) && r.appeal === null && a.siteId === r.siteId;
    case "decide":
      return r.state === "appealing" && a.siteKind === "center";
  }
}

/** Why no record on the case takes this step from this actor (null: one does). */
function whyNot(step: RectifyStep, list: readonly Rectification[], a: Actor): DomainError | null {
  if (list.some((r) => may(step, r, a))) return null;
  const atSite = list.some((r) => r.siteId === a.siteId);
  if (list.length && !atSite && step !== "decide") {
    return refuse({
      code: "NOT_ALLOWED",
      field: "actor.siteId",
      zh: `${STEP_ZH[step]}由办理该件的站点负责（谁办理谁负责）`,
      en: "The site that handled the case answers for its bad rating",
    });
  }
  if (atSite && (step === "classify" || step === "record" || step === "callback")) {
    const lead = list.some((r) => r.siteId === a.siteId && isRectificationLead(r, a));
    if (!lead) {
      return refuse({
        code: "NOT_ALLOWED",
        field: "actor.role",
        zh: `${STEP_ZH[step]}须由办理站点的负责人（站长或中心负责人）办理`,
        en: "Only the lead of the handling site takes this step",
      });
    }
  }
  return refuse({
    code: "INVALID_TRANSITION",
    field: "ratingEventId",
    zh: list.length ? `没有需要${STEP_ZH[step]}的差评` : "该办件没有差评，无需整改",
    en: list.length ? `No bad rating awaits this step (${step})` : "The case has no bad rating",
  });
}

export function rectifyWhen(step: RectifyStep) {
  return (s: CaseState, a: Actor) => whyNot(step, s.rectifications, a);
}

/** Replaces the record the payload names after checking this actor may take the step on it. */
function onRecord(
  step: RectifyStep,
  s: CaseState,
  e: { id: string; at: string; actor: Actor; payload: { ratingEventId: string } },
  change: (r: Rectification) => Rectification | DomainError,
): CaseState | DomainError {
  const r = s.rectifications.find((x) => x.ratingEventId === e.payload.ratingEventId);
  if (!r) {
    return refuse({
      code: "NOT_ELIGIBLE",
      field: "ratingEventId",
      zh: "找不到该差评的整改记录",
      en: "No rectification record for this rating",
    });
  }
  // whyNot refuses whenever `may` does (it asks `may` first).
  if (!may(step, r, e.actor)) return whyNot(step, [r], e.actor) as DomainError;
  const next = change(r);
  if (next instanceof DomainError) return next;
  const settled = settleRectification(next, e.at);
  return { ...s, rectifications: s.rectifications.map((x) => (x === r ? settled : x)) };
}

const step = (e: { id: string; at: string; actor: Actor }) => ({
  eventId: e.id,
  at: e.at,
  byUserId: e.actor.userId,
});

/** A 差评 opens its record at once, owned by the site handling (or that completed) the case. */
export function openOnRating(s: CaseState, e: EventOf<"rate">): CaseState {
  if (e.payload.level > 2) return s;
  const siteId = s.pickupSiteId ?? s.handlingSiteId;
  const r = openRectification(e, e.payload.level, siteId, e.payload.anonymous !== true);
  return { ...s, rectifications: [...s.rectifications, r] };
}

export function applyClassify(s: CaseState, e: EventOf<"rectify_classify">) {
  return onRecord("classify", s, e, (r) => {
    const p = e.payload;
    if (p.kind === "ledger" && p.due < localDateOf(e.at)) {
      return refuse({
        code: "OUT_OF_RANGE",
        field: "due",
        zh: "台账整改期限不能早于今天",
        en: "The ledger deadline cannot be in the past",
      });
    }
    return {
      ...r,
      kind: p.kind,
      ledgerDue: p.kind === "ledger" ? p.due : null,
      explanation: p.kind === "no_legal_basis" ? p.explanation : null,
      classified: step(e),
    };
  });
}

export function applyRecord(s: CaseState, e: EventOf<"rectify_record">) {
  return onRecord("record", s, e, (r) => ({
    ...r,
    measures: [...r.measures, { ...step(e), text: e.payload.text }],
  }));
}

export function applyCallback(s: CaseState, e: EventOf<"rectify_callback">) {
  return onRecord("callback", s, e, (r) => ({
    ...r,
    callbacks: [
      ...r.callbacks,
      {
        ...step(e),
        reached: e.payload.reached,
        result: e.payload.result,
        satisfied: e.payload.satisfied ?? null,
      },
    ],
  }));
}

export function applyAppeal(s: CaseState, e: EventOf<"rectify_appeal">) {
  return onRecord("appeal", s, e, (r) => ({
    ...r,
    appeal: { ...step(e), reason: e.payload.reason, decision: null },
  }));
}

export function applyDecide(s: CaseState, e: EventOf<"rectify_appeal_decide">) {
  return onRecord("decide", s, e, (r) =>
    r.appeal
      ? {
          ...r,
          appeal: {
            ...r.appeal,
            decision: { ...step(e), upheld: e.payload.upheld, reason: e.payload.reason },
          },
        }
      : r,
  );
}
