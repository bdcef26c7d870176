import type { AuditPushRequest, AuditPushResponse } from "../audit/messages";
import {
  AuditUplink,
  type AuditUplinkStatus,
  type RelayedAuditChains,
  type StationAuditSource,
} from "../audit/uplink";
import { BlobFetcher, type StationBlobSource } from "../blob/fetch-blob";
import {
  BLOB_LIMITS,
  type BlobChunk,
  type BlobChunkResponse,
  type BlobOfferRequest,
  type BlobOfferResponse,
  type BlobPiece,
  type BlobPullRequest,
} from "../blob/messages";
import { decodeBulkFrame } from "../bulk/frame";
import type { CaseRepo } from "../case-repo";
import type { ComplaintBook } from "../complaint/complaint-book";
import type {
  PullComplaintsRequest,
  PullComplaintsResponse,
  PushComplaintsRequest,
  PushComplaintsResponse,
} from "../complaint/messages";
import type { PushDirectoryRequest, PushDirectoryResponse } from "../hub/directory";
import { isCaseRefusal, isRetryable, SyncError, type SyncErrorData } from "../protocol/errors";
import type { PushBatch } from "../protocol/frames";
import {
  fromBase64,
  type PullBulkRequest,
  type PullBulkResponse,
  type PullRequest,
  type PullResponse,
  type PushResponse,
  type ReferenceRequest,
  type ReferenceResponse,
} from "../protocol/messages";
import { PROTOCOL_VERSION } from "../protocol/version";
import type { CaseStore, ChangeFilter, Quarantine, StoredChange } from "../store";
import type { BulkActivity } from "./bulk-activity";

/**
 * How the station reaches the hub. Failures throw SyncError (typed) or any other error
 * (network). Every implementation passes the transport suite (transport-suite.ts).
 */
export interface SyncTransport {
  /** Sends the changes as they are (the transport frames them: frames.ts). */
  push(batch: PushBatch): Promise<PushResponse>;
  pull(req: PullRequest): Promise<PullResponse>;
  /**
   * A page of whole cases of the feed (`sync.pullBulk`, SPEC.md "Bulk pull"): a first pull with a
   * long history. Null: the hub predates it; a transport without it is treated the same.
   */
  pullBulk?(req: PullBulkRequest): Promise<PullBulkResponse | null>;
  /** Reference data (catalog, sites, staff, calendar), unless `known` is its version. */
  reference(req: ReferenceRequest): Promise<ReferenceResponse>;
  /** A cheap look whether the hub answers at all (probed during back-off); never throws. */
  health(): Promise<boolean>;
  /**
   * The station's audit rows after its cursor (`sync.pushAudit`). Null: the hub does not know
   * the call (a hub older than it); a transport without it is treated the same.
   */
  pushAudit?(req: AuditPushRequest): Promise<AuditPushResponse | null>;
  /** A street's staff and stations' freshness to its district (null: the district predates it). */
  pushDirectory?(req: PushDirectoryRequest): Promise<PushDirectoryResponse | null>;
  /** Complaints up (null: the hub predates complaints and does not know the call). */
  pushComplaints?(req: PushComplaintsRequest): Promise<PushComplaintsResponse | null>;
  /** Complaints down (null as for push). */
  pullComplaints?(req: PullComplaintsRequest): Promise<PullComplaintsResponse | null>;
  /**
   * Blob sync (SPEC.md, Blobs; null: the hub predates it). `sync.offerBlobs`: which of the
   * station's own blobs the hub has, wants (from which offset) or refuses.
   */
  offerBlobs?(req: BlobOfferRequest): Promise<BlobOfferResponse | null>;
  /** `sync.pushBlob`: one chunk of a blob up, as a binary frame. */
  pushBlob?(chunk: BlobChunk): Promise<BlobChunkResponse | null>;
  /** `GET /sync/blobs/:hash`: a range of a blob down, as bytes. */
  pullBlob?(req: BlobPullRequest): Promise<BlobPiece | null>;
}

/** Where the sync loop reads the node's own audit log (packages/db: `LibsqlAuditSource`). */
export type { StationAuditSource } from "../audit/uplink";

export interface SyncServiceOptions {
  repo: CaseRepo;
  store: CaseStore;
  /** This station's Automerge actor: only its own changes are pushed. */
  actorId: string;
  /**
   * A street hub syncing up to its district: it pushes every change authored under its code
   * (its own and its stations', which it holds), not only its own actor's.
   */
  ownPrefix?: string;
  transport: SyncTransport;
  /** The station's own audit log, pushed to the hub after the cases in each round. */
  audit?: StationAuditSource;
  /**
   * A street hub linked to its district: its stations' audit chains as they synced up to it,
   * relayed unchanged after its own, each from its own cursor (SPEC.md "The district tier").
   */
  relayAudit?: RelayedAuditChains;
  /** Audit rows per push (default and bound: AUDIT_LIMITS). */
  auditLimit?: { maxRows: number; maxBytes: number };
  /** The station's complaints, pushed and pulled after the cases in each round. */
  complaints?: ComplaintBook;
  /**
   * The complaint pull's cursor name (default `hub-complaints-pull`). A street's loop up to its
   * district names its own, so a widened scope at the district is pulled from the start once.
   */
  complaintPullCursor?: string;
  /** The station's blobs: its own pushed after the cases, its inbox's scans prefetched. */
  blobs?: StationBlobSource;
  /** Fetches blobs down (shared with the case page's lazy fetch, so one fetch per hash). */
  fetcher?: BlobFetcher;
  /** Blob work per round, so cases are never starved (default BLOB_ROUND). */
  blobLimit?: BlobRoundLimit;
  /** Runs after push and pull in each round (reference data down: catalog, users, …). */
  afterRound?: () => Promise<void>;
  /**
   * Runs before the push of each round: a street reports its staff to its district first, so
   * the district knows a new colleague before judging the changes they made.
   */
  beforeRound?: () => Promise<void>;
  intervalMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  pushLimit?: { maxChanges: number; maxBytes: number };
  pullLimit?: { maxChanges: number; maxBytes: number };
  /**
   * A first pull (cursor 0) with at least this many changes waiting takes whole cases in pages
   * (`sync.pullBulk`, SPEC.md "Bulk pull"), stored without loading a document; absent: never.
   */
  pullBulkFrom?: number;
  /**
   * Marks the first pull's whole cases as a bulk transfer (background passes hold meanwhile,
   * and to the end of the round that moved them); told when each round starts and ends.
   */
  bulkActivity?: BulkActivity;
  now?: () => Date;
  random?: () => number;
  /**
   * While backing off from an unreachable hub, look at its health this often and start the
   * next round as soon as it answers, instead of waiting out a back-off of up to a minute.
   */
  probeEveryMs?: number;
  /** The loop's timers (tests inject manual ones; no test waits on the clock). */
  timers?: Timers;
}

/** Timers as the sync loop uses them. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const systemTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export type SyncState = "idle" | "syncing" | "offline" | "error" | "stopped";

export interface SyncStatus {
  state: SyncState;
  online: boolean;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError:
    | (Pick<SyncErrorData, "zh" | "en"> & { kind: SyncErrorData["kind"] | "NETWORK" })
    | null;
  /** This station's changes the hub has not acknowledged yet. */
  pending: number;
  /** A long catch-up in progress: what has arrived of what the hub said was waiting. */
  catchUp: {
    changesDone: number;
    changesTotal: number;
    bytesDone: number;
    bytesTotal: number;
    cases: number;
  } | null;
  consecutiveFailures: number;
  /**
   * Cases whose changes the hub refused for good, with its reason: held back from every push
   * (the rest keeps syncing) until a person deals with them.
   */
  quarantined: Quarantine[];
  /**
   * The audit log's way up: how many of its rows the hub has not acknowledged, the hub's
   * refusal of them if any (a broken chain needs a person; the cases keep syncing), and
   * whether the hub is too old to take them.
   */
  audit: AuditUplinkStatus;
  /**
   * A refusal no retry can fix (revoked, unknown station, protocol): the loop has stopped
   * retrying on its own and waits for a person (`resume`, e.g. 立即同步 after re-enrolling).
   */
  parked: boolean;
  /**
   * Complaints the hub refused for good, with its reason: skipped (the cursor moved past
   * them) so that the rest keeps syncing; a person looks at them.
   */
  refusedComplaints: Quarantine[];
  /**
   * Blob sync: own blobs the hub has not acknowledged, those it refused for good (set aside,
   * with its reason; the rest keeps going), the inbox's scans not here yet, and whether the
   * hub is too old to take blobs.
   */
  blobs: {
    pendingUp: number;
    refused: BlobSetAside[];
    missingDown: number;
    hubLacksCall: boolean;
  };
  /** The rounds this process has begun and ended (see SyncRounds). */
  rounds: SyncRounds;
}

/**
 * The loop's rounds, counted per process from its start: an observer that noted `started`
 * knows a round begun after it looked has ended once `finished` passes that number, and
 * judges what it awaits on state at least that fresh (multi-process tests await rounds,
 * never a guess of how long a round takes). Rounds never overlap: `started - finished` is
 * 0 or 1. Written as one record when a round ends, so `lastError` is that round's.
 */
export interface SyncRounds {
  started: number;
  /** Rounds ended, succeeded or failed, with their effects in place (cursors, counts). */
  finished: number;
  /**
   * Rounds that failed one after another with this same error (kind and message), up to the
   * last ended one; 0 once one succeeds. A peer away, then a bug, restarts the count.
   */
  sameErrorInARow: number;
  /** The last ended round's failure; null when it succeeded or none has ended. */
  lastError: { kind: SyncErrorData["kind"] | "NETWORK"; en: string } | null;
}

/** A blob set aside after a refusal, with the reason. */
export interface BlobSetAside {
  hash: string;
  kind: string;
  zh: string;
  en: string;
  at: string;
}

/** Blob work per round: bytes up, scans down, and the chunk size up (≤ 1 MiB). */
export interface BlobRoundLimit {
  bytesUpPerRound: number;
  blobsDownPerRound: number;
  chunkBytes?: number;
}

/** Blob work per round by default: 32 MiB up, 20 scans down. */
export const BLOB_ROUND: BlobRoundLimit = {
  bytesUpPerRound: 32 * 1024 * 1024,
  blobsDownPerRound: 20,
};

/** Refusals that concern one blob (set aside); any other is the station's and fails the round. */
const BLOB_REFUSALS: ReadonlySet<string> = new Set([
  "BLOB_HASH_MISMATCH",
  "BLOB_TOO_LARGE",
  "BLOB_NOT_REFERENCED",
  "BLOB_REF_MISMATCH",
  "BLOB_MISSING",
  "NOT_IN_SCOPE",
  "MALFORMED_BATCH",
]);

export const PUSH_CURSOR = "hub-push";
export const PULL_CURSOR = "hub-pull";
/** Whole cases per bulk pull page: about 3 MB of a typical history with its projections. */
export const PULL_BULK_CASES = 1000;
/** The last own audit row id the hub acknowledged. */
export { AUDIT_CURSOR } from "../audit/uplink";
export const COMPLAINT_PUSH_CURSOR = "hub-complaints-push";
export const COMPLAINT_PULL_CURSOR = "hub-complaints-pull";

/**
 * The station's sync loop as a service (see SPEC.md): push what the hub lacks, pull the feed,
 * then reference data; repeat every `intervalMs`, or sooner when nudged after a local write;
 * on failure back off exponentially with jitter. Cursors move only after the hub acknowledged
 * (push) or after what was pulled is durably stored (pull), so a crash or a cut connection at
 * any point loses nothing, and replays are absorbed by deduplication on both sides.
 */
export class SyncService {
  private s: SyncStatus = {
    state: "idle",
    online: false,
    lastSuccessAt: null,
    lastAttemptAt: null,
    lastError: null,
    pending: 0,
    catchUp: null,
    consecutiveFailures: 0,
    quarantined: [],
    audit: { pending: 0, refusal: null, hubLacksCall: false },
    parked: false,
    refusedComplaints: [],
    blobs: { pendingUp: 0, refused: [], missingDown: 0, hubLacksCall: false },
    rounds: { started: 0, finished: 0, sameErrorInARow: 0, lastError: null },
  };
  /** Blob work was left for the next round (bounded per round): it starts at once. */
  private moreBlobs = false;
  /** When the station last removed its abandoned partial fetches (ms). */
  private sweptAt = 0;
  readonly fetcher: BlobFetcher | null;
  /** How long the hub asked us to wait (RETRY_AFTER), for the next delay. */
  private retryAfterMs = 0;
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private round: Promise<void> | null = null;
  private auditUplink: AuditUplink | null = null;

  constructor(private readonly o: SyncServiceOptions) {
    this.fetcher = o.fetcher ?? (o.blobs ? new BlobFetcher({ source: o.blobs }) : null);
  }

  status(): SyncStatus {
    return {
      ...this.s,
      catchUp: this.s.catchUp ? { ...this.s.catchUp } : null,
      audit: { ...this.s.audit },
      quarantined: this.s.quarantined.map((q) => ({ ...q })),
      refusedComplaints: this.s.refusedComplaints.map((q) => ({ ...q })),
      blobs: { ...this.s.blobs, refused: this.s.blobs.refused.map((b) => ({ ...b })) },
      rounds: {
        ...this.s.rounds,
        lastError: this.s.rounds.lastError ? { ...this.s.rounds.lastError } : null,
      },
    };
  }

  /** Starts the loop (idempotent). */
  run(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.cycle();
  }

  /** Stops the loop after the current round; resolves when it has stopped. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.s.state = "stopped";
  }

  /** Asks for a round now (after a local write) instead of at the next interval. A parked loop stays parked. */
  nudge(): void {
    if (!this.s.parked) this.wake?.();
  }

  /** A person asks to try again (立即同步, after re-enrolling or upgrading): unparks the loop. */
  resume(): void {
    this.s.parked = false;
    this.wake?.();
  }

  /** One full round: push, pull, audit, reference. Concurrent callers share the round in flight. */
  async syncOnce(): Promise<void> {
    if (!this.round) {
      this.round = this.doRound().finally(() => {
        this.round = null;
      });
    }
    return this.round;
  }

  private async doRound(): Promise<void> {
    const now = this.o.now ?? (() => new Date());
    this.s.lastAttemptAt = now().toISOString();
    this.s.state = "syncing";
    this.s.rounds = { ...this.s.rounds, started: this.s.rounds.started + 1 };
    this.o.bulkActivity?.roundStarted();
    try {
      await this.o.beforeRound?.();
      await this.pushAll();
      await this.pullAll();
      this.moreBlobs = false;
      await this.pushBlobs();
      await this.prefetchBlobs();
      await this.pushAuditAll();
      await this.complaintRound();
      await this.o.afterRound?.();
      this.s = {
        ...this.s,
        state: "idle",
        online: true,
        lastError: null,
        lastSuccessAt: now().toISOString(),
        consecutiveFailures: 0,
      };
    } catch (e) {
      const err = describe(e);
      this.retryAfterMs = e instanceof SyncError ? (e.data.retryAfterMs ?? 0) : 0;
      this.s = {
        ...this.s,
        state: err.kind === "NETWORK" ? "offline" : "error",
        online: err.kind !== "NETWORK",
        lastError: err,
        consecutiveFailures: this.s.consecutiveFailures + 1,
        parked: !isRetryable(err.kind),
      };
      throw e;
    } finally {
      this.s.pending = await this.pendingCount().catch(() => this.s.pending);
      this.s.quarantined = await this.o.store.quarantined().catch(() => this.s.quarantined);
      await this.countBlobs().catch(() => undefined);
      const r = this.s.rounds;
      const err = this.s.lastError
        ? { kind: this.s.lastError.kind, en: this.s.lastError.en }
        : null;
      const same = err !== null && r.lastError?.kind === err.kind && r.lastError.en === err.en;
      this.s.rounds = {
        started: r.started,
        finished: r.finished + 1,
        sameErrorInARow: err ? (same ? r.sameErrorInARow + 1 : 1) : 0,
        lastError: err,
      };
      this.o.bulkActivity?.roundEnded();
    }
  }

  private async countBlobs(): Promise<void> {
    const b = this.o.blobs;
    if (!b) return;
    const [pendingUp, missingDown] = await Promise.all([b.countUnsent(), b.countMissing()]);
    this.s.blobs = { ...this.s.blobs, pendingUp, missingDown };
  }

  private setAside(hash: string, r: { kind: string; zh: string; en: string }): void {
    const { kind, zh, en } = r;
    const at = (this.o.now ?? (() => new Date()))().toISOString();
    const refused = this.s.blobs.refused.filter((b) => b.hash !== hash);
    this.s.blobs = { ...this.s.blobs, refused: [...refused, { hash, kind, zh, en, at }] };
  }

  /** A refusal about one blob (set it aside); anything else fails the round. */
  private blobRefusal(e: unknown): SyncError {
    if (e instanceof SyncError && BLOB_REFUSALS.has(e.data.kind)) return e;
    throw e;
  }

  /**
   * The station's own blobs up, after its changes are acknowledged (the hub then holds the
   * cases that reference them): offer the unacknowledged hashes, send what the hub wants in
   * chunks from the offset it holds, mark what it has. At most `bytesUpPerRound` per round; a
   * blob refused for good is set aside and the others go on.
   */
  private async pushBlobs(): Promise<void> {
    const { blobs: source, transport: t } = this.o;
    if (!source || !t.offerBlobs || !t.pushBlob) return;
    const limit = this.o.blobLimit ?? BLOB_ROUND;
    const chunkBytes = Math.min(limit.chunkBytes ?? BLOB_LIMITS.chunkBytes, BLOB_LIMITS.chunkBytes);
    let budget = limit.bytesUpPerRound;
    // Not refused for good: the hub lacks the reference yet (the case named the scan after
    // this round pushed its changes). Offered again next round, after those changes.
    const later = new Set<string>();
    const notYet = (e: { kind: string }) => e.kind === "BLOB_NOT_REFERENCED";
    for (;;) {
      const skip = [...this.s.blobs.refused.map((b) => b.hash), ...later];
      const list = await source.unsent(BLOB_LIMITS.hashesPerOffer, skip);
      if (list.length === 0) return;
      const offer = await t.offerBlobs({
        protocol: PROTOCOL_VERSION,
        hashes: list.map((b) => b.hash),
      });
      if (offer === null) {
        this.s.blobs = { ...this.s.blobs, hubLacksCall: true };
        return;
      }
      this.s.blobs = { ...this.s.blobs, hubLacksCall: false };
      for (const v of offer.blobs) {
        if (v.state === "have") await source.acknowledged(v.hash);
        else if (v.state === "refused") {
          if (notYet(v.refusal)) later.add(v.hash);
          else this.setAside(v.hash, v.refusal);
        } else {
          let offset = v.offset;
          try {
            for (;;) {
              if (budget <= 0) {
                this.moreBlobs = true;
                return;
              }
              const piece = await source.vault.readRange(v.hash, offset, chunkBytes);
              if (!piece) {
                throw new SyncError({
                  kind: "BLOB_MISSING",
                  zh: "本站找不到该扫描件的文件",
                  en: `The station's own blob ${v.hash} is not in its blob directory`,
                });
              }
              const r = await t.pushBlob({
                protocol: PROTOCOL_VERSION,
                hash: v.hash,
                size: piece.size,
                offset,
                bytes: piece.bytes,
              });
              if (r === null) return;
              budget -= piece.bytes.length;
              if (r.complete) {
                await source.acknowledged(v.hash);
                break;
              }
              offset = r.offset;
            }
          } catch (e) {
            const refusal = this.blobRefusal(e).data;
            if (notYet(refusal)) later.add(v.hash);
            else this.setAside(v.hash, refusal);
          }
        }
      }
    }
  }

  /**
   * The scans the station's inbox lacks (cases transferred here or to be picked up here), a
   * few per round, so they are here when the resident arrives. A scan the hub does not hold
   * yet waits for a later round; one it refuses is not asked for again this run.
   */
  private async prefetchBlobs(): Promise<void> {
    const { blobs: source, transport: t } = this.o;
    const fetcher = this.fetcher;
    if (!source || !fetcher || !t.pullBlob) return;
    const pull = t.pullBlob.bind(t);
    const limit = this.o.blobLimit ?? BLOB_ROUND;
    if (limit.blobsDownPerRound <= 0) return;
    const skip = [...this.s.blobs.refused.map((b) => b.hash)];
    const now = (this.o.now ?? (() => new Date()))().getTime();
    if (now - this.sweptAt >= 3_600_000) {
      // A fetch cut and never asked for again (the case left the inbox) leaves a partial.
      this.sweptAt = now;
      await source.vault.sweepPartials(new Date(now - 86_400_000));
    }
    const wanted = await source.missing(limit.blobsDownPerRound, skip);
    let fetched = 0;
    for (const ref of wanted) {
      try {
        if (!(await fetcher.fetch(pull, ref))) return;
        fetched += 1;
      } catch (e) {
        const refusal = this.blobRefusal(e);
        if (refusal.data.kind !== "BLOB_MISSING") this.setAside(ref.hash, refusal.data);
      }
    }
    // A full list, all fetched: more may wait. Scans the hub lacks wait for the next interval.
    if (fetched > 0 && fetched === limit.blobsDownPerRound) this.moreBlobs = true;
  }

  /** Whose changes this node pushes: its actor's, or (a street) all under its code. */
  private own(): ChangeFilter {
    return this.o.ownPrefix !== undefined
      ? { actorPrefix: this.o.ownPrefix }
      : { actor: this.o.actorId };
  }

  private async pendingCount(): Promise<number> {
    return this.o.store.countAfter(await this.o.store.getCursor(PUSH_CURSOR), this.own());
  }

  private async pushAll(): Promise<void> {
    const limit = this.o.pushLimit ?? { maxChanges: 1000, maxBytes: 1024 * 1024 };
    const read = (after: number) => this.o.store.changesAfter(after, limit, this.own());
    const held = new Set<string>();
    for (const q of await this.o.store.quarantined()) {
      if (!q.released || !(await this.resend(q.caseId, limit))) held.add(q.caseId);
    }
    let batch = await read(await this.o.store.getCursor(PUSH_CURSOR));
    for (;;) {
      const last = batch[batch.length - 1];
      if (!last) return;
      const send = batch.filter((c) => !held.has(c.caseId));
      // The next batch is read while the hub stores this one; it is sent only after this one
      // is acknowledged, and the cursor still moves only on acknowledgement.
      const following = read(last.seq);
      following.catch(() => undefined);
      if (send.length) {
        const refused = await this.sendOrQuarantine(send);
        if (refused) {
          held.add(refused);
          continue;
        }
      }
      // Acknowledged: the hub holds every change of the batch durably (those of quarantined
      // cases were held back; they stay in the log, listed with the quarantine).
      await this.o.store.setCursor(PUSH_CURSOR, last.seq);
      this.s.pending = await this.pendingCount();
      batch = await following;
    }
  }

  /**
   * A released case's own changes, sent again whole (the hub keeps what it already holds),
   * in bounded batches. True once all are acknowledged and the case left quarantine; false
   * when the hub refused it again (it stays, with the new reason).
   */
  private async resend(caseId: string, limit: { maxChanges: number; maxBytes: number }) {
    const all = await this.o.store.caseChanges(caseId, this.o.ownPrefix ?? this.o.actorId);
    for (let i = 0; i < all.length; ) {
      const batch: StoredChange[] = [];
      let bytes = 0;
      for (; i < all.length && batch.length < limit.maxChanges; i++) {
        const c = all[i] as StoredChange;
        if (batch.length && bytes + c.bytes.length > limit.maxBytes) break;
        batch.push(c);
        bytes += c.bytes.length;
      }
      if (await this.sendOrQuarantine(batch)) return false;
    }
    await this.o.store.unquarantine(caseId);
    this.s.quarantined = await this.o.store.quarantined();
    return true;
  }

  /**
   * A person asks to send a quarantined case again (after the center fixed the cause: a user
   * reactivated, a catalog version issued). False when the case is not quarantined.
   */
  async release(caseId: string): Promise<boolean> {
    const q = (await this.o.store.quarantined()).find((x) => x.caseId === caseId);
    if (!q) return false;
    await this.o.store.quarantine({ ...q, released: true });
    this.s.quarantined = await this.o.store.quarantined();
    this.wake?.();
    return true;
  }

  /**
   * Sends one batch. A refusal that names one case and that no retry can fix sets that case
   * aside and returns its id, so the batch goes again without it: one bad case never stops
   * the station's other cases. Every other failure is thrown to the round.
   */
  private async sendOrQuarantine(send: StoredChange[]): Promise<string | null> {
    try {
      await this.o.transport.push({
        protocol: PROTOCOL_VERSION,
        changes: send.map((c) => ({ caseId: c.caseId, bytes: c.bytes })),
      });
      return null;
    } catch (e) {
      if (!(e instanceof SyncError) || !isCaseRefusal(e.data)) throw e;
      const caseId = e.data.caseId as string;
      if (!send.some((c) => c.caseId === caseId)) throw e;
      const now = this.o.now ?? (() => new Date());
      const { kind, zh, en } = e.data;
      await this.o.store.quarantine({ caseId, kind, zh, en, at: now().toISOString() });
      this.s.quarantined = await this.o.store.quarantined();
      return caseId;
    }
  }

  /**
   * The audit log's way up (audit/uplink.ts): the node's own rows, then any relayed chain, each
   * from its cursor. A typed refusal is kept in the status for a person and does not fail the
   * round (the cases keep syncing); a network failure or RETRY_AFTER fails it like any other.
   */
  private async pushAuditAll(): Promise<void> {
    const transport = this.o.transport;
    if ((!this.o.audit && !this.o.relayAudit) || !transport.pushAudit) return;
    this.auditUplink ??= new AuditUplink({
      ...(this.o.audit ? { own: this.o.audit } : {}),
      ...(this.o.relayAudit ? { relayed: this.o.relayAudit } : {}),
      cursors: this.o.store,
      push: (req) => transport.pushAudit?.(req) ?? Promise.resolve(null),
      ...(this.o.auditLimit ? { limit: this.o.auditLimit } : {}),
      ...(this.o.now ? { now: this.o.now } : {}),
    });
    try {
      await this.auditUplink.round();
    } finally {
      this.s.audit = { ...this.auditUplink.status };
    }
  }

  private async pullAll(): Promise<void> {
    let done = { changes: 0, bytes: 0 };
    let after = await this.o.store.getCursor(PULL_CURSOR);
    let next: Promise<PullResponse> | null = this.pullPage(after);
    if (after === 0 && this.o.pullBulkFrom !== undefined && this.o.transport.pullBulk) {
      const first = await next;
      const backlog = {
        changes: first.changes.length + first.remaining.changes,
        bytes: first.changes.reduce((n, c) => n + c.bytes.length * 0.75, 0) + first.remaining.bytes,
        cases: first.remaining.cases,
      };
      const whole = () => this.pullWhole(backlog);
      if (
        backlog.changes >= this.o.pullBulkFrom &&
        (await (this.o.bulkActivity ? this.o.bulkActivity.run(whole) : whole()))
      ) {
        // The feed after what the whole cases covered goes by the normal pull.
        after = await this.o.store.getCursor(PULL_CURSOR);
        done = { changes: backlog.changes, bytes: backlog.bytes };
        next = this.pullPage(after);
      }
    }
    while (next) {
      const page: PullResponse = await next;
      const more = page.remaining.changes > 0 && page.next !== after;
      // The hub reads the following page while this one is applied and stored. If storing
      // fails, that page is dropped and the cursor has not moved: the next round asks again.
      next = more ? this.pullPage(page.next) : null;
      next?.catch(() => undefined);
      if (page.changes.length) {
        const changes = page.changes.map((c) => ({ caseId: c.caseId, bytes: fromBase64(c.bytes) }));
        await this.o.repo.applyRemote(changes);
        done = {
          changes: done.changes + changes.length,
          bytes: done.bytes + changes.reduce((n, c) => n + c.bytes.length, 0),
        };
      }
      if (page.next !== after) await this.o.store.setCursor(PULL_CURSOR, page.next);
      this.s.catchUp = more
        ? {
            changesDone: done.changes,
            changesTotal: done.changes + page.remaining.changes,
            bytesDone: done.bytes,
            bytesTotal: done.bytes + page.remaining.bytes,
            cases: page.remaining.cases,
          }
        : null;
      after = page.next;
    }
  }

  /**
   * A first pull with a long history (SPEC.md "Bulk pull"): the feed's cases whole, page by
   * page (one in flight while the last is stored), each page stored in one transaction
   * without loading a document; then the pull cursor moves to the feed position they cover.
   * The pages are one bulk load of the store (`CaseStore.bulkLoad`). False when the hub
   * predates it. A failure leaves the cursor at 0: the next round starts again, and the cases
   * already stored are merged as held ones.
   */
  private async pullWhole(backlog: { changes: number; bytes: number; cases: number }) {
    const pullBulk = this.o.transport.pullBulk?.bind(this.o.transport);
    if (!pullBulk) return false;
    const store = this.o.store;
    const pages = () => this.pullPages(pullBulk, backlog);
    return store.bulkLoad ? store.bulkLoad(pages) : pages();
  }

  private async pullPages(
    pullBulk: (req: PullBulkRequest) => Promise<PullBulkResponse | null>,
    backlog: { changes: number; bytes: number; cases: number },
  ): Promise<boolean> {
    const page = (after: string, upTo: number | null) =>
      pullBulk({ protocol: PROTOCOL_VERSION, after, upTo, maxCases: PULL_BULK_CASES });
    let next: Promise<PullBulkResponse | null> | null = page("", null);
    let upTo: number | null = null;
    const done = { changes: 0, bytes: 0 };
    while (next) {
      const got: PullBulkResponse | null = await next;
      if (got === null) return false;
      upTo = got.upTo;
      next = got.last !== null ? page(got.last, upTo) : null;
      next?.catch(() => undefined);
      if (got.frame !== null) {
        const frame = decodeBulkFrame(got.frame);
        await this.o.repo.storeWhole(
          frame.cases.map((c) => ({ ...c, attachments: got.attachments[c.caseId] ?? [] })),
        );
        for (const c of frame.cases) {
          done.changes += c.changes.length;
          done.bytes += c.changes.reduce((n, b) => n + b.length, 0);
        }
      }
      this.s.catchUp = {
        changesDone: done.changes,
        changesTotal: Math.max(backlog.changes, done.changes),
        bytesDone: done.bytes,
        bytesTotal: Math.max(backlog.bytes, done.bytes),
        cases: backlog.cases,
      };
    }
    if (upTo !== null) await this.o.store.setCursor(PULL_CURSOR, upTo);
    return true;
  }

  private pullPage(after: number): Promise<PullResponse> {
    return this.o.transport.pull({
      protocol: PROTOCOL_VERSION,
      after,
      actorId: this.o.actorId,
      ...(this.o.pullLimit ?? {}),
    });
  }

  /**
   * Complaints after the cases: push the documents saved since the cursor, then pull those of
   * the station's scope (SPEC.md, Complaints). A hub that predates complaints is skipped; a
   * complaint it refuses for good is set aside and the rest goes again.
   */
  private async complaintRound(): Promise<void> {
    const { complaints: book, transport: t, store } = this.o;
    if (!book || !t.pushComplaints || !t.pullComplaints) return;
    for (;;) {
      const { wire, last } = await book.unsent(await store.getCursor(COMPLAINT_PUSH_CURSOR));
      const send = wire.filter((w) => !this.s.refusedComplaints.some((q) => q.caseId === w.id));
      if (send.length) {
        try {
          if ((await t.pushComplaints({ protocol: PROTOCOL_VERSION, complaints: send })) === null)
            return;
        } catch (e) {
          if (!(e instanceof SyncError) || !isCaseRefusal(e.data)) throw e;
          if (!send.some((w) => w.id === e.data.caseId)) throw e;
          const now = this.o.now ?? (() => new Date());
          const { kind, zh, en } = e.data;
          this.s.refusedComplaints.push({
            caseId: e.data.caseId as string,
            kind,
            zh,
            en,
            at: now().toISOString(),
          });
          continue;
        }
      }
      if (!wire.length) break;
      await store.setCursor(COMPLAINT_PUSH_CURSOR, last);
    }
    const pullCursor = this.o.complaintPullCursor ?? COMPLAINT_PULL_CURSOR;
    for (;;) {
      const after = await store.getCursor(pullCursor);
      const page = await t.pullComplaints({ protocol: PROTOCOL_VERSION, after });
      if (page === null) return;
      await book.mergeFromHub(page.complaints);
      if (page.next !== after) await store.setCursor(pullCursor, page.next);
      if (!page.more || page.next === after) return;
    }
  }

  private async cycle(): Promise<void> {
    const interval = this.o.intervalMs ?? 5000;
    const backoff = this.o.backoff ?? { baseMs: 1000, maxMs: 60_000 };
    const random = this.o.random ?? Math.random;
    const probeMs = this.o.probeEveryMs ?? 5000;
    while (this.running) {
      await this.syncOnce().catch(() => undefined);
      if (!this.running) break;
      const failures = this.s.consecutiveFailures;
      const delay = this.s.parked
        ? null
        : failures === 0
          ? this.moreBlobs
            ? 0
            : interval
          : // A busy hub's wait (already jittered) stands alone: back-off on top would stack.
            this.s.lastError?.kind === "RETRY_AFTER" && this.retryAfterMs > 0
            ? this.retryAfterMs
            : Math.max(
                this.retryAfterMs,
                Math.min(backoff.maxMs, backoff.baseMs * 2 ** (failures - 1)) *
                  (0.5 + random() / 2),
              );
      // Parked: no timer; only `resume` (a person) starts the next round.
      const probe = failures > 0 && this.s.lastError?.kind === "NETWORK" ? probeMs : null;
      await this.pause(delay, probe !== null && (delay === null || probe < delay) ? probe : null);
      this.wake = null;
    }
  }

  /**
   * Waits `delay` ms (null: until woken), or less: until `wake` (a nudge, a person, stop), or
   * until the hub answers a health probe every `probe` ms (it is back: no need to wait longer).
   */
  private pause(delay: number | null, probe: number | null): Promise<void> {
    const timers = this.o.timers ?? systemTimers;
    return new Promise<void>((resolve) => {
      let done = false;
      let probing: unknown;
      const timer = delay === null ? undefined : timers.set(() => finish(), delay);
      const finish = () => {
        if (done) return;
        done = true;
        if (timer !== undefined) timers.clear(timer);
        if (probing !== undefined) timers.clear(probing);
        resolve();
      };
      const look = () => {
        if (probe === null || done) return;
        probing = timers.set(() => {
          probing = undefined;
          void this.o.transport
            .health()
            .catch(() => false)
            .then((up) => (up ? finish() : look()));
        }, probe);
      };
      look();
      this.wake = finish;
    });
  }
}

function describe(e: unknown): NonNullable<SyncStatus["lastError"]> {
  if (e instanceof SyncError) return { kind: e.data.kind, zh: e.data.zh, en: e.data.en };
  const msg = e instanceof Error ? e.message : String(e);
  return {
    kind: "NETWORK",
    zh: "无法连接街道中心，稍后自动重试；本站业务不受影响",
    en: `Hub unreachable: ${msg}`,
  };
}

export { isRetryable };

/**
 * The cases whose latest changes the hub has not acknowledged (待上传): those with an entry by
 * this station after the push cursor, and those held back in quarantine (the cursor moved past
 * their changes, which the hub has not got). With `among`, only those of these cases.
 */
export async function unsentCases(
  store: CaseStore,
  actorId: string,
  among?: readonly string[],
): Promise<Set<string>> {
  const ids = await store.casesAfter(await store.getCursor(PUSH_CURSOR), actorId, among);
  const only = among ? new Set(among) : null;
  for (const q of await store.quarantined()) if (only?.has(q.caseId) ?? true) ids.push(q.caseId);
  return new Set(ids);
}
