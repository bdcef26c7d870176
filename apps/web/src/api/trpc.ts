import type { HubRouter } from "@bangban/api";
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from "@trpc/client";

/**
 * Calls the server refuses in a batch (sign-in, unlock, the public progress query: they
 * check a guessable secret), so they go one per request. Mirrors packages/http's list.
 */
export function unbatchable(path: string): boolean {
  return path.startsWith("auth.") || path.startsWith("public.");
}

/**
 * The node's API, same origin (`/trpc`), the session in an http-only cookie. Called from
 * react-query's useQuery/useMutation; no tRPC-specific React bindings.
 *
 * Typed by the hub's router, a superset of the station's: screens that call hub-only
 * procedures (administration, dashboard, the public progress query) are shown on the hub only.
 */
export const api = createTRPCClient<HubRouter>({
  links: [
    splitLink({
      condition: (op) => unbatchable(op.path),
      true: httpLink({ url: "/trpc" }),
      false: httpBatchLink({ url: "/trpc", maxURLLength: 4000 }),
    }),
  ],
});
