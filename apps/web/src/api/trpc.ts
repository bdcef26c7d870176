import type { HubRouter } from "@bangban/api";
import { createTRPCClient, httpBatchLink } from "@trpc/client";

/**
 * The node's API, same origin (`/trpc`), the session in an http-only cookie. Called from
 * react-query's useQuery/useMutation; no tRPC-specific React bindings.
 *
 * Typed by the hub's router, a superset of the station's: screens that call hub-only
 * procedures (administration, dashboard, the public progress query) are shown on the hub only.
 */
export const api = createTRPCClient<HubRouter>({
  links: [httpBatchLink({ url: "/trpc", maxURLLength: 4000 })],
});
