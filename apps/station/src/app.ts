import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type NodeServices, printDocument, stationRouter } from "@bangban/api";
import { trpcServer } from "@hono/trpc-server";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { z } from "zod";
import { attachmentRoutes } from "./http/attachments";
import { httpError, notFound, onError } from "./http/errors";
import { requestInfo } from "./http/request";
import { sessionUser } from "./http/session";

export interface AppOptions {
  /** Built web UI (apps/web/dist) to serve, when present. */
  webDir?: string | null;
}

const MAX_JSON_BYTES = 1024 * 1024;

/** The station's HTTP app, built from injected services (tests pass a temp database). */
export function createApp(services: NodeServices, opts: AppOptions = {}): Hono {
  const app = new Hono();
  app.use(requestId());
  app.onError(onError);
  app.notFound(notFound);

  app.get("/healthz", async (c) => {
    const store = services.repo.store;
    let db = "ok";
    let pendingSync = 0;
    try {
      pendingSync = (await store.lastSeq()) - (await store.getCursor("hub-push"));
    } catch {
      db = "error";
    }
    return c.json(
      {
        ok: db === "ok",
        role: "station",
        site: services.site.id,
        version: services.version,
        db,
        pendingSync,
      },
      db === "ok" ? 200 : 503,
    );
  });

  app.use(
    "/trpc/*",
    bodyLimit({
      maxSize: MAX_JSON_BYTES,
      onError: () => {
        throw httpError(
          413,
          "PAYLOAD_TOO_LARGE",
          null,
          "提交的内容过大（上限 1 MB）",
          "Request body over 1 MB",
        );
      },
    }),
    trpcServer({
      router: stationRouter,
      endpoint: "/trpc",
      createContext: async (opts, c) => ({
        services,
        req: requestInfo(c, opts.resHeaders),
        user: await sessionUser(services, c),
      }),
    }),
  );

  app.route("/api", attachmentRoutes(services));

  const kind = z.enum([
    "receipt",
    "one-time-notice",
    "deferred-commitment",
    "deferred-notice",
    "power-of-attorney",
  ]);
  app.get("/print/:kind/:caseId?", async (c) => {
    const user = await sessionUser(services, c);
    if (!user) throw httpError(401, "UNAUTHORIZED", null, "请先登录", "Sign in first");
    const k = kind.safeParse(c.req.param("kind"));
    if (!k.success) throw httpError(404, "NOT_FOUND", "kind", "没有这种文书", "Unknown document");
    const doc = await printDocument(
      { services, req: requestInfo(c), user },
      k.data,
      c.req.param("caseId") ?? null,
      c.req.query("notice"),
    );
    return c.html(doc.html);
  });

  const webDir = opts.webDir;
  if (webDir && existsSync(join(webDir, "index.html"))) {
    app.get("*", async (c) => {
      const path = c.req.path.replace(/\.\.+/g, "");
      const file = join(webDir, path);
      if (path !== "/" && existsSync(file) && !file.endsWith("/")) {
        const body = await readFile(file).catch(() => null);
        if (body) return c.body(body, 200, { "content-type": contentType(file) });
      }
      return c.html(await readFile(join(webDir, "index.html"), "utf8"));
    });
  }
  return app;
}

function contentType(file: string): string {
  if (file.endsWith(".js")) return "text/javascript; charset=utf-8";
  if (file.endsWith(".css")) return "text/css; charset=utf-8";
  if (file.endsWith(".svg")) return "image/svg+xml";
  if (file.endsWith(".wasm")) return "application/wasm";
  if (file.endsWith(".png")) return "image/png";
  if (file.endsWith(".json")) return "application/json";
  return "application/octet-stream";
}
