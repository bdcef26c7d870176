import { latestCatalog, listSites, nextCaseNumber } from "@bangban/db";
import {
  checkEligibility,
  DomainError,
  parsePerson,
  recordEvent,
  toItemSnapshot,
} from "@bangban/domain";
import type { CaseView } from "@bangban/sync";
import type { ApiContext } from "../context";
import type { IntakeInput } from "../inputs";
import { type AuthedContext, actorOf, auditEntry, todayOf } from "./case-commands";

function must<T>(r: { ok: true; value: T } | { ok: false; error: DomainError }): T {
  if (!r.ok) throw r.error;
  return r.value;
}

/**
 * 收件: a new case from the intake form. Every check happens before anything is written:
 * the item (from the catalog, its current version), the applicant's and agent's ID number
 * and phone, the item's 受理条件 (age and 户籍 from the ID number, on today's date), 代办
 * paperwork (a 委托书 always: 代办 is acting for the resident), and the state machine's own
 * rules for the first event.
 */
export async function intakeCase(ctx: AuthedContext, input: IntakeInput): Promise<CaseView> {
  const { services } = ctx;
  if (input.clientCaseId) {
    const existing = await services.repo.get(input.clientCaseId);
    if (existing) {
      // A retry of a submit that already went through: same user, same item → the same case.
      const first = existing.record.journal[0];
      if (first?.actor.userId === ctx.user.id && existing.state.item.code === input.itemCode)
        return existing;
      throw new DomainError({
        code: "DUPLICATE",
        field: "clientCaseId",
        zh: "办件标识已被使用，请刷新后重新填写",
        en: "Case id already used",
      });
    }
  }
  const today = todayOf(ctx);
  const item = await itemInForce(ctx, input.itemCode);
  const applicant = must(parsePerson(input.applicant, "applicant", today));
  must(checkEligibility(item, applicant, today, { householdVerified: input.householdVerified }));
  let agent = null;
  if (input.mode === "proxy") {
    if (!input.agent) {
      throw new DomainError({
        code: "REQUIRED",
        field: "agent",
        zh: "代办须填写代办人信息",
        en: "Proxy handling needs the agent",
      });
    }
    agent = must(parsePerson(input.agent, "agent", today));
    // The machine lets 代办 skip the 委托书 when the resident is present (older journals
    // hold such cases); new 代办 cases always carry one.
    if (!input.powerOfAttorney) {
      throw new DomainError({
        code: "REQUIRED",
        field: "powerOfAttorney",
        zh: "代办须有申请人签署的委托书，请先打印委托书交申请人签字",
        en: "Proxy handling needs the applicant's signed power of attorney",
      });
    }
  }
  const snapshot = toItemSnapshot(item);
  const at = services.clock().toISOString();
  const intake = recordEvent(
    [],
    "intake",
    {
      item: snapshot,
      mode: input.mode,
      residentPresent: input.residentPresent,
      powerOfAttorney: input.powerOfAttorney,
      ...(input.householdVerified ? { householdVerified: true as const } : {}),
      originSiteId: services.site.id,
      materials: input.materials,
    },
    { id: services.newId(), at, actor: actorOf(ctx) },
  );
  const caseNumber = await nextCaseNumber(services.db, services.site.id, today);
  const caseId = input.clientCaseId ?? services.newId();
  return services.repo.create({ caseId, caseNumber, createdAt: at, applicant, agent, intake }, [
    auditEntry(ctx, "case.intake", caseId, { itemCode: item.code, caseNumber }),
  ]);
}

/** The site must exist in the hub's site list (synced down to stations). */
export async function requireSite(
  ctx: AuthedContext,
  siteId: string,
  field: string,
): Promise<void> {
  const sites = await listSites(ctx.services.db);
  if (!sites.some((s) => s.id === siteId)) {
    throw new DomainError({
      code: "NOT_ELIGIBLE",
      field,
      zh: "所选站点不存在",
      en: `Unknown site ${siteId}`,
    });
  }
}

/** The item's version in force today (a later-dated version does not apply to new cases yet). */
export async function itemInForce(ctx: ApiContext, itemCode: string) {
  const item = (await latestCatalog(ctx.services.db, { asOf: todayOf(ctx) })).find(
    (i) => i.code === itemCode,
  );
  if (!item) {
    throw new DomainError({
      code: "NOT_ELIGIBLE",
      field: "itemCode",
      zh: "办理事项不存在，请从事项清单中选择",
      en: "Unknown item",
    });
  }
  return item;
}
