import { type ApiErrorData, apiErrorData } from "@bangban/api";
import { DomainError } from "@bangban/domain";
import type { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The JSON error body of non-tRPC routes; same fields as tRPC's `data.bangban`. */
export function errorBody(code: string, field: string | null, zh: string, en: string) {
  return { error: { code, field, zh, en } };
}

export function httpError(
  status: ContentfulStatusCode,
  code: string,
  field: string | null,
  zh: string,
  en: string,
): HTTPException {
  return new HTTPException(status, {
    res: new Response(JSON.stringify(errorBody(code, field, zh, en)), {
      status,
      headers: { "content-type": "application/json; charset=utf-8" },
    }),
  });
}

const TRPC_KEY_OF = { 400: "BAD_REQUEST", 403: "FORBIDDEN", 413: "PAYLOAD_TOO_LARGE" } as const;

/**
 * A /trpc call refused before tRPC saw it (a body over its bound, a batch of sign-ins), in
 * tRPC's error shape, so a client finds the typed refusal where it reads every other
 * (`error.data.bangban`).
 */
export function trpcRefusal(
  status: 400 | 403 | 413,
  path: string,
  data: ApiErrorData,
): HTTPException {
  const key = TRPC_KEY_OF[status];
  const body = {
    error: {
      message: data.en,
      code: TRPC_ERROR_CODES_BY_KEY[key],
      data: { code: key, httpStatus: status, path, bangban: data },
    },
  };
  return new HTTPException(status, {
    res: new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json" },
    }),
  });
}

/** A TRPCError from a procedure called outside tRPC's HTTP handler (the /print page). */
export function fromTrpcError(e: TRPCError): HTTPException {
  const d = apiErrorData(e);
  return httpError(
    getHTTPStatusCodeFromError(e) as ContentfulStatusCode,
    d.code,
    d.field,
    d.zh,
    d.en,
  );
}

/** One error handler for the app: typed JSON for every failure, no stack traces to clients. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof HTTPException) return err.getResponse();
  if (err instanceof DomainError) {
    const status = err.code === "NOT_ALLOWED" ? 403 : 400;
    return c.json(errorBody(err.code, err.field, err.zh, err.en), status);
  }
  console.error(`[${c.get("requestId" as never) ?? "-"}]`, err);
  return c.json(errorBody("INTERNAL", null, "服务器出错，请稍后重试", "Internal error"), 500);
}

export function notFound(c: Context): Response {
  return c.json(
    errorBody(
      "NOT_FOUND",
      "path",
      "请求的地址不存在",
      `No route for ${c.req.method} ${c.req.path}`,
    ),
    404,
  );
}
