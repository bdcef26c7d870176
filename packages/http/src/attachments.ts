import { auditEntry, type NodeServices } from "@bangban/api";
import { getAttachment, MAX_ATTACHMENT_BYTES, putAttachment, sniffMime } from "@bangban/db";
import { STAFF } from "@bangban/domain";
import { edits } from "@bangban/sync";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { httpError } from "./errors";
import { requestInfo } from "./request";
import { sessionUser } from "./session";

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
        throw httpError(
          413,
          "PAYLOAD_TOO_LARGE",
          "file",
          "文件超过 10 MB，请压缩或分页扫描后再上传",
          "File over 10 MB",
        );
      },
    }),
    async (c) => {
      const user = await sessionUser(services, c);
      if (!user || !STAFF.includes(user.role))
        throw httpError(401, "UNAUTHORIZED", null, "请先登录", "Sign in first");
      const caseId = c.req.param("caseId");
      const materialCode = c.req.query("material")?.trim() ?? "";
      const name = (c.req.query("name") ?? "附件").slice(0, 100);
      const view = await services.repo.get(caseId);
      if (!view) throw httpError(404, "NOT_FOUND", "caseId", "办件不存在", "No such case");
      if (!view.state.item.materials.some((m) => m.code === materialCode)) {
        throw httpError(
          400,
          "NOT_ELIGIBLE",
          "material",
          "请选择该事项材料清单中的材料",
          "Unknown material for this item",
        );
      }
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0)
        throw httpError(400, "REQUIRED", "file", "请选择要上传的文件", "Empty upload");
      const mime = sniffMime(bytes);
      if (!mime)
        throw httpError(
          415,
          "INVALID_FORMAT",
          "file",
          "只能上传 JPG、PNG 图片或 PDF 文件",
          "Only JPEG, PNG or PDF",
        );
      const { hash, size } = await services.blobs.put(bytes);
      const now = services.clock().toISOString();
      await putAttachment(services.db, {
        hash,
        size,
        mime,
        originalName: name,
        createdAt: now,
        createdBy: user.id,
        caseId,
      });
      const ctx = { services, req: requestInfo(c), user };
      await services.repo.edit(
        caseId,
        (d) => edits.addAttachment(d, { hash, materialCode, name, mime, size }),
        [auditEntry(ctx, "attachment.upload", caseId, { hash, materialCode, size, mime })],
      );
      return c.json({ hash, size, mime }, 201);
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
