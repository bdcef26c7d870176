import { useQuery } from "@tanstack/react-query";
import { trpcQuery } from "./queries";

/** Which node serves this page, and whether a station is enrolled with its hub yet. */
export function useSystemStatus(opts: { poll?: number | false } = {}) {
  return useQuery({
    ...trpcQuery("system.status"),
    staleTime: 30_000,
    refetchInterval: opts.poll ?? false,
  });
}
