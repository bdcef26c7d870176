import type { HubServices } from "@bangban/api";
import {
  encodePullBulkBody,
  pullBulkRequest,
  SYNC_HTTP_PATHS,
  SyncError,
  type SyncErrorKind,
} from "@bangban/sync";
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

const STATUS: Partial<Record<SyncErrorKind, ContentfulStatusCode>> = {
  UNKNOWN_STATION: 401,
  REVOKED: 403,
  NOT_IN_SCOPE: 403,
  BLOB_NOT_REFERENCED: 403,
  BLOB_MISSING: 409,
  PROTOCOL_VERSION: 412,
};

/**
 * Sync's ways down as bytes: plain routes, not tRPC procedures, because a procedure answers
 * JSON and base64 would cost a third more on the wire (and the station a decode and a copy).
 * Every check is the SyncHandler's; a refusal comes in tRPC's error shape, so the station's
 * transport reads it as it reads every other.
 *
 * - Blob sync (SPEC.md, Blobs): `GET /sync/blobs/:hash?protocol=&offset=&maxBytes=` answers a
 *   range of the blob (`x-blob-size` = the whole blob's size), in scope as for a pull.
 * - Bulk pull (SPEC.md, "Bulk pull"): `GET /sync/bulk?protocol=&after=&upTo=&maxCases=`
 *   answers a page of whole cases of the station's scope (`encodePullBulkBody`).
 */
export function syncByteRoutes(services: HubServices): Hono {
  const app = new Hono();
  const station = (c: Context) =>
    services.syncHandler.authenticate(
      c.req.header("authorization")?.match(/^Bearer (.+)$/)?.[1] ?? null,
    );
  const num = (c: Context, name: string) => {
    const v = c.req.query(name);
    return v === undefined || v === "" ? undefined : Number(v);
  };
  const bytes = (c: Context, body: Uint8Array, headers: Record<string, string> = {}) =>
    c.body(body as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/octet-stream",
      "cache-control": "no-store",
      ...headers,
    });
  const refused = (c: Context, e: unknown, field: string) => {
    if (!(e instanceof SyncError)) throw e;
    const { kind, zh, en } = e.data;
    const status = STATUS[kind] ?? 400;
    return c.json(
      {
        error: {
          message: en,
          data: { httpStatus: status, bangban: { code: kind, field, zh, en } },
        },
      },
      status,
    );
  };

  app.get(`${SYNC_HTTP_PATHS.pullBlob}/:hash`, async (c) => {
    try {
      const piece = await services.syncHandler.pullBlob(await station(c), {
        protocol: num(c, "protocol"),
        hash: c.req.param("hash"),
        offset: num(c, "offset") ?? 0,
        ...(num(c, "maxBytes") === undefined ? {} : { maxBytes: num(c, "maxBytes") }),
      });
      return bytes(c, piece.bytes, { "x-blob-size": String(piece.size) });
    } catch (e) {
      return refused(c, e, "hash");
    }
  });

  app.get(SYNC_HTTP_PATHS.pullBulk, async (c) => {
    try {
      const who = await station(c);
      const req = pullBulkRequest.safeParse({
        protocol: num(c, "protocol"),
        after: c.req.query("after") ?? "",
        upTo: num(c, "upTo") ?? null,
        ...(num(c, "maxCases") === undefined ? {} : { maxCases: num(c, "maxCases") }),
      });
      if (!req.success) {
        const field = String(req.error.issues[0]?.path[0] ?? "query");
        return refused(
          c,
          new SyncError({ kind: "MALFORMED_BATCH", zh: "批量下载的参数有误", en: `bad ${field}` }),
          field,
        );
      }
      return bytes(c, encodePullBulkBody(await services.syncHandler.pullBulk(who, req.data)));
    } catch (e) {
      return refused(c, e, "after");
    }
  });
  return app;
}
