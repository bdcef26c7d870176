import {
  type Check,
  checkPromiseDate,
  DomainError,
  maskIdNumber,
  maskPhone,
  parseIdNumber,
  parsePersonName,
  parsePhone,
  type ServiceItem,
} from "@bangban/domain";
import { z } from "zod";
import type { ApiContext } from "../context";
import { localDate, materialCode } from "../inputs";
import { PrintInputError, type RenderedDocument, renderDocument } from "../print";
import type { PrintCase } from "../print/types";
import { auditEntry, todayOf } from "./case-commands";
import { itemInForce } from "./intake";
import { printPolicy, printSite } from "./print-input";

/**
 * A person as typed so far on the intake form: every field may still be blank (it prints as
 * a line to fill in by hand), but what is there must be valid.
 */
const draftPerson = z.object({
  name: z.string().max(60).default(""),
  idNumber: z.string().max(30).default(""),
  phone: z.string().max(30).default(""),
  address: z.string().max(200, "地址不超过 200 字").default(""),
});

/**
 * The papers signed before a case exists — the 委托书 (so the resident signs who acts for
 * them) and the 容缺受理承诺书 (signed, then ticked as signed) — printed from the form.
 */
export const draftInput = z.object({
  kind: z.enum(["power-of-attorney", "deferred-commitment"]),
  itemCode: z.string().trim().min(1, "请选择办理事项").max(32),
  applicant: draftPerson,
  agent: draftPerson
    .extend({ relation: z.string().max(30).default("") })
    .nullable()
    .default(null),
  deferred: z
    .array(z.object({ code: materialCode, promisedBy: localDate }))
    .max(20)
    .default([]),
});
export type DraftInput = z.infer<typeof draftInput>;

function must<T>(r: Check<T>): T {
  if (!r.ok) throw r.error;
  return r.value;
}

type DraftPerson = z.infer<typeof draftPerson>;

/** The typed fields checked with the domain's validators, then masked as every paper is. */
function masked(p: DraftPerson, prefix: string, today: string) {
  const name = p.name.trim() ? must(parsePersonName(p.name, `${prefix}.name`)) : "";
  const id = p.idNumber.trim()
    ? must(parseIdNumber(p.idNumber, { today, field: `${prefix}.idNumber` })).normalized
    : "";
  const phone = p.phone.trim() ? must(parsePhone(p.phone, `${prefix}.phone`)).normalized : "";
  return {
    name,
    idMasked: maskIdNumber(id),
    phoneMasked: maskPhone(phone),
    address: p.address.trim(),
  };
}

function deferredOf(ctx: ApiContext, item: ServiceItem, input: DraftInput, today: string) {
  return input.deferred.map((d) => {
    const spec = item.guide.materials.find((m) => m.code === d.code);
    if (spec?.requirement !== "deferrable") {
      throw new DomainError({
        code: "NOT_ALLOWED",
        field: `deferred.${d.code}`,
        zh: `材料 ${spec?.name ?? d.code} 不能容缺`,
        en: `Material ${d.code} may not be deferred`,
      });
    }
    const r = checkPromiseDate({
      acceptedOn: today,
      promisedBy: d.promisedBy,
      promisedDays: item.guide.promisedDays,
      calendar: ctx.services.calendar.get(),
    });
    if (!r.ok)
      throw new DomainError({ ...r.error.toJSON(), field: `deferred.${d.code}.promisedBy` });
    return { name: spec.name, promisedBy: d.promisedBy, form: spec.form };
  });
}

/**
 * Renders a paper from the intake form before the case exists, with names filled in and ID
 * numbers masked (the same rule as every printed paper), and logs the print with the masked
 * applicant ID. The case number is left out: there is none yet.
 */
export async function printDraft(ctx: ApiContext, input: DraftInput): Promise<RenderedDocument> {
  const today = todayOf(ctx);
  const item = await itemInForce(ctx, input.itemCode);
  const applicant = masked(input.applicant, "applicant", today);
  const agent = input.agent ? masked(input.agent, "agent", today) : null;
  const c: PrintCase = {
    caseNumber: "",
    itemCode: item.code,
    itemName: item.name,
    promisedDays: item.guide.promisedDays,
    legalDays: item.guide.legalDays,
    applicant,
    agent: agent && input.agent ? { ...agent, relation: input.agent.relation.trim() } : null,
    mode: input.agent ? "proxy" : "assist",
    receiverName: ctx.user?.displayName ?? "",
    submittedAt: ctx.services.clock().toISOString(),
    acceptedOn: null,
    dueOn: null,
    calendarUncertain: false,
    materials: [],
    deferred: deferredOf(ctx, item, input, today),
    deferredPolicy: printPolicy(ctx.services.rules),
    closure: null,
    extension: null,
    progressUrl: "",
    ratingUrl: "",
    handover: null,
  };
  try {
    const doc = await renderDocument(input.kind, { case: c, site: await printSite(ctx) });
    await ctx.services.repo.store.commit(
      [],
      [
        auditEntry(ctx, `print.draft.${input.kind}`, null, {
          itemCode: item.code,
          idMasked: applicant.idMasked,
        }),
      ],
    );
    return doc;
  } catch (e) {
    if (e instanceof PrintInputError) {
      throw new DomainError({ code: "REQUIRED", field: e.field, zh: e.message, en: e.message });
    }
    throw e;
  }
}
