import { caseEventSchema } from "@bangban/domain";
import type { CaseRecord } from "../case-doc";
import type { CaseRepo, RemoteChange } from "../case-repo";
import { readChangeHeader } from "../change-header";
import { SyncError } from "../protocol/errors";
import { fromBase64, LIMITS, type PushRequest, type PushResponse } from "../protocol/messages";
import { batchTooLarge, checkProtocol, malformedBatch } from "../protocol/refusals";
import type { AuditEntry, HubStore } from "../store";

/** The station a request comes from, as the hub knows it from its credential. */
export interface StationIdentity {
  siteId: string;
  actorIds: readonly string[];
}

function decodeBatch(req: PushRequest, station: StationIdentity): RemoteChange[] {
  if (req.changes.length > LIMITS.maxChangesPerPush) throw batchTooLarge();
  let bytes = 0;
  return req.changes.map((c) => {
    const b = fromBase64(c.bytes);
    bytes += b.length;
    if (bytes > LIMITS.maxBytesPerPush) throw batchTooLarge();
    let actor: string;
    try {
      actor = readChangeHeader(b).actor;
    } catch {
      throw malformedBatch("A change could not be decoded", c.caseId);
    }
    if (!station.actorIds.includes(actor)) {
      throw new SyncError({
        kind: "FORGED_ACTOR",
        caseId: c.caseId,
        zh: "同步数据中含有非本站点产生的变更，已拒收",
        en: `Change by actor ${actor} is not this station's`,
      });
    }
    return { caseId: c.caseId, bytes: b };
  });
}

function notInScope(caseId: string): SyncError {
  return new SyncError({
    kind: "NOT_IN_SCOPE",
    caseId,
    zh: "该办件不在本站点的办理范围内，已拒收",
    en: `Case ${caseId} is not in this station's scope`,
  });
}

/**
 * What a station may do to a case: create it (its own intake, at its own site) or change a
 * case in its scope; every journal event it adds must be well-formed and recorded at its site.
 */
function checkCase(
  station: StationIdentity,
  inScope: boolean,
  caseId: string,
  before: CaseRecord | null,
  after: CaseRecord,
): Error | null {
  if (!before) {
    const first = after.journal[0];
    if (first?.type !== "intake" || first.payload.originSiteId !== station.siteId) {
      return notInScope(caseId);
    }
  } else if (!inScope) {
    return notInScope(caseId);
  }
  const known = new Set(before?.journal.map((e) => e.id) ?? []);
  for (const e of after.journal) {
    if (known.has(e.id)) continue;
    if (!caseEventSchema.safeParse(e).success)
      return malformedBatch(`Event ${e.id} is not well-formed`, caseId);
    if (e.actor.siteId !== station.siteId) {
      return new SyncError({
        kind: "FORGED_ACTOR",
        caseId,
        zh: "同步数据中含有以其他站点名义记录的操作，已拒收",
        en: `Event ${e.id} claims site ${e.actor.siteId}`,
      });
    }
  }
  return null;
}

/**
 * The hub's side of a push: checks the whole batch (protocol, bounds, decoding, actors,
 * scope, events, dependencies) before storing anything, then stores it in one transaction.
 * A replayed or duplicated batch is acknowledged without storing anything twice.
 */
export async function acceptPush(
  repo: CaseRepo,
  store: HubStore,
  station: StationIdentity,
  req: PushRequest,
  audit: AuditEntry[] = [],
): Promise<PushResponse> {
  checkProtocol(req.protocol);
  const changes = decodeBatch(req, station);
  const caseIds = [...new Set(changes.map((c) => c.caseId))];
  const inScope = new Map<string, boolean>();
  for (const id of caseIds) inScope.set(id, (await store.scopeOf(id)).includes(station.siteId));
  const r = await repo.applyRemote(changes, {
    check: ({ caseId, before, after }) =>
      checkCase(station, inScope.get(caseId) ?? false, caseId, before, after),
    audit,
  });
  return { stored: changes.length, appended: r.appended, cases: caseIds.length };
}
