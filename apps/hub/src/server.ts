import type { HubServices } from "@bangban/api";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import type { HubEnv } from "./env";

/** Starts the HTTP server; resolves once it listens. `close()` stops it and the database. */
export async function startServer(services: HubServices, env: HubEnv) {
  const app = createApp(services, { webDir: env.webDir });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: env.port, hostname: env.host }, () => resolve(s));
  });
  // Open cases projected with another calendar (a pass cut short, a new projection field)
  // are brought up to date in the background while the node serves.
  void services.deadlines.ensureCurrent().catch((e) => {
    console.error("deadline refresh failed:", e instanceof Error ? e.message : e);
  });
  return {
    url: `http://${env.host}:${env.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          // The write thread commits what it holds before the database closes.
          void services.deadlines
            .stop()
            .then(() => services.db.close())
            .then(resolve);
        });
      }),
  };
}
