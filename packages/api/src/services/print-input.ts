import { findUserById, getItem, getSite } from "@bangban/db";
import {
  type CaseState,
  caseDeadline,
  closingEventOf,
  DomainError,
  EXTENSION_BASIS_ZH,
  extensionRuleOf,
  type JurisdictionRules,
  localDateOf,
  maskIdNumber,
  maskPhone,
  overdueAction,
  reminderDates,
  roleLabels,
} from "@bangban/domain";
import type { CaseView } from "@bangban/sync";
import type { ApiContext } from "../context";
import type {
  PrintCase,
  PrintClosure,
  PrintDeferredPolicy,
  PrintExtension,
  PrintHandover,
  PrintNotice,
  PrintSite,
} from "../print/types";
import { todayOf } from "./case-commands";
import { caseDetail } from "./views";

/** This site as the printed header shows it (names and phones from the synced site list). */
export async function printSite(ctx: ApiContext): Promise<PrintSite> {
  const { db, site } = ctx.services;
  const own = await getSite(db, site.id);
  const center = site.parentId ? await getSite(db, site.parentId) : own;
  return {
    id: site.id,
    name: own?.name ?? site.name,
    address: own?.address ?? "",
    phone: own?.phone ?? "",
    centerName: center?.name ?? "",
    supervisionPhone: center?.phone ?? own?.phone ?? "",
  };
}

/** The case as printed: masked applicant and agent, the clock, the checklist with forms. */
export async function printCase(ctx: ApiContext, view: CaseView): Promise<PrintCase> {
  const d = caseDetail(ctx, view);
  const item = await getItem(ctx.services.db, d.item.code, d.item.version);
  const specs = new Map(item?.guide.materials.map((m) => [m.code, m]) ?? []);
  const receiver = await findUserById(ctx.services.db, view.state.firstResponderId);
  const { record, state } = view;
  const { rules } = ctx.services;
  const calendar = ctx.services.calendar.get();
  const acceptedOn = state.acceptedAt ? localDateOf(state.acceptedAt) : null;
  return {
    caseNumber: record.caseNumber,
    itemCode: d.item.code,
    itemName: d.item.name,
    promisedDays: d.item.promisedDays,
    legalDays: d.item.legalDays,
    applicant: {
      name: record.applicant.name,
      idMasked: maskIdNumber(record.applicant.idNumber),
      phoneMasked: maskPhone(record.applicant.phone),
      address: record.applicant.address,
    },
    agent: record.agent
      ? {
          name: record.agent.name,
          idMasked: maskIdNumber(record.agent.idNumber),
          phoneMasked: maskPhone(record.agent.phone),
          relation: record.agent.relation,
        }
      : null,
    mode: state.mode,
    receiverName: receiver?.displayName ?? state.firstResponderId,
    submittedAt: state.submittedAt,
    acceptedOn,
    dueOn: d.deadline.dueOn,
    calendarUncertain: d.deadline.calendarUncertain,
    materials: d.materials.map((m) => ({
      name: m.name,
      requirement: m.requirement,
      state: m.state,
      form: specs.get(m.code)?.form,
      copies: specs.get(m.code)?.copies,
    })),
    deferred: state.promises.map((p) => ({
      name: d.materials.find((m) => m.code === p.code)?.name ?? p.code,
      promisedBy: p.promisedBy,
      form: specs.get(p.code)?.form,
      reminders: acceptedOn
        ? reminderDates({ promisedBy: p.promisedBy, acceptedOn, rules, calendar })
        : [],
      suppliedOn: p.suppliedOn,
    })),
    deferredPolicy: printPolicy(rules),
    closure: printClosure(ctx, view),
    extension: await printExtension(ctx, view),
    progressUrl: publicUrl(ctx, "progress", record.caseNumber),
    ratingUrl: publicUrl(ctx, "evaluate", record.caseNumber),
    handover: await printHandover(ctx, state.handover),
  };
}

/**
 * A page of the hub's public site for this case (`/progress`, `/evaluate`): the node's public
 * base URL is the hub's, so a station's papers point residents there too.
 */
function publicUrl(ctx: ApiContext, page: "progress" | "evaluate", caseNumber: string): string {
  return `${ctx.services.publicBaseUrl}/${page}?no=${encodeURIComponent(caseNumber)}`;
}

/** What a missed 容缺 promise leads to here (DOMAIN.md §4), as the papers state it. */
export function printPolicy(rules: JurisdictionRules): PrintDeferredPolicy {
  return { policy: rules.deferredOverduePolicy, graceWorkdays: rules.deferredGraceWorkdays };
}

/**
 * How a terminated 容缺 case was closed, read from its terminate event: 退件 (`outcome:
 * "returned"`, recorded by the scheduler after the grace) or 终止. The grace's last day is
 * worked out the way the rule does (overdueAction), as of the closing day.
 */
function printClosure(ctx: ApiContext, view: CaseView): PrintClosure | null {
  if (view.state.status !== "TERMINATED") return null;
  const closing = closingEventOf(view.record.journal);
  if (closing?.event.type !== "terminate") return null;
  const { outcome, event } = closing;
  const on = localDateOf(event.at);
  let graceUntil: string | null = null;
  if (outcome === "returned") {
    const { rules } = ctx.services;
    graceUntil =
      overdueAction({
        promises: view.state.promises.map((p) => ({ ...p, materialCode: p.code })),
        asOf: on,
        // A 退件 happened under suspend_then_return, whatever the rules say today.
        rules: { ...rules, deferredOverduePolicy: "suspend_then_return" },
        calendar: ctx.services.calendar.get(),
      }).graceUntil ?? null;
  }
  return { outcome, on, reason: event.payload.reason, graceUntil };
}

/**
 * The case's 延期 for the 延期告知书: the latest extend event, who approved it, and the due
 * date with and without it (the machine allows one extension per case; see checkExtension).
 */
async function printExtension(ctx: ApiContext, view: CaseView): Promise<PrintExtension | null> {
  const e = view.record.journal.findLast((x) => x.type === "extend");
  if (e?.type !== "extend") return null;
  const { state } = view;
  const clock = {
    asOf: todayOf(ctx),
    calendar: ctx.services.calendar.get(),
    rules: ctx.services.rules,
  };
  const without = { ...state, extensionWorkdays: state.extensionWorkdays - e.payload.workdays };
  const by = await findUserById(ctx.services.db, e.actor.userId);
  const rule = extensionRuleOf(state.item, ctx.services.rules);
  return {
    workdays: e.payload.workdays,
    reason: e.payload.reason,
    oldDueOn: caseDeadline(without, clock).dueOn,
    newDueOn: caseDeadline(state, clock).dueOn,
    approvedBy: `${by?.displayName ?? e.actor.userId}（${roleLabels[e.actor.role].zh}）`,
    approvedOn: localDateOf(e.at),
    basis: rule ? EXTENSION_BASIS_ZH[rule.basis] : null,
  };
}

/** The 送达 with the site's and the staff member's names, for the 送达回证. */
async function printHandover(
  ctx: ApiContext,
  h: CaseState["handover"],
): Promise<PrintHandover | null> {
  if (!h) return null;
  const [site, by] = await Promise.all([
    getSite(ctx.services.db, h.siteId),
    findUserById(ctx.services.db, h.byUserId),
  ]);
  return {
    how: h.how,
    collector: h.collector ?? null,
    at: h.at,
    siteName: site?.name ?? h.siteId,
    byName: by?.displayName ?? h.byUserId,
  };
}

/** A 一次性告知书 as recorded in the journal (the latest one unless `noticeId` is given). */
export function printNotice(ctx: ApiContext, view: CaseView, noticeId?: string): PrintNotice {
  const notices = view.record.journal.filter((e) => e.type === "request_correction");
  const e = noticeId
    ? notices.find((n) => n.payload.noticeId === noticeId)
    : notices[notices.length - 1];
  if (e?.type !== "request_correction") {
    throw new DomainError({
      code: "NOT_ELIGIBLE",
      field: "noticeId",
      zh: "该办件没有一次性告知记录",
      en: "No one-time notice on this case",
    });
  }
  const names = new Map(view.state.item.materials.map((m) => [m.code, m.name]));
  return {
    noticeId: e.payload.noticeId,
    issuedOn: localDateOf(e.at) || todayOf(ctx),
    missing: e.payload.missing.map((m) => ({
      name: names.get(m.code) ?? m.code,
      reason: m.reason,
    })),
  };
}
