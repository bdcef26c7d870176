import type { NodeServices, SessionUser } from "@bangban/api";
import type { UploadSession } from "@bangban/db";
import { MAX_UPLOAD_CHUNK_BYTES, STAFF } from "@bangban/domain";
import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { errorBody, httpError } from "./errors";
import { sessionUser } from "./session";
import { attachmentCase, parsePage, storeAttachment } from "./store-attachment";

/** An upload untouched this long is abandoned: its temp file is removed. */
export const UPLOAD_GRACE_MS = 24 * 3600_000;

/**
 * Resumable uploads from the browser, in chunks: open one for a material of a case (its
 * declared size checked against the limits before a byte is taken), PUT chunks at the offset
 * the server holds, GET the offset to resume after a cut. The last chunk stores the file as
 * the one-shot route does. An upload belongs to the user who opened it.
 */
export function uploadRoutes(services: NodeServices): Hono {
  const app = new Hono();

  app.post("/cases/:caseId/uploads", bodyLimit({ maxSize: 4096 }), async (c) => {
    const user = await staffUser(services, c);
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || typeof body !== "object")
      throw httpError(400, "INVALID_FORMAT", "body", "请求格式不正确", "Expected a JSON object");
    const size = body.size;
    if (typeof size !== "number" || !Number.isInteger(size) || size < 1)
      throw httpError(400, "REQUIRED", "size", "请选择要上传的文件（文件为空）", "size: bytes ≥ 1");
    const target = {
      caseId: c.req.param("caseId"),
      materialCode: typeof body.material === "string" ? body.material.trim() : "",
      name: (typeof body.name === "string" && body.name.trim() ? body.name : "附件").slice(0, 100),
      page: parsePage(body.page),
    };
    await attachmentCase(services, target, size);
    const now = services.clock();
    await services.uploads.sweep(new Date(now.getTime() - UPLOAD_GRACE_MS));
    const s = await services.uploads.open(services.newId(), user.id, { ...target, size }, now);
    return c.json({ uploadId: s.id, offset: 0, size }, 201);
  });

  app.get("/uploads/:uploadId", async (c) => {
    const s = await ownSession(services, c, await staffUser(services, c));
    return c.json(progress(s));
  });

  app.put(
    "/uploads/:uploadId",
    bodyLimit({
      maxSize: MAX_UPLOAD_CHUNK_BYTES,
      onError: () => {
        throw httpError(
          413,
          "PAYLOAD_TOO_LARGE",
          "chunk",
          "分块过大（上限 1 MB）",
          "Chunk over 1 MiB",
        );
      },
    }),
    async (c) => {
      const user = await staffUser(services, c);
      const s = await ownSession(services, c, user);
      const offset = Number(c.req.query("offset"));
      if (!Number.isInteger(offset) || offset < 0)
        throw httpError(400, "INVALID_FORMAT", "offset", "缺少上传位置", "offset: bytes ≥ 0");
      const chunk = new Uint8Array(await c.req.arrayBuffer());
      const r = await services.uploads.append(s.id, offset, chunk, services.clock(), (at, bytes) =>
        storeAttachment(services, c, user, at, bytes),
      );
      if (r.kind === "unknown") throw gone();
      if (r.kind === "offset") {
        const e = errorBody(
          "OFFSET_MISMATCH",
          "offset",
          "上传位置不一致，请从服务器记录的位置继续",
          "Resume from the server's offset",
        );
        return c.json({ ...e, offset: r.session.offset }, 409);
      }
      if (r.kind === "oversize") {
        const e = errorBody(
          "PAYLOAD_TOO_LARGE",
          "chunk",
          "上传的内容超过了声明的文件大小",
          "Chunk past the declared size",
        );
        return c.json({ ...e, offset: r.session.offset }, 413);
      }
      return c.json(progress(r.session));
    },
  );

  return app;
}

function progress(s: UploadSession) {
  return { uploadId: s.id, offset: s.offset, size: s.size, done: s.done };
}

async function staffUser(services: NodeServices, c: Context): Promise<SessionUser> {
  const user = await sessionUser(services, c);
  if (!user || !STAFF.includes(user.role))
    throw httpError(401, "UNAUTHORIZED", null, "请先登录", "Sign in first");
  return user;
}

/** The upload, if this user opened it: anyone else's reads as unknown (nothing to probe). */
async function ownSession(services: NodeServices, c: Context, user: SessionUser) {
  const s = await services.uploads.get(c.req.param("uploadId") ?? "");
  if (!s || s.userId !== user.id) throw gone();
  return s;
}

const gone = () =>
  httpError(404, "NOT_FOUND", "uploadId", "上传已失效，请重新选择文件上传", "No such upload");
