import type { MessageKey } from "../../i18n/zh";

/** The first-run form's values as typed. */
export interface EnrolValues {
  hubUrl?: string;
  code?: string;
}

/** The hub's address as the station will call it: trimmed, `http://` added, no trailing slash. */
export function normaliseHubUrl(v: string): string {
  const s = v.trim().replace(/\/+$/, "");
  if (!s) return s;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `http://${s}`;
}

/** Why the hub address cannot be used (a message key), or null. */
export function hubUrlProblem(v: string | undefined): MessageKey | null {
  const raw = (v ?? "").trim();
  if (!raw) return "enrol.hubUrlRequired";
  // A scheme with nothing after it ("http://").
  if (/^[a-z][a-z0-9+.-]*:\/*$/i.test(raw)) return "enrol.hubUrlInvalid";
  const s = normaliseHubUrl(raw);
  try {
    const u = new URL(s);
    if (u.protocol !== "http:" && u.protocol !== "https:") return "enrol.hubUrlInvalid";
    if (!u.hostname) return "enrol.hubUrlInvalid";
    return null;
  } catch {
    return "enrol.hubUrlInvalid";
  }
}

/** The code as people type it: spaces dropped, upper case (the hub ignores both). */
export function normaliseCode(v: string): string {
  return v.replace(/\s+/g, "").toUpperCase();
}

/** Why the code cannot be right (a message key), or null. Dashes are optional. */
export function codeProblem(v: string | undefined): MessageKey | null {
  const s = normaliseCode(v ?? "");
  if (!s) return "enrol.codeRequired";
  const letters = s.replace(/-/g, "");
  if (letters.length < 8 || s.length > 40) return "enrol.codeLength";
  if (!/^[A-Z0-9-]+$/.test(s)) return "enrol.codeChars";
  return null;
}

/** What system.enrol receives. */
export function enrolInputOf(v: EnrolValues): { hubUrl: string; code: string } {
  return { hubUrl: normaliseHubUrl(v.hubUrl ?? ""), code: normaliseCode(v.code ?? "") };
}
