import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { HEALTH_KEY } from "./keys";

/** A long catch-up in progress: what has arrived of what the hub said was waiting. */
export interface CatchUp {
  changesDone: number;
  changesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  cases: number;
}

/** The station's link to its hub (`/healthz` `sync`, or `system.status`). */
export interface HubLinkState {
  /** idle, syncing, offline, error, stopped — or not_enrolled before the first-run enrolment. */
  state: string;
  online: boolean;
  lastSuccessAt: string | null;
  /** The kind of the last failure (NETWORK, UNKNOWN_STATION, REVOKED, …). */
  lastError: string | null;
  catchUp: CatchUp | null;
}

/** What `/healthz` reports. */
export interface Health {
  ok: boolean;
  role: string;
  site: string;
  version: string;
  db: string;
  /** Changes this node holds that the hub has not acknowledged yet. */
  pendingSync: number;
  /** A station's sync loop; null at the hub (it is the other end). */
  sync: HubLinkState | null;
  /** Cases the hub refused for good, held back from sync until a person deals with them. */
  quarantined: QuarantinedCase[];
}

/** A case set aside after the hub refused its changes, with the hub's reason in Chinese. */
export interface QuarantinedCase {
  caseId: string;
  /** 受理号 and item, when the station holds the case's projection. */
  caseNumber: string | null;
  itemName: string | null;
  kind: string;
  zh: string;
  at: string;
  /** A lead asked to send it again; the next round does. */
  released: boolean;
}

function parseQuarantined(v: unknown): QuarantinedCase[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((q): q is Record<string, unknown> => typeof q === "object" && q !== null)
    .filter((q) => typeof q.caseId === "string")
    .map((q) => ({
      caseId: String(q.caseId),
      caseNumber: typeof q.caseNumber === "string" ? q.caseNumber : null,
      itemName: typeof q.itemName === "string" ? q.itemName : null,
      kind: String(q.kind ?? ""),
      zh: String(q.zh ?? ""),
      at: String(q.at ?? ""),
      released: q.released === true,
    }));
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/** Reads a catch-up record, or null when it is absent or makes no sense. */
export function parseCatchUp(body: unknown): CatchUp | null {
  const o = body as Partial<CatchUp> | null;
  if (typeof o !== "object" || o === null) return null;
  if (typeof o.changesDone !== "number" || typeof o.changesTotal !== "number") return null;
  return {
    changesDone: num(o.changesDone),
    changesTotal: num(o.changesTotal),
    bytesDone: num(o.bytesDone),
    bytesTotal: num(o.bytesTotal),
    cases: num(o.cases),
  };
}

/**
 * Reads the sync part of `/healthz` or `system.status`: `lastError` may be a kind or an
 * object carrying one.
 */
export function parseHubLink(body: unknown): HubLinkState | null {
  const o = body as Record<string, unknown> | null;
  if (typeof o !== "object" || o === null || typeof o.state !== "string") return null;
  const err = o.lastError as { kind?: unknown } | string | null | undefined;
  return {
    state: o.state,
    online: o.online === true,
    lastSuccessAt: typeof o.lastSuccessAt === "string" ? o.lastSuccessAt : null,
    lastError:
      typeof err === "string" ? err : typeof err?.kind === "string" ? (err.kind as string) : null,
    catchUp: parseCatchUp(o.catchUp),
  };
}

export function parseHealth(body: unknown): Health | null {
  const o = body as (Partial<Omit<Health, "sync">> & { sync?: unknown }) | null;
  if (typeof o !== "object" || o === null || typeof o.ok !== "boolean") return null;
  return {
    ok: o.ok,
    role: String(o.role ?? ""),
    site: String(o.site ?? ""),
    version: String(o.version ?? ""),
    db: String(o.db ?? ""),
    pendingSync: typeof o.pendingSync === "number" ? o.pendingSync : 0,
    sync: parseHubLink(o.sync),
    quarantined: parseQuarantined((o as { quarantined?: unknown }).quarantined),
  };
}

async function fetchHealth(): Promise<Health> {
  const res = await fetch("/healthz", { cache: "no-store" });
  const health = parseHealth(await res.json().catch(() => null));
  if (!health) throw new Error(`healthz answered ${res.status}`);
  return health;
}

/** The browser's own view of the network, kept current by its online/offline events. */
export function useBrowserOnline(): boolean {
  const [online, setOnline] = useState(() => globalThis.navigator?.onLine ?? true);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    return () => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
    };
  }, []);
  return online;
}

/** Polled every 10 s; every 2 s while a catch-up is under way, so its bar moves. */
export function useHealth() {
  return useQuery({
    queryKey: HEALTH_KEY,
    queryFn: fetchHealth,
    refetchInterval: (q) => (q.state.data?.sync?.catchUp ? 2_000 : 10_000),
    retry: false,
    // Keep polling while offline: this is how the indicator notices the station coming back.
    networkMode: "always",
  });
}
