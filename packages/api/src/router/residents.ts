import { listCases } from "@bangban/db";
import { DomainError, maskIdNumber, parseIdNumber } from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { caseId } from "../inputs";
import { STATION_STAFF } from "../roles";
import { type AuthedContext, auditEntry, todayOf } from "../services/case-commands";
import { listRow } from "../services/views";
import { roleProcedure } from "../trpc";

const purpose = z.string().trim().min(2, "请填写查询用途").max(200, "用途不超过 200 字");

/**
 * 电子档案: a resident's earlier cases at this station, found by ID number (through its keyed
 * hash — the number itself is not stored in any list). Every lookup and every reveal of a
 * full ID number is written to the audit log with who, when, the masked number and why.
 */
export const residentsRouter = {
  lookup: roleProcedure([...STATION_STAFF, "front_desk", "center_lead"])
    .input(
      z.object({
        idNumber: z.string().trim().min(1, "请填写身份证号码").max(30),
        purpose,
        caseId: caseId.optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const c = ctx as AuthedContext;
      const today = todayOf(c);
      const id = parseIdNumber(input.idNumber, { today, field: "idNumber" });
      if (!id.ok) throw id.error;
      const { rows } = await listCases(c.services.db, {
        siteIds: [c.services.site.id],
        applicantIdHash: c.services.hashIdNumber(id.value.normalized),
        today,
        orderBy: "submitted",
        limit: 50,
      });
      await c.services.repo.store.commit(
        [],
        [
          auditEntry(c, "archive.lookup", input.caseId ?? null, {
            idMasked: maskIdNumber(id.value.normalized),
            purpose: input.purpose,
            found: rows.length,
          }),
        ],
      );
      return {
        idMasked: maskIdNumber(id.value.normalized),
        cases: rows.map((r) => listRow(r, today, c.services.calendar)),
      };
    }),

  /** Shows one case's full ID number: a separate action, with a purpose, always logged. */
  reveal: roleProcedure([...STATION_STAFF, "front_desk", "reviewer", "approver", "center_lead"])
    .input(z.object({ caseId, purpose, who: z.enum(["applicant", "agent"]).default("applicant") }))
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AuthedContext;
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
      await c.services.repo.store.commit(
        [],
        [
          auditEntry(c, "archive.reveal", input.caseId, {
            who: input.who,
            idMasked: maskIdNumber(person.idNumber),
            purpose: input.purpose,
          }),
        ],
      );
      return { idNumber: person.idNumber, phone: person.phone };
    }),
} satisfies TRPCRouterRecord;
