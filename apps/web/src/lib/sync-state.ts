import type { Health } from "../api/health";

export type SyncKind =
  /** The hub itself, answering: nothing to sync from this side. */
  | "hub"
  | "online"
  | "pending"
  | "catchingUp"
  /** The station answers but cannot reach its hub: work goes on, changes wait. */
  | "hubOffline"
  /** A station that has not been enrolled with a hub yet. */
  | "notEnrolled"
  /** This browser cannot reach its own server. */
  | "offline"
  | "checking";

export interface SyncProgress {
  /** 0–100, whole numbers; never 100 while changes are still coming. */
  percent: number;
  changesDone: number;
  changesTotal: number;
  /** Megabytes, one decimal. */
  mbDone: number;
  mbTotal: number;
  cases: number;
}

export interface SyncState {
  kind: SyncKind;
  /** Changes not yet acknowledged by the hub. */
  pending: number;
  /** A long catch-up's progress (only with kind "catchingUp"). */
  progress: SyncProgress | null;
  /** When the station last completed a round with the hub. */
  lastSuccessAt: string | null;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** How far a catch-up has come: by bytes when known (they dominate the wait), else by changes. */
export function progressOf(c: NonNullable<NonNullable<Health["sync"]>["catchUp"]>): SyncProgress {
  const [done, total] =
    c.bytesTotal > 0 ? [c.bytesDone, c.bytesTotal] : [c.changesDone, c.changesTotal];
  const raw = total > 0 ? Math.floor((done / total) * 100) : 0;
  return {
    percent: Math.max(0, Math.min(99, raw)),
    changesDone: c.changesDone,
    changesTotal: c.changesTotal,
    mbDone: mb(c.bytesDone),
    mbTotal: mb(c.bytesTotal),
    cases: c.cases,
  };
}

/** What the indicator shows, from the browser's network flag and the last /healthz answer. */
export function syncState(input: {
  browserOnline: boolean;
  reachable: boolean;
  checking: boolean;
  health: Health | null;
}): SyncState {
  const h = input.health;
  const pending = h?.pendingSync ?? 0;
  const lastSuccessAt = h?.sync?.lastSuccessAt ?? null;
  const state = (kind: SyncKind, progress: SyncProgress | null = null): SyncState => ({
    kind,
    pending: kind === "online" || kind === "hub" || kind === "checking" ? 0 : pending,
    progress,
    lastSuccessAt,
  });
  if (!input.browserOnline) return state("offline");
  if (input.checking && !h) return state("checking");
  if (!input.reachable || !h?.ok) return state("offline");
  if (h.role === "hub") return state("hub");
  const link = h.sync;
  if (link?.state === "not_enrolled") return state("notEnrolled");
  if (link?.catchUp) return state("catchingUp", progressOf(link.catchUp));
  if (link && !link.online && (link.state === "offline" || link.state === "error"))
    return state("hubOffline");
  return pending > 0 ? state("pending") : state("online");
}

/** Whether a case's last change has reached the hub; null at the hub (it is the hub). */
export type CaseSyncState = "synced" | "pending" | null;

/** How a case's sync state shows beside it (已同步 / 待上传); nothing at the hub. */
export function caseSyncBadge(
  state: CaseSyncState | undefined,
): { key: "sync.case.synced" | "sync.case.pending"; colour: "success" | "warning" } | null {
  if (state === "synced") return { key: "sync.case.synced", colour: "success" };
  if (state === "pending") return { key: "sync.case.pending", colour: "warning" };
  return null;
}

/**
 * 立即同步 is offered at an enrolled station that answers (any signed-in user): not at the
 * hub, not before enrolment, not while this browser cannot reach its own server.
 */
export function canSyncNow(kind: SyncKind, signedIn: boolean): boolean {
  return signedIn && (kind === "online" || kind === "pending" || kind === "hubOffline");
}
