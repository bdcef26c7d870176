import type { NodeServices } from "@bangban/api";
import { getAttachment, sniffMime } from "@bangban/db";
import { attachmentLimitError, MAX_ATTACHMENT_BYTES, STAFF } from "@bangban/domain";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { httpError } from "./errors";
import { sessionUser } from "./session";
import { limitRefusal, parsePage, storeAttachment } from "./store-attachment";

/**
 * Scans and photos: uploaded as the raw request body (size-limited, type recognised from the
 * bytes), stored content-addressed by sha256, and referenced from the case by hash.
 */
const SHA256 = /^[0-9a-f]{64}$/;

export function attachmentRoutes(services: NodeServices): Hono {
  const app = new Hono();

  app.post(
    "/cases/:caseId/attachments",
    bodyLimit({
      maxSize: MAX_ATTACHMENT_BYTES,
      onError: () => {
        throw limitRefusal(attachmentLimitError("fileBytes"));
      },
    }),
    async (c) => {
      const user = await sessionUser(services, c);
      if (!user || !STAFF.includes(user.role))
        throw httpError(401, "UNAUTHORIZED", null, "请先登录", "Sign in first");
      const target = {
        caseId: c.req.param("caseId"),
        materialCode: c.req.query("material")?.trim() ?? "",
        name: (c.req.query("name") ?? "附件").slice(0, 100),
        page: parsePage(c.req.query("page")),
      };
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      return c.json(await storeAttachment(services, c, user, target, bytes), 201);
    },
  );

  app.get("/attachments/:hash", async (c) => {
    const user = await sessionUser(services, c);
    if (!user || !STAFF.includes(user.role))
      throw httpError(401, "UNAUTHORIZED", null, "请先登录", "Sign in first");
    const hash = c.req.param("hash");
    let meta = await getAttachment(services.db, hash);
    let bytes = meta ? await services.blobs.get(hash) : null;
    if (!meta || !bytes) {
      // Not here: a scan of a case held here is fetched from the hub now (a station), or
      // said to be not synced yet; a hash no case here references stays unknown.
      const refs = SHA256.test(hash) ? await services.repo.store.blobRefs(hash) : [];
      if (!meta && refs.length === 0)
        throw httpError(404, "NOT_FOUND", "hash", "附件不存在", "No such attachment");
      const fetched =
        refs.length > 0 &&
        services.nodeRole === "station" &&
        (await services.sync.fetchBlob?.(hash)) === true;
      if (fetched) {
        meta = await getAttachment(services.db, hash);
        bytes = meta ? await services.blobs.get(hash) : null;
      }
      if (!meta || !bytes)
        throw httpError(
          404,
          "NOT_SYNCED",
          "hash",
          "该扫描件尚未同步到本站",
          "This scan has not reached this node yet",
        );
    }
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      ...attachmentHeaders(meta.mime, bytes),
      "cache-control": "private, max-age=31536000, immutable",
    });
  });

  return app;
}

/**
 * Shown in the browser only when the bytes are what the stored type says (their magic number
 * matches an image or PDF type we accept); anything else is a download of opaque bytes, so
 * an "image/png" that is really HTML can never run as a page of this origin. The sandbox CSP
 * keeps even a shown PDF or image from scripting the origin.
 */
export function attachmentHeaders(mime: string, bytes: Uint8Array): Record<string, string> {
  const inline = sniffMime(bytes) === mime;
  return {
    "content-type": inline ? mime : "application/octet-stream",
    "content-disposition": inline ? "inline" : "attachment",
    "content-security-policy":
      "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
  };
}
