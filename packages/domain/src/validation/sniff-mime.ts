/** The scan types a node accepts, recognised by their first bytes, not by the client's word. */
export type ScanMime = "image/jpeg" | "image/png" | "application/pdf";

/**
 * The type of a scan from its first bytes (its magic number), null for anything else. Every
 * node that takes bytes in (an upload at a station, a blob pushed to the hub, a blob fetched
 * from it) reads the type here.
 */
export function sniffMime(bytes: Uint8Array): ScanMime | null {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return "image/jpeg";
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return "image/png";
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) return "application/pdf";
  return null;
}
