import { stationRouter } from "@bangban/api";
import { createNodeApp } from "@bangban/http";
import type { Hono } from "hono";
import type { StationNode } from "./services";

export interface AppOptions {
  /** Built web UI (apps/web/dist) to serve, when present. */
  webDir?: string | null;
}

/**
 * The station's HTTP app, built from injected services (tests pass a temp database); its
 * /healthz tells the sync service's state, the changes waiting and the quarantined cases.
 */
export function createApp(services: StationNode, opts: AppOptions = {}): Hono {
  return createNodeApp(services, {
    router: stationRouter,
    webDir: opts.webDir,
    health: () => services.sync.health(),
  });
}
