import {
  type Actor,
  type CaseEventType,
  localDateOf,
  type PayloadOf,
  payloadSchemaOf,
  recordEvent,
} from "@bangban/domain";
import type { AuditEntry, CaseView } from "@bangban/sync";
import type { ApiContext, SessionUser } from "../context";

export type AuthedContext = ApiContext & { user: SessionUser };

/** The journal actor for the signed-in user at this node. */
export function actorOf(ctx: AuthedContext): Actor {
  return {
    userId: ctx.user.id,
    role: ctx.user.role,
    siteId: ctx.user.siteId,
    siteKind: ctx.services.site.kind,
  };
}

/**
 * The request as the resident's own: a rating given on a screen or phone in the resident's
 * hands is recorded as theirs (userId "resident"), at `siteId`, never as the staff's.
 */
export function asResident(ctx: ApiContext, siteId: string): AuthedContext {
  const resident: SessionUser = {
    id: "resident",
    username: "resident",
    displayName: "群众",
    role: "resident",
    siteId,
    tokenHash: "",
    locked: false,
  };
  return { ...ctx, user: resident };
}

/** Today's date at this node, China time. */
export function todayOf(ctx: ApiContext): string {
  return localDateOf(ctx.services.clock().toISOString());
}

/** An audit line for this request. */
export function auditEntry(
  ctx: ApiContext,
  action: string,
  caseId: string | null,
  detail: Record<string, unknown> = {},
): AuditEntry {
  return {
    at: ctx.services.clock().toISOString(),
    userId: ctx.user?.id ?? "anonymous",
    siteId: ctx.user?.siteId ?? ctx.services.site.id,
    action,
    caseId,
    requestId: ctx.req.requestId,
    detail,
  };
}

/**
 * Records one journal event on a case as the signed-in user. The payload is checked against
 * the wire schema, the state machine decides, and the document, change log, projection and
 * audit line are written in one transaction — or nothing is written.
 */
export async function recordOnCase<T extends CaseEventType>(
  ctx: AuthedContext,
  caseId: string,
  type: T,
  payload: PayloadOf<T>,
  opts: { actor?: Actor; detail?: Record<string, unknown> } = {},
): Promise<CaseView> {
  const parsed = payloadSchemaOf(type).parse(payload) as PayloadOf<T>;
  const actor = opts.actor ?? actorOf(ctx);
  const { services } = ctx;
  return services.repo.record(
    caseId,
    ({ journal }) =>
      recordEvent(journal, type, parsed, {
        id: services.newId(),
        at: services.clock().toISOString(),
        actor,
      }),
    [auditEntry(ctx, `case.${type}`, caseId, opts.detail ?? {})],
  );
}
