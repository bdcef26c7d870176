import { useQuery } from "@tanstack/react-query";
import { api } from "../api/trpc";

export const ME_KEY = ["auth.me"] as const;

/** Who is signed in on this browser, and which node (station or hub) serves it. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: () => api.auth.me.query(), staleTime: 60_000 });
}
