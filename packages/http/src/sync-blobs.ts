import type { HubServices } from "@bangban/api";
import { SYNC_HTTP_PATHS, SyncError, type SyncErrorKind } from "@bangban/sync";
import { Hono } from "hono";
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
 * Blob sync's way down (SPEC.md, Blobs): `GET /sync/blobs/:hash?protocol=&offset=&maxBytes=`
 * with the station's bearer credential answers a range of the blob as bytes
 * (`x-blob-size` = the whole blob's size). A plain route, not a tRPC procedure, because a
 * procedure answers JSON and base64 would cost a third more on the wire. Every check is the
 * SyncHandler's (scope as for a pull); a refusal comes in tRPC's error shape, so the station's
 * transport reads it as it reads every other.
 */
export function syncBlobRoutes(services: HubServices): Hono {
  const app = new Hono();
  app.get(`${SYNC_HTTP_PATHS.pullBlob}/:hash`, async (c) => {
    try {
      const station = await services.syncHandler.authenticate(
        c.req.header("authorization")?.match(/^Bearer (.+)$/)?.[1] ?? null,
      );
      const num = (name: string) => {
        const v = c.req.query(name);
        return v === undefined || v === "" ? undefined : Number(v);
      };
      const piece = await services.syncHandler.pullBlob(station, {
        protocol: num("protocol"),
        hash: c.req.param("hash"),
        offset: num("offset") ?? 0,
        ...(num("maxBytes") === undefined ? {} : { maxBytes: num("maxBytes") }),
      });
      return c.body(piece.bytes as Uint8Array<ArrayBuffer>, 200, {
        "content-type": "application/octet-stream",
        "x-blob-size": String(piece.size),
        "cache-control": "no-store",
      });
    } catch (e) {
      if (!(e instanceof SyncError)) throw e;
      const { kind, zh, en } = e.data;
      const status = STATUS[kind] ?? 400;
      return c.json(
        {
          error: {
            message: en,
            data: { httpStatus: status, bangban: { code: kind, field: "hash", zh, en } },
          },
        },
        status,
      );
    }
  });
  return app;
}
