import { caseEventSchema } from "@bangban/domain";
import type { CaseRecord } from "../case-doc";
import type { CaseRepo, RemoteChange } from "../case-repo";
import { readChangeHeader } from "../change-header";
import { SyncError } from "../protocol/errors";
import type { PushBatch } from "../protocol/frames";
import { fromBase64, LIMITS, type PushRequest, type PushResponse } from "../protocol/messages";
import { batchTooLarge, checkProtocol, malformedBatch } from "../protocol/refusals";
import type { AuditEntry, HubStore } from "../store";
import { type HubAuthority, judgeCase, takenNumbers } from "./authority";
import { ownsActor, speaksFor } from "./scope";

/**
 * The node a request comes from, as the receiving node knows it from its credential: a
 * station at its street hub, or a street hub at its district (a 9-digit site: it speaks for
 * its center and its stations, `speaksFor` / `ownsActor`).
 */
export interface StationIdentity {
  siteId: string;
  actorIds: readonly string[];
}

/**
 * A JSON push (protocol 1, `sync.push`) as the batch the hub checks: the protocol first, then
 * the bounds — the count before anything is decoded, the bytes as the base64 is decoded.
 */
export function pushBatchFromJson(req: PushRequest): PushBatch {
  checkProtocol(req.protocol);
  if (req.changes.length > LIMITS.maxChangesPerPush) throw batchTooLarge();
  let bytes = 0;
  const changes = req.changes.map((c) => {
    // Base64 is 4 characters per 3 bytes: refuse before decoding what cannot fit.
    if (bytes + Math.floor((c.bytes.length * 3) / 4) - 2 > LIMITS.maxBytesPerPush) {
      throw batchTooLarge();
    }
    const b = fromBase64(c.bytes);
    bytes += b.length;
    if (bytes > LIMITS.maxBytesPerPush) throw batchTooLarge();
    return { caseId: c.caseId, bytes: b };
  });
  return { protocol: req.protocol, changes };
}

/** Bounds and authorship of every change; nothing about the cases yet. */
function checkBatch(batch: PushBatch, station: StationIdentity): void {
  if (batch.changes.length > LIMITS.maxChangesPerPush) throw batchTooLarge();
  let bytes = 0;
  for (const c of batch.changes) {
    bytes += c.bytes.length;
    if (bytes > LIMITS.maxBytesPerPush) throw batchTooLarge();
    let actor: string;
    try {
      actor = readChangeHeader(c.bytes).actor;
    } catch {
      throw malformedBatch("A change could not be decoded", c.caseId);
    }
    if (!ownsActor(station, actor)) {
      throw new SyncError({
        kind: "FORGED_ACTOR",
        caseId: c.caseId,
        zh: "同步数据中含有非本站点产生的变更，已拒收",
        en: `Change by actor ${actor} is not this station's`,
      });
    }
  }
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
 * case in its scope — and then only what `judgeCase` allows against the hub's own tables.
 */
function checkScope(
  station: StationIdentity,
  inScope: boolean,
  caseId: string,
  before: CaseRecord | null,
  after: CaseRecord,
): Error | null {
  if (!before) {
    const first = after.journal[0];
    if (first?.type !== "intake" || !speaksFor(station.siteId, first.payload.originSiteId)) {
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
  }
  return null;
}

export interface AcceptOptions {
  /** The hub's users, sites and catalog as they are now (read once per push). */
  authority: () => Promise<HubAuthority>;
  audit?: AuditEntry[];
}

/**
 * The hub's side of a push, however it travelled (`decodePushFrame` for a binary frame,
 * `pushBatchFromJson` for JSON): checks the whole batch (protocol, bounds, decoding, actors,
 * scope, events against the hub's authority, dependencies) before storing anything, then
 * stores it in one transaction. A replayed or duplicated batch is acknowledged without
 * storing anything twice.
 */
export async function acceptPush(
  repo: CaseRepo,
  store: HubStore,
  station: StationIdentity,
  batch: PushBatch,
  opts: AcceptOptions,
): Promise<PushResponse> {
  checkProtocol(batch.protocol);
  checkBatch(batch, station);
  const changes: RemoteChange[] = batch.changes;
  const caseIds = new Set(changes.map((c) => c.caseId));
  const r = await repo.applyRemote(changes, {
    // Scope is read holding the cases' locks, so a push overlapping one still being stored
    // (a station's retry after a timeout) sees the cases that one created.
    makeCheck: async (ids) => {
      const [scopes, authority] = await Promise.all([store.scopesOf(ids), opts.authority()]);
      return {
        each: async ({ caseId, before, after, state, causalJournal }) =>
          checkScope(
            station,
            !!scopes.get(caseId)?.includes(station.siteId),
            caseId,
            before,
            after,
          ) ??
          (await judgeCase(
            { siteId: station.siteId, caseId, before, after, state, causalJournal },
            authority,
          )),
        all: (cases) => takenNumbers(cases, (n) => store.casesByNumber(n)),
      };
    },
    audit: opts.audit,
  });
  return { stored: changes.length, appended: r.appended, cases: caseIds.size };
}
