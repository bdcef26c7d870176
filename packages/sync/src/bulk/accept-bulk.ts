import type { CaseRepo } from "../case-repo";
import { ChangeFormatError, readChangeActor, readChangeHeader } from "../change-header";
import { acceptPush, type StationIdentity } from "../hub/accept-push";
import type { HubAuthority } from "../hub/authority";
import { ownsActor, speaksFor } from "../hub/scope";
import type { CaseProjection } from "../projection";
import { isRetryable, SyncError } from "../protocol/errors";
import { LIMITS } from "../protocol/messages";
import { malformedBatch } from "../protocol/refusals";
import { PROTOCOL_VERSION } from "../protocol/version";
import { changeKey, type HubStore } from "../store";
import { checkClaimedProjection } from "./claimed-projection";
import type { BulkCase, BulkFrame } from "./frame";

/**
 * Bulk catch-up at the receiving node (SPEC.md "Bulk catch-up"). A frame's cases are stored
 * whole, without loading a document: each case's changes as the sender sent them, and the
 * sender's projection as a claim, so the case is durable and counted at once. Until the node
 * verified it — the same acceptance a push gets (`acceptPush`: actors, scope, every event
 * against the node's own tables), which computes the node's own projection — the case is
 * "unverified": it is in no feed and a refusal then removes its claim.
 */
export interface ClaimedCase {
  caseId: string;
  /** Null: not counted until verified (it waits for another node's changes). */
  projection: CaseProjection | null;
  changes: readonly Uint8Array[];
  /** The changes packed (`packChanges`), when the frame carried them so (`BulkCase.packed`). */
  packed?: Uint8Array;
}

/** A case waiting for verification, as the node stored it. */
export interface WaitingCase {
  caseId: string;
  sender: string;
  changes: Uint8Array[];
}

export type BulkOutcome =
  | { state: "verified" }
  /** Refused for good: the claim is withdrawn, the history kept for people to look at. */
  | { state: "refused"; kind: string; reason: string }
  /** Not yet: it needs changes the node does not hold yet (another street's); tried again later. */
  | { state: "waiting"; reason: string };

export interface BulkCounts {
  waiting: number;
  verified: number;
  refused: number;
}

/** Where a node keeps bulk cases until they are verified (libSQL: packages/db bulk-store.ts). */
export interface BulkStore {
  /** Which of these cases the node holds history of (verified: in its change log). */
  heldCases(caseIds: readonly string[]): Promise<Set<string>>;
  /** Which of these cases `sender` already stored by a bulk frame (any state). */
  bulkCases(sender: string, caseIds: readonly string[]): Promise<Set<string>>;
  /**
   * Stores the cases, unverified, in ONE transaction with their claimed projections; a claim
   * never replaces a projection the node already has (its own, or an earlier claim).
   */
  storeClaims(sender: string, cases: readonly ClaimedCase[], at: string): Promise<void>;
  /** Cases waiting for verification, least recently tried first; only `caseIds` when given. */
  waiting(limit: number, caseIds?: readonly string[]): Promise<WaitingCase[]>;
  /** Records what verification found of `sender`'s case; a refusal removes a claim. */
  settle(caseId: string, sender: string, outcome: BulkOutcome, at: string): Promise<void>;
  /**
   * Records that verification accepted these cases of `sender`'s, in one write: a pass's
   * batch. Settled one by one, each was a transaction of its own (B2's 10,000 cases: 1.8 s of
   * the hub's main thread, about a fifth of the hub's CPU for verifying them).
   */
  settleVerified(sender: string, caseIds: readonly string[], at: string): Promise<void>;
  counts(): Promise<BulkCounts>;
  /**
   * A frame is about to be stored: into an empty node the store may set its list indexes
   * aside for the catch-up (libSQL: the projection table's plain indexes), until `endIntake`.
   */
  beginIntake?(): Promise<void>;
  /** No catch-up is landing (end frames, or a quiet): what `beginIntake` set aside is built. */
  endIntake?(): Promise<void>;
}

export interface BulkDeps {
  repo: CaseRepo;
  store: HubStore;
  bulk: BulkStore;
  authority: () => Promise<HubAuthority>;
  /** The sender as the node's enrolment tables know it (its actors), or null when unknown. */
  identity: (siteId: string) => Promise<StationIdentity | null>;
  now: () => Date;
}

export interface BulkResponse {
  /** Cases stored unverified by this frame (those waiting for another node's changes included). */
  stored: number;
  /** Cases verified at once (the node held part of them, or they name another street's sites). */
  verified: number;
  /** Cases the node already had from an earlier frame (a resent frame). */
  already: number;
}

/** The case number's site: `<site>-<YYYYMMDD>-<n>`. */
const numberSite = (caseNumber: string) => caseNumber.split("-", 1)[0] ?? "";

/**
 * Takes one bulk frame of cases from `sender`, decoded (and bounds-checked) by the caller —
 * `SyncHandler.pushBulk`, which also takes a catch-up's end frame itself. Refuses the whole
 * frame (typed, nothing stored) when it names a case number another case holds, or carries a
 * case that is malformed or the sender may not create. A case the fast path cannot take on a
 * claim — the node already holds part of it, its history has another node's changes, its
 * projection names a site the sender does not speak for — is verified at once, like a push.
 */
export async function acceptBulk(
  d: BulkDeps,
  sender: StationIdentity,
  { cases }: BulkFrame,
): Promise<BulkResponse> {
  const spoken = new Map<string, boolean>();
  const speaks = (site: string) => {
    let yes = spoken.get(site);
    if (yes === undefined) {
      yes = speaksFor(sender.siteId, site);
      spoken.set(site, yes);
    }
    return yes;
  };
  const ids = cases.map((c) => c.caseId);
  await d.bulk.beginIntake?.();
  const [held, stored] = await Promise.all([
    d.bulk.heldCases(ids),
    d.bulk.bulkCases(sender.siteId, ids),
  ]);
  const claims: ClaimedCase[] = [];
  const now: BulkCase[] = [];
  const later: ClaimedCase[] = [];
  const foreign = new Map<string, string[]>();
  let already = 0;
  const fresh = cases.filter((c) => {
    if (stored.has(c.caseId)) already++;
    return !stored.has(c.caseId);
  });
  // A frame's changes have few distinct authors: each is judged once.
  const owned = new Map<string, boolean>();
  const foreignCases = new Set<string>();
  for (const c of fresh) {
    for (const bytes of c.changes) {
      let actor: string;
      try {
        actor = readChangeActor(bytes);
      } catch (e) {
        if (e instanceof ChangeFormatError) {
          throw malformedBatch("A change could not be decoded", c.caseId);
        }
        throw e;
      }
      let own = owned.get(actor);
      if (own === undefined) {
        own = ownsActor(sender, actor);
        owned.set(actor, own);
      }
      if (!own) foreignCases.add(c.caseId);
    }
  }
  // Their hashes, only for the cases that have another node's changes.
  for (const id of foreignCases) {
    const c = fresh.find((x) => x.caseId === id) as BulkCase;
    for (const bytes of c.changes) {
      const h = readChangeHeader(bytes);
      if (!owned.get(h.actor)) foreign.set(id, [...(foreign.get(id) ?? []), h.hash]);
    }
  }
  const heldForeign = await d.store.hasChanges(
    [...foreign].flatMap(([caseId, hashes]) => hashes.map((hash) => ({ caseId, hash }))),
  );
  for (const c of fresh) {
    const claim = checkClaimedProjection(c.caseId, c.projection, speaks);
    if (!claim.ok && claim.own) {
      throw malformedBatch(`Bulk frame: case ${c.caseId}'s projection has a bad ${claim.field}`);
    }
    if ((foreign.get(c.caseId) ?? []).some((h) => !heldForeign.has(changeKey(c.caseId, h)))) {
      // Another node's changes the node has not got yet (a case of another street, whose own
      // catch-up is still on its way): kept, uncounted, until they arrive.
      later.push({ caseId: c.caseId, projection: null, changes: c.changes, packed: c.packed });
    } else if (
      held.has(c.caseId) ||
      foreign.has(c.caseId) ||
      !claim.ok ||
      !speaks(numberSite(claim.projection.caseNumber))
    ) {
      now.push(c);
    } else {
      claims.push({
        caseId: c.caseId,
        projection: claim.projection,
        changes: c.changes,
        packed: c.packed,
      });
    }
  }
  await refuseTakenNumbers(d.store, claims);
  // The cases verified at once first: if one is refused, the frame stored nothing else.
  if (now.length > 0) await verifyNow(d, sender, now);
  const keep = [...claims, ...later];
  if (keep.length > 0) await d.bulk.storeClaims(sender.siteId, keep, d.now().toISOString());
  return { stored: keep.length, verified: now.length, already };
}

async function refuseTakenNumbers(store: HubStore, claims: readonly ClaimedCase[]): Promise<void> {
  const numbers = claims.flatMap((c) => (c.projection ? [c.projection.caseNumber] : []));
  const holders = await store.casesByNumber(numbers);
  const seen = new Map<string, string>();
  for (const c of claims) {
    const n = c.projection?.caseNumber;
    if (n === undefined) continue;
    const other = holders.get(n) ?? seen.get(n);
    if (other !== undefined && other !== c.caseId) {
      throw new SyncError({
        kind: "INVALID_CASE",
        caseId: c.caseId,
        zh: `受理号 ${n} 已被其他办件使用，已拒收`,
        en: `Case number ${n} is held by case ${other}`,
      });
    }
    seen.set(n, c.caseId);
  }
}

/**
 * Cases checked as a push of their changes the node does not hold yet: in batches of the push
 * bound, each all or nothing. Throws the first refusal.
 */
async function verifyNow(
  d: BulkDeps,
  sender: StationIdentity,
  cases: readonly { caseId: string; changes: readonly Uint8Array[] }[],
): Promise<void> {
  const all = cases.flatMap((c) =>
    c.changes.map((bytes) => ({ caseId: c.caseId, bytes, hash: readChangeHeader(bytes).hash })),
  );
  const held = await d.store.hasChanges(all);
  const missing = all.filter((c) => !held.has(changeKey(c.caseId, c.hash)));
  for (let i = 0; i < missing.length; i += LIMITS.maxChangesPerPush) {
    const part = missing.slice(i, i + LIMITS.maxChangesPerPush);
    await acceptPush(
      d.repo,
      d.store,
      sender,
      { protocol: PROTOCOL_VERSION, changes: part.map(({ caseId, bytes }) => ({ caseId, bytes })) },
      { authority: d.authority },
    );
  }
}

/** What a verification pass did. */
export interface VerifyPass {
  verified: number;
  refused: number;
  waiting: number;
}

/**
 * Verifies waiting bulk cases: each the way a push of its history would be accepted, from the
 * sender it came from. Cases of one sender go in batches (one commit each); a refused batch is
 * retried case by case, so one bad case is refused alone. A case that needs changes the node
 * does not hold yet (another street's) waits for a later pass.
 */
export class BulkVerifier {
  /**
   * True once a whole pass found no case waiting and no frame arrived meanwhile: then a pass
   * for given cases (before every push, and every case opened) skips its query. A street hub
   * takes bulk frames rarely and pushes all day.
   */
  private clear = false;
  private frames = 0;

  constructor(private readonly d: BulkDeps) {}

  /** A bulk frame is being stored: passes look again (called before its claims are stored). */
  frameArriving(): void {
    this.frames += 1;
    this.clear = false;
  }

  /** Up to `limit` waiting cases (or just `caseIds`, when given: a push or a reader needs them). */
  async pass(limit: number, caseIds?: readonly string[]): Promise<VerifyPass> {
    const out: VerifyPass = { verified: 0, refused: 0, waiting: 0 };
    if (caseIds && this.clear) return out;
    const frames = this.frames;
    const rows = await this.d.bulk.waiting(limit, caseIds);
    if (!caseIds && rows.length === 0 && frames === this.frames) this.clear = true;
    const bySender = new Map<string, WaitingCase[]>();
    for (const r of rows) bySender.set(r.sender, [...(bySender.get(r.sender) ?? []), r]);
    for (const [site, group] of bySender) {
      const sender = await this.d.identity(site);
      if (!sender) {
        for (const c of group) await this.settle(c, unknownSender(site), out);
        continue;
      }
      // A case with another node's changes the node does not hold yet: the part of its
      // history before the first of them is verified now (so the other node's own push, which
      // builds on it, can land), the rest waits for them.
      const ready: WaitingCase[] = [];
      const headers = group.map((c) => c.changes.map((b) => readChangeHeader(b)));
      const held = await this.d.store.hasChanges(
        group.flatMap((c, i) =>
          (headers[i] ?? []).flatMap((h) =>
            ownsActor(sender, h.actor) ? [] : [{ caseId: c.caseId, hash: h.hash }],
          ),
        ),
      );
      for (const [i, c] of group.entries()) {
        const cut = (headers[i] ?? []).findIndex(
          (h) => !ownsActor(sender, h.actor) && !held.has(changeKey(c.caseId, h.hash)),
        );
        if (cut === -1) {
          ready.push(c);
          continue;
        }
        try {
          if (cut > 0)
            await verifyNow(this.d, sender, [{ ...c, changes: c.changes.slice(0, cut) }]);
          await this.settle(c, AWAITING, out);
        } catch (e) {
          await this.settle(c, outcomeOf(e), out);
        }
      }
      for (const part of batches(ready)) {
        try {
          await verifyNow(this.d, sender, part);
          const ids = part.map((c) => c.caseId);
          await this.d.bulk.settleVerified(site, ids, this.d.now().toISOString());
          out.verified += ids.length;
        } catch (e) {
          if (!(e instanceof SyncError) || part.length === 1) {
            await this.settle(part[0] as WaitingCase, outcomeOf(e), out);
            continue;
          }
          for (const c of part) {
            try {
              await verifyNow(this.d, sender, [c]);
              await this.settle(c, { state: "verified" }, out);
            } catch (one) {
              await this.settle(c, outcomeOf(one), out);
            }
          }
        }
      }
    }
    return out;
  }

  private async settle(c: WaitingCase, outcome: BulkOutcome, out: VerifyPass): Promise<void> {
    await this.d.bulk.settle(c.caseId, c.sender, outcome, this.d.now().toISOString());
    out[outcome.state]++;
  }
}

/** Groups of cases whose changes fit one push. */
function* batches(cases: readonly WaitingCase[]): Generator<WaitingCase[]> {
  let part: WaitingCase[] = [];
  let n = 0;
  for (const c of cases) {
    if (part.length > 0 && n + c.changes.length > LIMITS.maxChangesPerPush) {
      yield part;
      part = [];
      n = 0;
    }
    part.push(c);
    n += c.changes.length;
  }
  if (part.length > 0) yield part;
}

const AWAITING: BulkOutcome = {
  state: "waiting",
  reason: "待其他街道的变更到达后核验",
};

const unknownSender = (site: string): BulkOutcome => ({
  state: "refused",
  kind: "UNKNOWN_STATION",
  reason: `发送方 ${site} 已不在登记之列`,
});

/**
 * A refusal for good, or "try again later" for a retryable failure (MISSING_DEPS: a change it
 * builds on has not arrived) or anything that is not a refusal (the store failed).
 */
function outcomeOf(e: unknown): BulkOutcome {
  if (e instanceof SyncError) {
    const { kind, zh } = e.data;
    if (isRetryable(kind)) return { state: "waiting", reason: zh };
    return { state: "refused", kind, reason: zh };
  }
  return { state: "waiting", reason: e instanceof Error ? e.message : String(e) };
}
