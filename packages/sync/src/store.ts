import type { AttachmentRef, ChangeMeta } from "./case-doc";
import type { CaseProjection } from "./projection";

/**
 * Where a node keeps its cases. Sync and the case service see only this interface; the
 * libSQL store (packages/db) and the in-memory store implement it and pass one shared
 * acceptance suite (store-suite.ts).
 *
 * Per case the store holds the latest compacted snapshot (Automerge `save`) and, in one
 * append-only log ordered by `seq`, every change the node holds. Loading a case is the
 * snapshot plus the log entries recorded after it.
 */
/** A change as a case's log knows it: the case and the change's hash. */
export interface ChangeKey {
  caseId: string;
  hash: string;
}

/** The key `CaseStore.hasChanges` answers with, one string per (case, change). */
export function changeKey(caseId: string, hash: string): string {
  return `${caseId}/${hash}`;
}

export interface CaseStore {
  /** The snapshot and the changes recorded after it, or null for an unknown case. */
  loadCase(caseId: string): Promise<LoadedCase | null>;
  /** Many cases at once (a sync batch); the cases the store does not hold are absent. */
  loadCases(caseIds: readonly string[]): Promise<Map<string, LoadedCase>>;
  /**
   * Durably stores a batch of case writes in ONE transaction: changes appended to the log
   * (a change already held in its case's log is skipped, so replays are harmless), snapshots
   * replaced, projections upserted, audit entries appended. All or nothing.
   */
  commit(
    writes: readonly CaseWrite[],
    audit?: readonly AuditEntry[],
    options?: CommitOptions,
  ): Promise<CommitResult>;
  /**
   * Runs a bulk load (a first pull's whole cases, page after page). A store may make it
   * cheaper: the libSQL store, when empty, builds its list indexes once at the end instead of
   * with every row. Absent: the pages are stored as any commit.
   */
  bulkLoad?<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Which of these changes the store already holds in the log of the case given with each:
   * their `changeKey`s. A change is one case's (its log is keyed by case and hash).
   */
  hasChanges(changes: readonly ChangeKey[]): Promise<Set<string>>;
  /**
   * Log entries with seq > `after`, in seq order, bounded by count and total bytes (at least
   * one). With `actor`, only that actor's changes (a station pushes only what it authored);
   * with `actorPrefix`, only changes whose actor id begins with it (a street hub pushes every
   * change authored under its code: its own and its stations').
   */
  changesAfter(after: number, limit: ChangeLimit, filter?: ChangeFilter): Promise<StoredChange[]>;
  /** How many log entries have seq > `after` (filtered as changesAfter). */
  countAfter(after: number, filter?: ChangeFilter): Promise<number>;
  /**
   * The cases with a log entry by `actor` after `after`, each once (a station's unsent cases);
   * with `among`, only those of these cases (a screen asks for the cases it shows: the whole
   * set grows with every case taken while the hub is out of reach).
   */
  casesAfter(after: number, actor: string, among?: readonly string[]): Promise<string[]>;
  /** The highest seq in the log, 0 when empty. */
  lastSeq(): Promise<number>;
  getProjection(caseId: string): Promise<CaseProjection | null>;
  /** Named cursors (e.g. how far the hub has acknowledged our log). 0 when never set. */
  getCursor(name: string): Promise<number>;
  setCursor(name: string, value: number): Promise<void>;
  /**
   * Cases whose changes the hub refused for good (a station's quarantine): their own changes
   * are held back from every push until a person deals with them; the rest keeps syncing.
   */
  quarantined(): Promise<Quarantine[]>;
  /** Sets a case aside (again: the newer refusal replaces the older). */
  quarantine(q: Quarantine): Promise<void>;
  /** Takes a case out of quarantine (after it was sent again and acknowledged). */
  unquarantine(caseId: string): Promise<void>;
  /**
   * One case's changes by one actor, or by every actor whose id begins with `actor` (an actor
   * id is its own prefix), in log order: a released case is sent again whole.
   */
  caseChanges(caseId: string, actor: string): Promise<StoredChange[]>;
  /**
   * The cases of this node whose document references the blob `hash` (the `case_attachments`
   * index, written from each write's `attachments`): how a node finds who may send or fetch it.
   */
  blobRefs(hash: string): Promise<BlobRef[]>;
}

/** Whether a change's actor passes a filter (the one reading of it every store shares). */
export function matchesActor(actor: string, filter: ChangeFilter): boolean {
  if (filter.actor !== undefined && actor !== filter.actor) return false;
  return filter.actorPrefix === undefined || actor.startsWith(filter.actorPrefix);
}

/** Whose changes a read of the log returns: one actor's, or those under an actor-id prefix. */
export type ChangeFilter =
  | { actor?: string; actorPrefix?: never }
  | { actor?: never; actorPrefix?: string };

/** One case's reference to a blob, as its document holds it (`case_attachments`). */
export interface BlobRef {
  caseId: string;
  hash: string;
  materialCode: string;
  mime: string;
  size: number;
  name: string;
  page: number | null;
}

/** A case set aside after a permanent refusal, with the hub's reason. */
export interface Quarantine {
  caseId: string;
  kind: string;
  zh: string;
  en: string;
  /** When the station set it aside (ISO). */
  at: string;
  /**
   * A person asked to send it again (after the center fixed the cause): the next push sends
   * the case's own changes before anything else, and the case leaves quarantine once the hub
   * acknowledges them — or stays, with the new refusal.
   */
  released?: boolean;
}

export interface LoadedCase {
  snapshot: Uint8Array | null;
  /** Changes recorded after the snapshot, in log order. */
  changes: Uint8Array[];
}

export interface CaseWrite {
  caseId: string;
  changes: readonly ChangeMeta[];
  /**
   * A fresh full save, when the writer compacts. It must cover every change of the case the
   * store holds once this write's changes are appended — which holds because every write to a
   * case goes through the case service's per-case lock. Later writes to the same case in the
   * same batch are not covered and load after the snapshot.
   */
  snapshot?: Uint8Array;
  projection: CaseProjection;
  /**
   * The document's attachment references, written to the `case_attachments` index with the
   * projection (references are only ever added, so the index is upserted, never pruned).
   * Absent: the index is left as it is.
   */
  attachments?: readonly AttachmentRef[];
}

export interface CommitOptions {
  /**
   * Every write is of a case the store does not hold (a bulk pull's whole cases, checked under
   * the cases' locks): its projection is only inserted, not compared column by column with a
   * stored one (17 indexed columns at a libSQL store).
   */
  newCases?: boolean;
}

export interface CommitResult {
  /**
   * How many of the write's changes were newly appended (not already held). A count, not the
   * changes with their seqs: nothing needs those, and reading them back (RETURNING) was a
   * row object per change, 3,500 on each page of a first pull.
   */
  appended: number;
}

export interface ChangeLimit {
  maxChanges: number;
  maxBytes: number;
}

export interface StoredChange extends ChangeMeta {
  seq: number;
  caseId: string;
}

/** One line of the append-only audit log: who did what, when, where, to which case. */
export interface AuditEntry {
  at: string;
  userId: string;
  siteId: string;
  action: string;
  caseId: string | null;
  requestId: string | null;
  detail: Record<string, unknown>;
}

/**
 * The hub's store: a CaseStore whose commits also maintain each case's scope (the sites that
 * may see it) and every site's pull feed. A change enters the feed of each site in its case's
 * scope; a case entering a site's scope puts its whole history into that site's feed.
 */
export interface HubStore extends CaseStore {
  /**
   * The next page of `siteId`'s feed after feedSeq `after`, in feed order, bounded like
   * changesAfter (at least one entry when any is left). Entries authored by `skip.actor` (the
   * puller's own changes) are passed over: they are not returned and count towards neither
   * bound, but `next` moves past them; the page then scans at most `skip.scanRows` feed rows.
   */
  feed(siteId: string, after: number, limit: ChangeLimit, skip?: FeedSkip): Promise<FeedPage>;
  /** What is left in a site's feed after `after` (without `skipActor`'s): catch-up progress. */
  feedBacklog(
    siteId: string,
    after: number,
    skipActor?: string,
  ): Promise<{ changes: number; bytes: number; cases: number }>;
  /** The sites a case is in the scope of. */
  scopeOf(caseId: string): Promise<string[]>;
  /** The scopes of many cases at once; a case the hub does not hold maps to []. */
  scopesOf(caseIds: readonly string[]): Promise<Map<string, string[]>>;
  /** Which of these case numbers the hub already holds, and for which case id. */
  casesByNumber(caseNumbers: readonly string[]): Promise<Map<string, string>>;
  /**
   * Whole cases of a site's feed for a bulk pull (SPEC.md "Bulk pull"): the next `maxCases`
   * cases in the site's scope after case id `after`, each with every change of its history that
   * entered the site's feed up to feedSeq `upTo`, in log order (cases with none are left out),
   * with the node's projection as JSON and its attachment index. `upTo` null: the feed's end
   * now, returned for the following pages. `last` is where the next page starts; null when none
   * is left (a page of fewer than `maxCases` cases is the last).
   */
  bulkFeedPage(
    siteId: string,
    opts: { after: string; upTo: number | null; maxCases: number },
  ): Promise<BulkFeedPage>;
}

/** A page of whole cases of a site's feed (`HubStore.bulkFeedPage`). */
export interface BulkFeedPage {
  upTo: number;
  cases: {
    caseId: string;
    projectionJson: string;
    changes: Uint8Array[];
    attachments: AttachmentRef[];
  }[];
  last: string | null;
}

export interface FeedEntry extends StoredChange {
  feedSeq: number;
}

/** A page of a feed: its entries, and the feedSeq the page covers up to (the next cursor). */
export interface FeedPage {
  entries: FeedEntry[];
  /** The last feedSeq the page covered, skipped entries included; `after` when nothing is left. */
  next: number;
}

/**
 * Whose feed entries a page passes over, and how many feed rows it may scan doing so. `actor`
 * is an actor id or an actor-id prefix (a street's code at the district): every entry whose
 * actor begins with it is the puller's own.
 */
export interface FeedSkip {
  actor: string;
  scanRows: number;
}
