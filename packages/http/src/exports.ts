import { callExport, EXPORT_KINDS, type NodeServices } from "@bangban/api";
import { TRPCError } from "@trpc/server";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { fromTrpcError, httpError } from "./errors";
import { requestInfo } from "./request";
import { sessionUser } from "./session";

const KIND = z.enum(EXPORT_KINDS);

/** The filters of an export are a few fields: anything larger is not one. */
const MAX_FILTER_BYTES = 16 * 1024;

/**
 * 导出: `POST /api/export/:kind` with the filters as a JSON body (a body, not a URL, because
 * a case-list filter may hold a full ID number) answers with the file itself, XLSX or CSV, as
 * a download. The export procedures check the role and the input as tRPC does and write the
 * audit line; an export over its row bound is refused with the typed error.
 */
export function exportRoutes(services: NodeServices): Hono {
  const app = new Hono();
  app.post(
    "/export/:kind",
    bodyLimit({
      maxSize: MAX_FILTER_BYTES,
      onError: () => {
        throw httpError(413, "PAYLOAD_TOO_LARGE", null, "导出条件过长", "Filters too large");
      },
    }),
    async (c) => {
      const kind = KIND.safeParse(c.req.param("kind"));
      if (!kind.success)
        throw httpError(404, "NOT_FOUND", "kind", "没有这种导出", "Unknown export");
      const input: unknown = await c.req.json().catch(() => {
        throw httpError(400, "INVALID_FORMAT", null, "导出条件格式不正确", "Body must be JSON");
      });
      const ctx = { services, req: requestInfo(c), user: await sessionUser(services, c) };
      const file = await callExport(ctx, kind.data, input).catch((e: unknown) => {
        throw e instanceof TRPCError ? fromTrpcError(e) : e;
      });
      // RFC 6266: an ASCII fallback name and the real (Chinese) one, percent-encoded.
      const disposition = `attachment; filename="export.${file.fileName.split(".").pop()}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`;
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
        "content-type": file.contentType,
        "content-disposition": disposition,
        "cache-control": "no-store",
        "x-row-count": String(file.rowCount),
      });
    },
  );
  return app;
}
