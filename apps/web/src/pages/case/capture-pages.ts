import {
  MAX_ATTACHMENT_BYTES,
  MAX_CASE_ATTACHMENT_BYTES,
  MAX_CASE_ATTACHMENTS,
} from "@bangban/domain";

/** The pages taken so far in the capture dialog: reordered and pruned before saving. */

/** The list with page `i` moved one place earlier (-1) or later (+1); unchanged at an end. */
export function movePage<T>(pages: readonly T[], i: number, delta: -1 | 1): T[] {
  const j = i + delta;
  const out = [...pages];
  if (i < 0 || i >= out.length || j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j] as T, out[i] as T];
  return out;
}

export function removePage<T>(pages: readonly T[], i: number): T[] {
  return pages.filter((_, k) => k !== i);
}

/** A saved page's file name: the capture time, then its place in the batch. */
export function pageFileName(takenAt: Date, index: number): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const stamp = `${takenAt.getFullYear()}${p(takenAt.getMonth() + 1)}${p(takenAt.getDate())}-${p(takenAt.getHours())}${p(takenAt.getMinutes())}${p(takenAt.getSeconds())}`;
  return `拍照-${stamp}-${p(index + 1)}.jpg`;
}

/** A camera as the browser lists it (a 高拍仪 is one of them: it presents itself as a webcam). */
export interface CameraChoice {
  deviceId: string;
  label: string;
}

/** The camera to open: the one chosen last time if it is still there, else the first. */
export function pickCamera(
  cameras: readonly CameraChoice[],
  remembered: string | null,
): string | null {
  return cameras.find((c) => c.deviceId === remembered)?.deviceId ?? cameras[0]?.deviceId ?? null;
}

/** Why the camera cannot open, as an i18n key (getUserMedia's error name, or no API at all). */
export function cameraProblemKey(
  error: { name?: string } | null,
  env: { hasMediaDevices: boolean; secureContext: boolean },
):
  | "capture.insecure"
  | "capture.unsupported"
  | "capture.denied"
  | "capture.noCamera"
  | "capture.busy"
  | "capture.failed" {
  if (!env.hasMediaDevices) return env.secureContext ? "capture.unsupported" : "capture.insecure";
  switch (error?.name) {
    case "NotAllowedError":
    case "SecurityError":
      return "capture.denied";
    case "NotFoundError":
    case "OverconstrainedError":
      return "capture.noCamera";
    case "NotReadableError":
    case "AbortError":
      return "capture.busy";
    default:
      return "capture.failed";
  }
}

/** Files over the per-file limit, refused before any byte is sent. */
export function oversizeFiles<T extends { size: number }>(
  files: readonly T[],
  maxBytes: number,
): T[] {
  return files.filter((f) => f.size > maxBytes);
}

/** The limits as the UI states them, from the numbers the server enforces. */
export function limitVars(): { fileMb: number; files: number; caseMb: number } {
  const MiB = 1024 * 1024;
  return {
    fileMb: MAX_ATTACHMENT_BYTES / MiB,
    files: MAX_CASE_ATTACHMENTS,
    caseMb: MAX_CASE_ATTACHMENT_BYTES / MiB,
  };
}
