import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { isSessionLocked, isUnauthorized } from "./errors";
import { pathFilter } from "./keys";

/**
 * One client for the app. Failed mutations are never retried: a person decides. A 401 from
 * anything (the session expired overnight) re-asks who is signed in, which sends the user to
 * the sign-in screen (or the lock screen); unfinished forms stay in their drafts.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (e) => onAuthError(e) }),
    mutationCache: new MutationCache({ onError: (e) => onAuthError(e) }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (count, error) => !isUnauthorized(error) && !isSessionLocked(error) && count < 2,
      },
      mutations: { retry: false },
    },
  });
  function onAuthError(e: unknown) {
    // A locked session (idle on the server's clock) re-reads `me` too: the lock screen shows.
    if (isUnauthorized(e) || isSessionLocked(e))
      void client.invalidateQueries(pathFilter("auth.me"));
  }
  return client;
}
