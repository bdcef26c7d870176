import type { StationRouter } from "@bangban/api";
import { createTRPCClient, httpBatchLink } from "@trpc/client";

/**
 * The station's API, same origin (`/trpc`), the session in an http-only cookie. Called from
 * react-query's useQuery/useMutation; no tRPC-specific React bindings.
 */
export const api = createTRPCClient<StationRouter>({
  links: [httpBatchLink({ url: "/trpc", maxURLLength: 4000 })],
});
