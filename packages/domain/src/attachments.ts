import { DomainError } from "./errors";

/**
 * Limits on scans and photos (issue #17): one file, and all files of one case. The station
 * and the hub enforce them on upload and on blob sync; the web app states them beside the
 * upload buttons, from these same numbers.
 */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Files one case may reference: a thick 户口簿 scanned page by page stays well below. */
export const MAX_CASE_ATTACHMENTS = 60;
export const MAX_CASE_ATTACHMENT_BYTES = 100 * 1024 * 1024;

/**
 * Largest chunk of a resumable browser upload: a cut costs at most this much again, and a
 * chunk is a small request even on a slow line.
 */
export const MAX_UPLOAD_CHUNK_BYTES = 1024 * 1024;

/** Types accepted, recognised by their first bytes on the server (never by the client's word). */
export const ATTACHMENT_TYPES = ["image/jpeg", "image/png", "application/pdf"] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/**
 * The type of a scan from its first bytes (its magic number), null for anything else. Every
 * node that takes bytes in (an upload at a station, a blob pushed to the hub, a blob fetched
 * from it) reads the type here.
 */
export function sniffMime(bytes: Uint8Array): AttachmentType | null {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return "image/jpeg";
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return "image/png";
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) return "application/pdf";
  return null;
}

/** Which limit an upload would break. */
export type AttachmentLimit = "fileBytes" | "caseFiles" | "caseBytes";

export interface AttachmentLimitProblem {
  limit: AttachmentLimit;
  error: DomainError;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${Math.ceil(bytes / MB)} MB`;

/**
 * The first limit `next` would break when added to a case that already holds `existing`
 * (the case's attachments, each counted once), or null when it fits. A file the case already
 * holds (same hash) adds nothing.
 */
export function attachmentLimitProblem(
  existing: readonly { size: number; hash?: string }[],
  next: { size: number; hash?: string },
): AttachmentLimitProblem | null {
  if (next.size > MAX_ATTACHMENT_BYTES) return problem("fileBytes");
  if (next.hash && existing.some((a) => a.hash === next.hash)) return null;
  if (existing.length + 1 > MAX_CASE_ATTACHMENTS) return problem("caseFiles");
  const used = existing.reduce((sum, a) => sum + a.size, 0);
  return used + next.size > MAX_CASE_ATTACHMENT_BYTES ? problem("caseBytes", used) : null;
}

function problem(limit: AttachmentLimit, usedBytes = 0): AttachmentLimitProblem {
  return { limit, error: attachmentLimitError(limit, usedBytes) };
}

/** The refusal for a limit: field `file` for one file, `attachments` for the case's total. */
export function attachmentLimitError(limit: AttachmentLimit, usedBytes = 0): DomainError {
  const used = (usedBytes / MB).toFixed(1);
  const texts: Record<AttachmentLimit, [string, string, string]> = {
    fileBytes: [
      "file",
      `单个文件不能超过 ${mb(MAX_ATTACHMENT_BYTES)}，请压缩或分页扫描后再上传`,
      `File over ${mb(MAX_ATTACHMENT_BYTES)}`,
    ],
    caseFiles: [
      "attachments",
      `每件办件最多 ${MAX_CASE_ATTACHMENTS} 个附件，已达上限`,
      `A case holds at most ${MAX_CASE_ATTACHMENTS} files`,
    ],
    caseBytes: [
      "attachments",
      `每件办件的附件合计不能超过 ${mb(MAX_CASE_ATTACHMENT_BYTES)}（已用 ${used} MB）`,
      `A case's files total at most ${mb(MAX_CASE_ATTACHMENT_BYTES)} (${used} MB used)`,
    ],
  };
  const [field, zh, en] = texts[limit];
  return new DomainError({ code: "OUT_OF_RANGE", field, zh, en });
}

/** Where a scan sits among its material's pages: 1-based; older references have none. */
export interface PagedAttachment {
  hash: string;
  name: string;
  page?: number;
}

/** Display order of a material's scans (contract 1): page (none = 0), then name, then hash. */
export function compareAttachmentPages(a: PagedAttachment, b: PagedAttachment): number {
  return (
    (a.page ?? 0) - (b.page ?? 0) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
    (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0)
  );
}

/** The page number after a material's existing pages (1 for the first). */
export function nextAttachmentPage(material: readonly { page?: number }[]): number {
  return material.reduce((max, a) => Math.max(max, a.page ?? 0), 0) + 1;
}
