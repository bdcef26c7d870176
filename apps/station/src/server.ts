import { serve } from "@hono/node-server";
import { createApp } from "./app";
import type { StationEnv } from "./env";
import type { StationNode } from "./services";

/** Starts the HTTP server; resolves once it listens. `close()` stops it and the database. */
export async function startServer(services: StationNode, env: StationEnv) {
  const app = createApp(services, { webDir: env.webDir });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: env.port, hostname: env.host }, () => resolve(s));
  });
  return {
    url: `http://${env.host}:${env.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        void services.sync.stop().then(() =>
          server.close(() => {
            services.db.close();
            resolve();
          }),
        );
      }),
  };
}
