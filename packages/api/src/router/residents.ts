import { listCases } from "@bangban/db";
import {
  type AccessPurpose,
  DomainError,
  maskIdNumber,
  parseIdNumber,
  revealRefusal,
} from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { accessPurpose, caseId } from "../inputs";
import { CASE_STAFF, RECEIVERS } from "../roles";
import { type AuthedContext, auditEntry, todayOf } from "../services/case-commands";
import { idLookupAudit, requirePurpose } from "../services/id-access";
import { listRow } from "../services/views";
import { roleProcedure } from "../trpc";

/**
 * 电子档案: a resident's earlier cases at this station, found by ID number (through its keyed
 * hash — the number itself is not stored in any list). Every lookup and every reveal of a
 * full ID number needs a purpose and is written to the audit log with who, when, the masked
 * number, the purpose and the case (services/id-access.ts).
 */
/** The resident's earlier cases at this site, found by the ID number typed (with a purpose). */
async function earlierCases(
  c: AuthedContext,
  input: { idNumber: string; purpose?: AccessPurpose },
) {
  const today = todayOf(c);
  const id = parseIdNumber(input.idNumber, { today, field: "idNumber" });
  if (!id.ok) throw id.error;
  const purpose = requirePurpose(input.purpose);
  const { rows } = await listCases(c.services.db, {
    siteIds: [c.services.site.id],
    applicantIdHash: c.services.hashIdNumber(id.value.normalized),
    today,
    orderBy: "submitted",
    limit: 50,
  });
  return { today, id, purpose, rows };
}

export const residentsRouter = {
  lookup: roleProcedure(RECEIVERS)
    .input(
      z.object({
        idNumber: z.string().trim().min(1, "请填写身份证号码").max(30),
        purpose: accessPurpose.optional(),
        caseId: caseId.optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const c = ctx as AuthedContext;
      const { today, id, purpose, rows } = await earlierCases(c, input);
      const line = idLookupAudit(c, {
        idNormalized: id.value.normalized,
        purpose,
        caseId: input.caseId ?? null,
        found: rows.length,
        via: "residents.lookup",
      });
      await c.services.repo.store.commit([], [line]);
      return {
        idMasked: maskIdNumber(id.value.normalized),
        cases: rows.map((r) => listRow(r, today, c.services.calendar.get())),
      };
    }),

  /**
   * 带入: name, phone and address of the applicant of one of the resident's earlier cases at
   * this station, to fill the intake form. Only for a case the lookup finds for the ID number
   * typed (this station's, same applicant), with a purpose, logged as `person.prefill`.
   * The ID number is never returned: the helper has just typed it — that is how the earlier
   * case was found — so nothing needs revealing (DOMAIN.md §8: minimum necessary; a full
   * number leaves the server only through `reveal`).
   */
  prefill: roleProcedure(RECEIVERS)
    .input(
      z.object({
        idNumber: z.string().trim().min(1, "请填写身份证号码").max(30),
        caseId,
        purpose: accessPurpose.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AuthedContext;
      const { id, purpose, rows } = await earlierCases(c, input);
      const view = rows.some((r) => r.caseId === input.caseId)
        ? await c.services.repo.get(input.caseId)
        : null;
      const detail = { idMasked: maskIdNumber(id.value.normalized), ...purpose };
      if (!view) {
        // Logged too: a caseId that does not belong to the typed ID is probing.
        await c.services.repo.store.commit(
          [],
          [auditEntry(c, "person.prefill_refused", input.caseId, detail)],
        );
        throw new DomainError({
          code: "NOT_ELIGIBLE",
          field: "caseId",
          zh: "该办件不是本站此身份证号码的既往办件，不能带入",
          en: "Not an earlier case of this ID number at this station",
        });
      }
      await c.services.repo.store.commit(
        [],
        [auditEntry(c, "person.prefill", input.caseId, detail)],
      );
      const { name, phone, address } = view.record.applicant;
      return { name, phone, address };
    }),

  /**
   * 查看完整证件号: one case's applicant (or agent) full ID number — a separate action, with a
   * purpose, gated by role, site and case state, always logged as `person.reveal`.
   */
  reveal: roleProcedure(CASE_STAFF)
    .input(
      z.object({
        caseId,
        purpose: accessPurpose.optional(),
        who: z.enum(["applicant", "agent"]).default("applicant"),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AuthedContext;
      const purpose = requirePurpose(input.purpose);
      const view = await c.services.repo.get(input.caseId);
      const person = input.who === "agent" ? view?.record.agent : view?.record.applicant;
      if (!view || !person) {
        throw new DomainError({
          code: "NOT_ELIGIBLE",
          field: "caseId",
          zh: "办件或人员不存在",
          en: "No such case or person",
        });
      }
      const refused = revealRefusal(c.user, c.services.nodeRole, view.projection);
      const detail = { who: input.who, idMasked: maskIdNumber(person.idNumber), ...purpose };
      // A refused attempt is logged too (等保 audit records carry the result): probing shows.
      const line = refused
        ? auditEntry(c, "person.reveal_refused", input.caseId, { ...detail, reason: refused.en })
        : auditEntry(c, "person.reveal", input.caseId, detail);
      await c.services.repo.store.commit([], [line]);
      if (refused) throw refused;
      return { idNumber: person.idNumber, phone: person.phone };
    }),
} satisfies TRPCRouterRecord;
