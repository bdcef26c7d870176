import { type HubServices, hubRouter, SYNC_BODY_LIMITS } from "@bangban/api";
import { catalogVersion, listStations } from "@bangban/db";
import { createNodeApp } from "@bangban/http";
import type { SyncStatus } from "@bangban/sync";
import type { Hono } from "hono";

export interface AppOptions {
  /** Built web UI (apps/web/dist) to serve, when present. */
  webDir?: string | null;
}

/** /healthz extras: how many stations hold a working credential, and what the hub holds. */
async function hubHealth(services: HubServices): Promise<Record<string, unknown>> {
  const stations = await listStations(services.db);
  return {
    stations: stations.filter((s) => s.revokedAt === null).length,
    revokedStations: stations.filter((s) => s.revokedAt !== null).length,
    lastSeq: await services.repo.store.lastSeq(),
    catalogVersion: await catalogVersion(services.db),
    // The serving hub warms its load workers when it starts (about 1.5 s of a core).
    loadWorkers: services.repo.loadWorkers,
    kind: services.site.kind,
    // A street hub's sync up to its district (absent when not enrolled with one).
    ...(services.upstream ? { district: upstreamHealth(services.upstream.status()) } : {}),
    // Bulk cases (a district's streets', a street's stations'): waiting, verified and refused.
    ...(services.bulk ? { bulk: await services.bulk.counts() } : {}),
  };
}

/** What /healthz tells about a street's sync with its district. */
function upstreamHealth(s: SyncStatus) {
  const { state, online, lastSuccessAt, lastError, pending, quarantined, parked } = s;
  return {
    state,
    online,
    lastSuccessAt,
    lastError,
    pending,
    // The cases the district refused, with its reason: held back until a person deals with them.
    quarantined: quarantined.map(({ caseId, kind, zh, en }) => ({ caseId, kind, zh, en })),
    parked,
    // The audit chains not yet at the district, and its refusal of one (which chain, why).
    audit: s.audit,
    // Rounds begun and ended in this process: what multi-process tests await.
    rounds: s.rounds,
  };
}

/** The hub's HTTP app, built from injected services (tests pass a temp database). */
export function createApp(services: HubServices, opts: AppOptions = {}): Hono {
  return createNodeApp(services, {
    router: hubRouter,
    webDir: opts.webDir,
    health: () => hubHealth(services),
    // A station's push may be a full batch: larger than the JSON limit, binary since protocol 2.
    bodyLimits: SYNC_BODY_LIMITS,
  });
}
