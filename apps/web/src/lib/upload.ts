import { apiErrorFromResponse, NETWORK_ERROR } from "../api/errors";

/** Sends a scan or photo as the raw request body; the station recognises the type from the bytes. */
export async function uploadAttachment(
  caseId: string,
  materialCode: string,
  file: Blob & { name?: string },
): Promise<{ hash: string; size: number; mime: string }> {
  const q = new URLSearchParams({ material: materialCode, name: file.name ?? "附件" });
  let res: Response;
  try {
    res = await fetch(`/api/cases/${encodeURIComponent(caseId)}/attachments?${q}`, {
      method: "POST",
      body: file,
      headers: { "content-type": "application/octet-stream" },
    });
  } catch {
    throw NETWORK_ERROR;
  }
  if (!res.ok) throw await apiErrorFromResponse(res);
  return (await res.json()) as { hash: string; size: number; mime: string };
}

export function attachmentUrl(hash: string): string {
  return `/api/attachments/${encodeURIComponent(hash)}`;
}
