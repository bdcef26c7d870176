import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, normalize } from "node:path";
import {
  apiErrorData,
  type BodyLimit,
  callPrintDocument,
  DOCUMENT_KINDS,
  type NodeServices,
} from "@bangban/api";
import { trpcServer } from "@hono/trpc-server";
import { type AnyTRPCRouter, TRPCError } from "@trpc/server";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { z } from "zod";
import { attachmentRoutes } from "./attachments";
import { fromTrpcError, httpError, notFound, onError, trpcRefusal } from "./errors";
import { exportRoutes } from "./exports";
import { requestInfo } from "./request";
import { sameOrigin } from "./same-origin";
import { PRINT_CSP, securityHeaders } from "./security-headers";
import { sessionState, sessionUser } from "./session";
import { syncByteRoutes } from "./sync-bytes";
import { refuseBatchedSecrets } from "./unbatchable";
import { uploadRoutes } from "./uploads";

export interface NodeAppOptions {
  /** The tRPC router to mount at /trpc (the station's or the hub's). */
  router: AnyTRPCRouter;
  /** Built web UI (apps/web/dist) to serve, when present. */
  webDir?: string | null;
  /** Extra fields for /healthz (sync state at a station, station count at the hub). */
  health?: () => Promise<Record<string, unknown>>;
  /** Routes mounted before the web UI's catch-all. */
  extend?: (app: Hono) => void;
  /** Largest JSON body /trpc accepts. */
  maxJsonBytes?: number;
  /**
   * Procedures with a bound of their own instead of `maxJsonBytes` (the hub's sync pushes,
   * whose binary frame is not JSON at all), by procedure path. Refused in tRPC's error shape.
   */
  bodyLimits?: Readonly<Record<string, BodyLimit>>;
}

/** The document kinds print.document renders: any other /print path is a 404, not a 400. */
const DOC_KINDS = z.enum(DOCUMENT_KINDS);

/**
 * The HTTP app shared by station and hub, built from injected services: request ids, one
 * error handler and JSON 404, /healthz, tRPC at /trpc (body-limited), attachments, printable
 * documents, and the web UI with SPA fallback.
 */
export function createNodeApp(services: NodeServices, opts: NodeAppOptions): Hono {
  const app = new Hono();
  app.use(requestId());
  app.use(securityHeaders());
  app.use(sameOrigin({ publicUrl: services.publicBaseUrl }));
  app.onError(onError);
  app.notFound(notFound);

  app.get("/healthz", async (c) => {
    let db = "ok";
    let extra: Record<string, unknown> = {};
    try {
      await services.db.client.execute("SELECT 1");
      extra = (await opts.health?.()) ?? {};
    } catch {
      db = "error";
    }
    const body = {
      ok: db === "ok",
      role: services.nodeRole,
      site: services.site.id,
      version: services.version,
      db,
      // A serving node's background WAL checkpointer (null when SQLite checkpoints inline).
      checkpoint: services.db.checkpointer?.status ?? null,
      ...extra,
    };
    return c.json(body, db === "ok" ? 200 : 503);
  });

  const maxSize = opts.maxJsonBytes ?? 1024 * 1024;
  // In tRPC's error shape, like every other /trpc refusal: the web client shows its zh.
  const jsonLimit = bodyLimit({
    maxSize,
    onError: (c) => {
      throw trpcRefusal(413, c.req.path.slice("/trpc/".length), {
        code: "PAYLOAD_TOO_LARGE",
        field: null,
        zh: `提交的内容过大（上限 ${Math.round(maxSize / 1024)} KB），请删减后重试`,
        en: `Request body over ${Math.round(maxSize / 1024)} KB`,
      });
    },
  });
  // A body with a Content-Length over the bound is refused before any of it is read.
  const ownLimits = new Map(
    Object.entries(opts.bodyLimits ?? {}).map(([path, limit]) => [
      `/trpc/${path}`,
      bodyLimit({
        maxSize: limit.maxBytes,
        onError: () => {
          throw trpcRefusal(413, path, limit.refusal);
        },
      }),
    ]),
  );
  app.use(
    "/trpc/*",
    (c, next) => (ownLimits.get(c.req.path) ?? jsonLimit)(c, next),
    refuseBatchedSecrets(),
    trpcServer({
      router: opts.router,
      endpoint: "/trpc",
      // The client gets a generic typed body (trpc.ts's formatter); the detail stays here.
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc ${path ?? "-"}]`, error);
      },
      // A refusal with a wait (a busy hub's RETRY_AFTER) also carries HTTP's Retry-After.
      responseMeta: ({ errors }) => {
        const wait = errors.map((e) => apiErrorData(e).retryAfterSeconds).find((s) => s);
        return wait ? { headers: new Headers({ "retry-after": String(wait) }) } : {};
      },
      createContext: async (o, c) => ({
        services,
        req: requestInfo(c, o.resHeaders, services.publicBaseUrl),
        user: await sessionState(services, c),
      }),
    }),
  );

  app.route("/api", attachmentRoutes(services));
  app.route("/api", uploadRoutes(services));
  if (services.nodeRole === "hub") app.route("/", syncByteRoutes(services));
  app.route("/api", exportRoutes(services));

  app.get("/print/:kind/:caseId?", async (c) => {
    const kind = DOC_KINDS.safeParse(c.req.param("kind"));
    if (!kind.success)
      throw httpError(404, "NOT_FOUND", "kind", "没有这种文书", "Unknown document");
    const ctx = { services, req: requestInfo(c), user: await sessionUser(services, c) };
    // The tRPC procedure itself: its role check (CASE_STAFF) and input validation apply here.
    const doc = await callPrintDocument(ctx, {
      kind: kind.data,
      caseId: c.req.param("caseId") ?? null,
      noticeId: c.req.query("notice"),
    }).catch((e: unknown) => {
      throw e instanceof TRPCError ? fromTrpcError(e) : e;
    });
    c.header("content-security-policy", PRINT_CSP);
    return c.html(doc.html);
  });

  opts.extend?.(app);
  if (opts.webDir) serveWeb(app, opts.webDir);
  return app;
}

/** Serves the built web UI, falling back to index.html for the app's own routes. */
function serveWeb(app: Hono, webDir: string): void {
  if (!existsSync(join(webDir, "index.html"))) return;
  app.get("*", async (c) => {
    const rel = normalize(decodeURIComponent(c.req.path)).replace(/^(\.\.[/\\])+/, "");
    const file = join(webDir, rel);
    if (file.startsWith(webDir) && rel !== "/" && existsSync(file)) {
      const body = await readFile(file).catch(() => null);
      if (body) return c.body(body, 200, { "content-type": contentType(file) });
    }
    return c.html(await readFile(join(webDir, "index.html"), "utf8"));
  });
}

const TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  // pdf.js's worker ships as .mjs; a module worker served as anything but JavaScript is refused.
  mjs: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
  wasm: "application/wasm",
  png: "image/png",
  json: "application/json",
  html: "text/html; charset=utf-8",
  woff2: "font/woff2",
  ico: "image/x-icon",
  txt: "text/plain; charset=utf-8",
};

function contentType(file: string): string {
  return TYPES[file.split(".").pop() ?? ""] ?? "application/octet-stream";
}
