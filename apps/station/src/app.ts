import { type NodeServices, stationRouter } from "@bangban/api";
import { createNodeApp } from "@bangban/http";
import type { Hono } from "hono";

export interface AppOptions {
  /** Built web UI (apps/web/dist) to serve, when present. */
  webDir?: string | null;
  /** Extra /healthz fields (the sync service's state). */
  health?: () => Promise<Record<string, unknown>>;
}

/** The station's HTTP app, built from injected services (tests pass a temp database). */
export function createApp(services: NodeServices, opts: AppOptions = {}): Hono {
  return createNodeApp(services, {
    router: stationRouter,
    webDir: opts.webDir,
    health:
      opts.health ??
      (async () => {
        const store = services.repo.store;
        return { pendingSync: (await store.lastSeq()) - (await store.getCursor("hub-push")) };
      }),
  });
}
