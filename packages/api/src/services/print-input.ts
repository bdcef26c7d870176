import { findUserById, getItem, getSite } from "@bangban/db";
import { type CaseState, DomainError, localDateOf, maskIdNumber, maskPhone } from "@bangban/domain";
import type { CaseView } from "@bangban/sync";
import type { ApiContext } from "../context";
import type { PrintCase, PrintHandover, PrintNotice, PrintSite } from "../print/types";
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
    acceptedOn: state.acceptedAt ? localDateOf(state.acceptedAt) : null,
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
    })),
    progressUrl: `${ctx.services.publicBaseUrl}/progress?no=${encodeURIComponent(record.caseNumber)}`,
    handover: await printHandover(ctx, state.handover),
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
