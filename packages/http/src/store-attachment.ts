import { auditEntry, type NodeServices, type SessionUser } from "@bangban/api";
import { putAttachment, sha256, sniffMime } from "@bangban/db";
import { attachmentLimitProblem, type DomainError, nextAttachmentPage } from "@bangban/domain";
import { type AttachmentRef, edits } from "@bangban/sync";
import type { Context } from "hono";
import { httpError } from "./errors";
import { requestInfo } from "./request";

/** Where an upload goes: a material of a case, under a name, at a page (absent: the next). */
export interface AttachmentTarget {
  caseId: string;
  materialCode: string;
  name: string;
  page?: number;
}

/** A limit of packages/domain as the HTTP refusal: 413, the field and the message it names. */
export function limitRefusal(error: DomainError) {
  return httpError(413, "PAYLOAD_TOO_LARGE", error.field, error.zh, error.en);
}

/**
 * The case's attachment refs, after checking the case exists here and the material is on
 * its item's checklist; with `size`, also that a file that large fits the case's limits.
 */
export async function attachmentCase(
  services: NodeServices,
  target: AttachmentTarget,
  size?: number,
): Promise<AttachmentRef[]> {
  const view = await services.repo.get(target.caseId);
  if (!view) throw httpError(404, "NOT_FOUND", "caseId", "办件不存在", "No such case");
  if (!view.state.item.materials.some((m) => m.code === target.materialCode)) {
    throw httpError(
      400,
      "NOT_ELIGIBLE",
      "material",
      "请选择该事项材料清单中的材料",
      "Unknown material for this item",
    );
  }
  const problem =
    size === undefined ? null : attachmentLimitProblem(view.record.attachments, { size });
  if (problem) throw limitRefusal(problem.error);
  return view.record.attachments;
}

/**
 * Stores an uploaded file for a case, the one way every upload route does: type sniffed
 * from the bytes, limits checked, sealed into the blob store by hash, its metadata row, the
 * case document's ref and an audit line. The same bytes again for the same material change
 * nothing; for another material they are refused (the hub never lets a ref move).
 */
export async function storeAttachment(
  services: NodeServices,
  c: Context,
  user: SessionUser,
  target: AttachmentTarget,
  bytes: Uint8Array,
): Promise<{ hash: string; size: number; mime: string; page: number }> {
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
  const refs = await attachmentCase(services, target);
  const hash = sha256(bytes);
  const held = refs.find((r) => r.hash === hash);
  if (held) return sameFileAgain(held, target, mime);
  const problem = attachmentLimitProblem(refs, { size: bytes.length, hash });
  if (problem) throw limitRefusal(problem.error);
  const { size } = await services.blobs.put(bytes);
  const now = services.clock().toISOString();
  await putAttachment(services.db, {
    hash,
    size,
    mime,
    originalName: target.name,
    createdAt: now,
    createdBy: user.id,
    caseId: target.caseId,
  });
  const { materialCode, name } = target;
  const page =
    target.page ?? nextAttachmentPage(refs.filter((r) => r.materialCode === materialCode));
  const ctx = { services, req: requestInfo(c), user };
  await services.repo.edit(
    target.caseId,
    (d) => edits.addAttachment(d, { hash, materialCode, name, mime, size, page }),
    [auditEntry(ctx, "attachment.upload", target.caseId, { hash, materialCode, size, mime, page })],
  );
  return { hash, size, mime, page };
}

function sameFileAgain(held: AttachmentRef, target: AttachmentTarget, mime: string) {
  if (held.materialCode !== target.materialCode) {
    throw httpError(
      409,
      "DUPLICATE",
      "file",
      `该文件已作为另一项材料（${held.materialCode}）上传过，同一文件不能重复用于两项材料`,
      `This file is already attached to material ${held.materialCode}`,
    );
  }
  return { hash: held.hash, size: held.size, mime, page: held.page ?? 0 };
}

/** A page number from the client: absent, or a whole number from 1 to 999. */
export function parsePage(value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const n = typeof value === "string" ? Number(value) : value;
  if (typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 999) return n;
  throw httpError(400, "OUT_OF_RANGE", "page", "页码应为 1 到 999 的整数", "page: 1 to 999");
}
