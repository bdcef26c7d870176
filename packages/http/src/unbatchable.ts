import type { MiddlewareHandler } from "hono";
import { trpcRefusal } from "./errors";

/**
 * Routers whose calls check a guessable secret (sign-in, unlock, the public progress query):
 * one call per request, so a batch cannot carry a hundred guesses past the limiter at once.
 */
export const UNBATCHABLE_ROUTERS = ["auth.", "public."] as const;

/**
 * Refuses a tRPC batch (`?batch=1` with more than one call) that contains a call of an
 * unbatchable router, before any call runs. A batch of one is an ordinary call.
 */
export function refuseBatchedSecrets(prefixes: readonly string[] = UNBATCHABLE_ROUTERS) {
  return async function refuseBatchedSecrets(c, next) {
    const path = c.req.path.slice("/trpc/".length);
    const calls = decodeURIComponent(path).split(",");
    if (c.req.query("batch") && calls.length > 1) {
      const hit = calls.find((p) => prefixes.some((prefix) => p.startsWith(prefix)));
      if (hit) {
        throw trpcRefusal(400, path, {
          code: "BATCH_REFUSED",
          field: null,
          zh: "登录和查询请求不能合并发送，请逐个提交",
          en: `${hit} may not be sent in a batch; send it on its own`,
        });
      }
    }
    await next();
  } satisfies MiddlewareHandler;
}
