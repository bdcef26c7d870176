/**
 * Text formatting for paper: Chinese dates, labels, and a last masking guard.
 */
import { maskIdNumber, maskPhone } from "@bangban/domain";
import type { PrintCase, PrintMaterial } from "./types";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-05-08` → `2026年5月8日`; anything else is returned unchanged. */
export function cnDate(isoDate: string): string {
  const m = DATE.exec(isoDate);
  if (!m) return isoDate;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** An ISO timestamp as Beijing wall time, `2026年5月8日 09:30`; unparseable input unchanged. */
export function cnDateTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  // China keeps UTC+8 all year, so a fixed offset is exact and needs no time-zone data.
  const d = new Date(t + BEIJING_OFFSET_MS);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/**
 * Paper is the last place an ID can leak (GB/T 35273 §7.2), so a value that arrives without
 * any `*` is treated as unmasked and masked here; masked values pass through untouched.
 */
export function safeId(value: string): string {
  return value.includes("*") ? value : maskIdNumber(value);
}

/** Like {@link safeId}, for phone numbers. */
export function safePhone(value: string): string {
  return value.includes("*") ? value : maskPhone(value);
}

/** 帮办 or 代办, as printed. */
export function modeLabel(mode: PrintCase["mode"]): string {
  return mode === "proxy" ? "代办" : "帮办";
}

const STATE_LABELS: Record<PrintMaterial["state"], string> = {
  provided: "已收取",
  supplemented: "已补齐",
  deferred: "容缺后补",
  missing: "未提交",
};

/** The state of a material as printed in a materials table. */
export function materialStateLabel(state: PrintMaterial["state"]): string {
  return STATE_LABELS[state];
}

/** `原件 1 份`, `复印件`, or `—` when nothing is known. */
export function formAndCopies(form: string | undefined, copies?: number): string {
  const parts = [form, copies === undefined ? undefined : `${copies} 份`].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : "—";
}
