import { TRPCClientError } from "@trpc/client";
import type { Lang } from "../i18n/lang";

/** The error every server route sends (tRPC `data.bangban`, or `{ error }` on plain routes). */
export interface ApiError {
  code: string;
  /** Dotted path of the input field at fault, e.g. `applicant.idNumber`; null for the whole form. */
  field: string | null;
  zh: string;
  en: string;
  retryAfterSeconds?: number;
}

export const NETWORK_ERROR: ApiError = {
  code: "NETWORK",
  field: null,
  zh: "无法连接本站服务器：请检查网线或 Wi-Fi，以及站点电脑是否开机。已填写的内容不会丢失，恢复后可重新提交。",
  en: "Cannot reach the station server: check the cable or Wi-Fi and that the station PC is on. Nothing you typed is lost; submit again when it is back.",
};

const UNKNOWN_ERROR: ApiError = {
  code: "UNKNOWN",
  field: null,
  zh: "操作没有成功，请稍后重试；如持续出现请联系管理员。",
  en: "That did not work; try again, and tell the administrator if it keeps happening.",
};

function isApiError(x: unknown): x is ApiError {
  const o = x as Partial<ApiError> | null;
  return (
    typeof o === "object" && o !== null && typeof o.code === "string" && typeof o.zh === "string"
  );
}

/** Whatever was thrown, as an ApiError a person can read. */
export function apiErrorOf(e: unknown): ApiError {
  if (isApiError(e)) return e;
  if (e instanceof TRPCClientError) {
    const data = (e.data ?? null) as { bangban?: unknown } | null;
    if (isApiError(data?.bangban)) return data.bangban;
    // No `data`: the request never reached the router (network down, proxy error page).
    return NETWORK_ERROR;
  }
  if (e instanceof TypeError) return NETWORK_ERROR;
  return UNKNOWN_ERROR;
}

/** The message in the current language. */
export function errorText(e: unknown, lang: Lang): string {
  const err = apiErrorOf(e);
  return err[lang] || err.zh;
}

/** `applicant.idNumber` → `["applicant", "idNumber"]`; numeric segments become numbers. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .split(".")
    .filter((s) => s.length > 0)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function isUnauthorized(e: unknown): boolean {
  return apiErrorOf(e).code === "UNAUTHORIZED";
}

/** The session is idle-locked: the same user resumes with their PIN or password. */
export function isSessionLocked(e: unknown): boolean {
  return apiErrorOf(e).code === "SESSION_LOCKED";
}

/** Reads the `{ error: ApiError }` body of a plain (non-tRPC) route's failed response. */
export async function apiErrorFromResponse(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: unknown };
    if (isApiError(body.error)) return body.error;
  } catch {
    // Not JSON: a proxy or the network answered, not the station.
  }
  return res.status >= 500 || res.status === 0 ? NETWORK_ERROR : UNKNOWN_ERROR;
}
