/**
 * Errors are data: every refusal on the wire is one of these kinds, with a Chinese and an
 * English message, so a station can decide what to do (retry later, re-enrol, stop) without
 * parsing strings.
 */
export const SYNC_ERROR_KINDS = [
  /** No station holds this credential. Re-enrol. */
  "UNKNOWN_STATION",
  /** The credential was revoked by an administrator. Stop syncing; ask for a new code. */
  "REVOKED",
  /** The station's protocol version is not supported. Upgrade the station. */
  "PROTOCOL_VERSION",
  /** The batch is not well-formed (bad bytes, bad case id, bad event). Nothing was stored. */
  "MALFORMED_BATCH",
  /** The batch exceeds the count or byte bound. Send smaller batches. */
  "BATCH_TOO_LARGE",
  /** A change was made by an actor that is not this station's. Nothing was stored. */
  "FORGED_ACTOR",
  /** A change is for a case outside this station's scope. Nothing was stored. */
  "NOT_IN_SCOPE",
  /** A change's dependencies are neither at the hub nor earlier in the batch. */
  "MISSING_DEPS",
  /** The enrolment code is unknown, used or expired. */
  "BAD_ENROLMENT_CODE",
  /** Busy: retry after `retryAfterMs`. */
  "RETRY_AFTER",
  /** A change removes or alters recorded history or a field fixed at intake. Nothing was stored. */
  "HISTORY_REWRITTEN",
  /** A change records an event under an id the case already holds with other content. */
  "CONFLICTING_EVENT",
  /**
   * An event the hub's own tables do not allow: an unknown or inactive user, a role or site the
   * user does not have, or a step the case state machine refuses that role at that site.
   */
  "FORBIDDEN_EVENT",
  /**
   * A new case the hub's catalog and validators refuse: an item snapshot that differs from the
   * catalog version it names, an invalid ID number, phone or name, or a case number outside
   * the station's namespace (or already taken).
   */
  "INVALID_CASE",
  /** Enrolment declared an actor id that is malformed or belongs to another node. */
  "ACTOR_ID_TAKEN",
  /**
   * Audit rows that do not continue the station's hash chain as the hub holds it: a row whose
   * content no longer matches its hash, rows out of order, or a row skipped. Nothing was stored.
   */
  "AUDIT_CHAIN_BROKEN",
  /**
   * Blob sync (added without a bump; only a station that syncs blobs receives them). The bytes
   * received do not hash to the blob's name, or run past its size. Nothing was stored.
   */
  "BLOB_HASH_MISMATCH",
  /** The blob is over the per-file limit. Nothing was stored. */
  "BLOB_TOO_LARGE",
  /** No case at the hub references the blob: it has no business there. Nothing was stored. */
  "BLOB_NOT_REFERENCED",
  /** The bytes' size or type (sniffed) differ from the case's reference to them. Nothing was stored. */
  "BLOB_REF_MISMATCH",
  /** The hub does not hold the blob's bytes (yet): the station that took the scan has not sent them. */
  "BLOB_MISSING",
] as const;

export type SyncErrorKind = (typeof SYNC_ERROR_KINDS)[number];

export interface SyncErrorData {
  kind: SyncErrorKind;
  zh: string;
  en: string;
  caseId?: string;
  retryAfterMs?: number;
}

export class SyncError extends Error {
  readonly data: SyncErrorData;

  constructor(data: SyncErrorData) {
    super(`${data.kind}: ${data.en}`);
    this.name = "SyncError";
    this.data = data;
  }
}

/**
 * Refusals that name one case and are about that case's content: the station sets the case
 * aside (quarantine) and keeps syncing the rest, instead of resending the batch for ever.
 */
export function isCaseRefusal(data: Pick<SyncErrorData, "kind" | "caseId">): boolean {
  return !!data.caseId && !isRetryable(data.kind) && CASE_REFUSALS.has(data.kind);
}

/** The refusals about one case's content (see `isCaseRefusal`). */
export const CASE_REFUSAL_KINDS: readonly SyncErrorKind[] = [
  "MALFORMED_BATCH",
  "FORGED_ACTOR",
  "NOT_IN_SCOPE",
  "HISTORY_REWRITTEN",
  "CONFLICTING_EVENT",
  "FORBIDDEN_EVENT",
  "INVALID_CASE",
];
const CASE_REFUSALS: ReadonlySet<SyncErrorKind> = new Set(CASE_REFUSAL_KINDS);

/** Whether retrying the same request later can succeed (vs. needing a person or an upgrade). */
export function isRetryable(kind: SyncErrorKind | "NETWORK"): boolean {
  return kind === "RETRY_AFTER" || kind === "NETWORK" || kind === "MISSING_DEPS";
}
