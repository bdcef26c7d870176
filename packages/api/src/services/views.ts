import { type ProjectionRow, staffNames } from "@bangban/db";
import type { WorkCalendar } from "@bangban/domain";
import {
  actionLabel,
  allowedEvents,
  type CaseState,
  caseDeadline,
  caseLegalDeadline,
  caseStageLabels,
  caseStageOf,
  caseStatusLabels,
  closureOutcomeOf,
  extensionRuleOf,
  FINISHED_RECTIFICATION,
  maskIdNumber,
  maskName,
  maskPhone,
  type Rectification,
  rectificationDueOn,
  rectificationStateLabels,
  roleLabels,
} from "@bangban/domain";
import { type CaseProjection, type CaseView, colourOn, unsentCases } from "@bangban/sync";
import type { ApiContext } from "../context";
import { type AuthedContext, actorOf, todayOf } from "./case-commands";

/**
 * A list row: the projection with today's colour, working days left (negative when overdue,
 * null when the clock is not running) and labels. Masked fields only.
 */
export function listRow(p: ProjectionRow, today: string, calendar: WorkCalendar) {
  const colour = colourOn(p, today);
  let workdaysLeft: number | null = null;
  if (colour !== "none" && p.dueOn && !p.paused) {
    workdaysLeft =
      today <= p.dueOn
        ? calendar.countWorkdays(today, p.dueOn).count
        : -calendar.countWorkdays(p.dueOn, today).count;
  }
  return {
    ...p,
    applicantIdHash: undefined,
    colour,
    workdaysLeft,
    statusLabel: statusLabel(p),
  };
}

/** 已受理 · 已转报中心: the status, and the step inside it when there is one. */
function statusLabel(c: Pick<CaseProjection, "status" | "stage">): string {
  const status = caseStatusLabels[c.status].zh;
  return c.stage ? `${status} · ${caseStageLabels[c.stage].zh}` : status;
}

function timeline(state: CaseState, view: CaseView) {
  const conflicted = new Set(state.conflicts.map((c) => c.eventId));
  return view.record.journal
    .map((e) => ({
      id: e.id,
      at: e.at,
      type: e.type,
      label: closureOutcomeOf(e) === "returned" ? "退件" : actionLabel(e.type).zh,
      actorId: e.actor.userId,
      actorRole: roleLabels[e.actor.role].zh,
      actorRoleCode: e.actor.role,
      siteId: e.actor.siteId,
      payload: e.type === "intake" ? { mode: e.payload.mode } : e.type === "rate" ? {} : e.payload,
      conflict: conflicted.has(e.id),
      /** A system event: the time rule that fired and the day it fell due. */
      rule: e.rule ?? null,
    }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * The case as a helper or reviewer sees it: the name (they serve the person), the ID number
 * and phone masked (revealing is a separate, logged action), the derived status, the clock,
 * the checklist, the custody log and the timeline. Raters stay anonymous: a rating shows
 * its level, not who gave it.
 */
export function caseDetail(ctx: ApiContext, view: CaseView, present?: ReadonlySet<string>) {
  const { record, state, projection } = view;
  const today = todayOf(ctx);
  const stage = caseStageOf(state);
  const clock = { asOf: today, calendar: ctx.services.calendar.get(), rules: ctx.services.rules };
  const deadline = caseDeadline(state, clock);
  /** 法定时限 beside the promised clock; null when the law sets no limit for the item. */
  const legalDeadline = caseLegalDeadline(state, clock);
  return {
    caseId: record.caseId,
    caseNumber: record.caseNumber,
    createdAt: record.createdAt,
    status: state.status,
    stage,
    statusLabel: statusLabel({ status: state.status, stage }),
    /**
     * What the signed-in user may do on the case now, by the machine's own rules: the web
     * builds its buttons from it and re-derives nothing.
     */
    allowed: ctx.user ? allowedEvents(state, actorOf(ctx as AuthedContext)) : [],
    /** 审查意见: the reviewer's latest opinion, shown to the approver above the decision. */
    opinion: state.opinion,
    item: state.item,
    mode: state.mode,
    applicant: {
      name: record.applicant.name,
      idMasked: maskIdNumber(record.applicant.idNumber),
      phoneMasked: maskPhone(record.applicant.phone),
      address: record.applicant.address,
    },
    agent: record.agent
      ? {
          name: record.agent.name,
          relation: record.agent.relation,
          idMasked: maskIdNumber(record.agent.idNumber),
          phoneMasked: maskPhone(record.agent.phone),
        }
      : null,
    materials: state.item.materials.map((m) => ({
      ...m,
      state: state.materials[m.code] ?? "missing",
      promise: state.promises.find((p) => p.code === m.code) ?? null,
      /** 材料审查: the standing 合格 / 需补正 mark, with who and when; null when not yet checked. */
      check: state.materialChecks?.[m.code] ?? null,
      /** `present`: whether this node holds the scan's bytes (undefined: unknown, try). */
      attachments: record.attachments
        .filter((a) => a.materialCode === m.code)
        .map((a) => ({ ...a, present: present ? present.has(a.hash) : undefined })),
    })),
    deadline: { ...deadline, colour: colourOn(projection, today) },
    /** 延期: the item's rule (null: none, so no extension) and the working days granted so far. */
    extension: {
      rule: extensionRuleOf(state.item, ctx.services.rules),
      grantedWorkdays: state.extensionWorkdays,
    },
    legalDeadline,
    originSiteId: state.originSiteId,
    handlingSiteId: state.handlingSiteId,
    pickupSiteId: state.pickupSiteId,
    firstResponderId: state.firstResponderId,
    assigneeId: state.assigneeId,
    handoffs: state.handoffs,
    /** 送达: who collected the result, how, when and where (null before 办结 or on older cases). */
    handover: state.handover,
    notices: state.noticeIds,
    flags: state.flags,
    conflicts: state.conflicts,
    conflictOpen: state.conflictOpen,
    ratings: state.ratings.map((r) => ({
      level: r.level,
      channel: r.channel,
      stage: r.stage,
      at: r.at,
    })),
    /** 差评整改: one record per 差评 (DOMAIN.md §5). */
    rectifications: (state.rectifications ?? []).map((r) => rectificationView(ctx, view, r, today)),
    remarks: record.remarks,
    timeline: timeline(state, view),
  };
}

/** Who sees a named rater's masked contact on the case; everyone else sees only 实名/匿名. */
const SEES_MASKED_RATER = new Set(["station_lead", "center_lead", "district_admin"]);

/**
 * A rectification record as the case page shows it: its due day and colour by the node's
 * calendar. A named rater appears masked to the leads only — never to the staff rated; the
 * lead owing the callback reveals the contact through `rectify.revealRater` (logged).
 */
function rectificationView(ctx: ApiContext, view: CaseView, r: Rectification, today: string) {
  const dueOn = rectificationDueOn(r, ctx.services.calendar.get(), ctx.services.rules);
  const finished = FINISHED_RECTIFICATION.has(r.state);
  const { applicant } = view.record;
  const masked = r.realName && ctx.user && SEES_MASKED_RATER.has(ctx.user.role);
  return {
    ...r,
    stateLabel: rectificationStateLabels[r.state].zh,
    dueOn,
    overdue: !finished && dueOn < today,
    rater: masked
      ? { nameMasked: maskName(applicant.name), phoneMasked: maskPhone(applicant.phone) }
      : null,
  };
}

/**
 * Display names of the staff who acted on a case, for the timeline, the custody log and the
 * 承办人. A station knows its own users and, from the hub's staff directory, the rest of the
 * street's; the hub holds all. Residents who rated are never named.
 */
export async function peopleOf(ctx: ApiContext, view: CaseView): Promise<Record<string, string>> {
  const ids = new Set<string>();
  for (const e of view.record.journal) if (e.actor.role !== "resident") ids.add(e.actor.userId);
  for (const h of view.state.handoffs) if (h.toUserId) ids.add(h.toUserId);
  if (view.state.assigneeId) ids.add(view.state.assigneeId);
  const names = await staffNames(ctx.services.db);
  const people: Record<string, string> = {};
  for (const id of ids) {
    const name = names.get(id);
    if (name !== undefined) people[id] = name;
  }
  return people;
}

/** The case's scans whose bytes this node holds (the others are fetched, or not synced yet). */
async function presentScans(ctx: ApiContext, view: CaseView): Promise<Set<string>> {
  const hashes = view.record.attachments.map((a) => a.hash);
  const held = await Promise.all(hashes.map((h) => ctx.services.blobs.has(h)));
  return new Set(hashes.filter((_, i) => held[i]));
}

/** Whether a case's last change has reached the hub: 已同步 / 待上传; null at a hub. */
export type SyncState = "synced" | "pending" | null;

/**
 * At a station, which of `caseIds` (the cases on screen) the hub has not acknowledged yet;
 * null at a hub (it is the hub).
 */
export async function unsentOf(
  ctx: ApiContext,
  caseIds: readonly string[],
): Promise<Set<string> | null> {
  const { services } = ctx;
  if (services.nodeRole !== "station") return null;
  return unsentCases(services.repo.store, services.actorId, caseIds);
}

export function syncStateOf(unsent: Set<string> | null, caseId: string): SyncState {
  return unsent === null ? null : unsent.has(caseId) ? "pending" : "synced";
}

/** The case detail every case procedure answers with: the view plus the names of who acted. */
export async function fullDetail(ctx: ApiContext, view: CaseView) {
  return {
    ...caseDetail(ctx, view, await presentScans(ctx, view)),
    people: await peopleOf(ctx, view),
    syncState: syncStateOf(await unsentOf(ctx, [view.record.caseId]), view.record.caseId),
  };
}
