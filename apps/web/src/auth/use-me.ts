import { useQuery } from "@tanstack/react-query";
import { trpcQuery } from "../api/queries";

/** Who is signed in on this browser, and which node (station or hub) serves it. */
export function useMe() {
  return useQuery({ ...trpcQuery("auth.me"), staleTime: 60_000 });
}
