import { type DataTag, queryOptions } from "@tanstack/react-query";
import { getUntypedClient, type TRPCUntypedClient } from "@trpc/client";
import type { AnyTRPCRouter } from "@trpc/server";
import { type InputArg, type QueryKeyOf, type QueryOutput, type QueryPath, queryKey } from "./keys";
import { api } from "./trpc";

/** `trpcQuery` calling through the given client (the app's, or a test's in-process one). */
export function trpcQueryVia(client: TRPCUntypedClient<AnyTRPCRouter>) {
  return <P extends QueryPath>(path: P, ...input: InputArg<P>) => {
    const [i] = input;
    return queryOptions({
      queryKey: queryKey(path, ...input) as DataTag<QueryKeyOf<P>, QueryOutput<P>>,
      // The typed proxy (api.cases.list.query) and this call go through the same links.
      queryFn: () => client.query(path, i) as Promise<QueryOutput<P>>,
    });
  };
}

/**
 * The key and the call of one query procedure, from its path and input written once:
 * `useQuery({ ...trpcQuery("cases.list", input), refetchInterval: 30_000 })`. The key is tagged
 * with the answer's type, so `setQueryData(trpcQuery(…).queryKey, …)` is typed too.
 */
export const trpcQuery = trpcQueryVia(getUntypedClient(api));
