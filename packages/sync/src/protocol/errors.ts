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

/** Whether retrying the same request later can succeed (vs. needing a person or an upgrade). */
export function isRetryable(kind: SyncErrorKind | "NETWORK"): boolean {
  return kind === "RETRY_AFTER" || kind === "NETWORK" || kind === "MISSING_DEPS";
}
