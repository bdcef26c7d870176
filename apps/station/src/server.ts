import type { NodeServices } from "@bangban/api";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import type { StationEnv } from "./env";
import type { StationSync } from "./sync/control";

/** Starts the HTTP server; resolves once it listens. `close()` stops it and the database. */
export async function startServer(services: NodeServices, env: StationEnv, sync?: StationSync) {
  const app = createApp(services, {
    webDir: env.webDir,
    health: sync ? () => sync.health() : undefined,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: env.port, hostname: env.host }, () => resolve(s));
  });
  return {
    url: `http://${env.host}:${env.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        void (sync?.stop() ?? Promise.resolve()).then(() =>
          server.close(() => {
            services.db.close();
            resolve();
          }),
        );
      }),
  };
}
