import { stationRouter } from "@bangban/api";
import { createNodeApp } from "@bangban/http";
import type { Hono } from "hono";
import { nodeFlagsReport } from "./node-flags";
import type { StationNode } from "./services";

export interface AppOptions {
  /** Built web UI (apps/web/dist) to serve, when present. */
  webDir?: string | null;
}

/**
 * The station's HTTP app, built from injected services (tests pass a temp database); its
 * /healthz tells the sync service's state, the changes waiting and the quarantined cases,
 * and which of its node flags the process runs without.
 */
export function createApp(services: StationNode, opts: AppOptions = {}): Hono {
  return createNodeApp(services, {
    router: stationRouter,
    webDir: opts.webDir,
    health: async () => ({ ...(await services.sync.health()), nodeFlags: nodeFlagsReport() }),
  });
}
