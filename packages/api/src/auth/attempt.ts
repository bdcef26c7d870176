import type { NodeServices } from "../context";
import { TRPCError } from "../trpc";
import type { Attempt } from "./rate-limit";

/** What is being limited, for the refusal's message and field. */
export interface LimitedThing {
  field: string;
  /** "登录" / "查询" … */
  zh: string;
  en: string;
}

/**
 * Reserves one guess for `account` from `address`, synchronously, before the caller awaits
 * anything; throws the typed RATE_LIMITED refusal when the account or the address is over.
 */
export function beginAttempt(
  services: NodeServices,
  account: string,
  address: string,
  what: LimitedThing,
): Attempt {
  const r = services.limiter.begin(account, address, services.clock().getTime());
  if (r.ok) return r.attempt;
  const wait = r.retryAfterSeconds;
  const en = `Too many failed ${what.en}; retry in ${wait}s`;
  throw new TRPCError({
    code: "TOO_MANY_REQUESTS",
    message: en,
    cause: Object.assign(new Error("rate limited"), {
      apiData: {
        code: "RATE_LIMITED",
        field: what.field,
        zh: `${what.zh}失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试`,
        en,
        retryAfterSeconds: wait,
      },
    }),
  });
}
