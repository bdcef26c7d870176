import { createHash, timingSafeEqual } from "node:crypto";
import { getCaseByNumber, type ProjectionRow } from "@bangban/db";
import { DomainError } from "@bangban/domain";
import { z } from "zod";
import { beginAttempt } from "../../auth/attempt";
import type { ApiContext } from "../../context";

const LOOKUP = { field: "caseNumber", zh: "查询", en: "lookups" };

/** One answer for an unknown number and for wrong digits. */
function notFound(): DomainError {
  return new DomainError({
    code: "NOT_ELIGIBLE",
    field: "caseNumber",
    zh: "未查到该办件，请核对办件编号和手机号后四位",
    en: "No case matches this number and phone digits",
  });
}

function sameDigits(a: string, b: string): boolean {
  // Equal-length digests, so the comparison takes the same time whatever the digits.
  const h = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(h(a), h(b));
}

/** What proves a resident's case without signing in: its number and the phone's last four digits. */
export const caseProof = {
  caseNumber: z.string().trim().min(1, "请填写办件编号").max(40, "办件编号不正确"),
  phoneLast4: z
    .string()
    .trim()
    .regex(/^\d{4}$/, "请填写手机号后四位数字"),
};

/**
 * The case a resident proves with its number and the last four digits of the applicant's phone,
 * or the one answer for a wrong number and wrong digits. Failures are limited per case number,
 * with a ceiling per client address, for every public page that takes this proof alike (one
 * budget: the progress query and the rating page cannot be used in turn to guess more).
 */
export async function proveCase(
  ctx: ApiContext,
  input: { caseNumber: string; phoneLast4: string },
): Promise<ProjectionRow> {
  const { services, req } = ctx;
  // Counted before the lookup: parallel guesses cannot all run before one is counted.
  const attempt = beginAttempt(
    services,
    `progress-case:${input.caseNumber}`,
    `progress-ip:${req.ip}`,
    LOOKUP,
  );
  const p = await getCaseByNumber(services.db, input.caseNumber);
  const match = sameDigits(p?.phoneLast4 ?? "", input.phoneLast4) && p !== null;
  if (!p || !match) throw notFound();
  attempt.succeed();
  return p;
}
