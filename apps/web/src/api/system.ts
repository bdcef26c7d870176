import { useQuery } from "@tanstack/react-query";
import { api } from "./trpc";

export const SYSTEM_STATUS_KEY = ["system.status"] as const;

/** Which node serves this page, and whether a station is enrolled with its hub yet. */
export function useSystemStatus(opts: { poll?: number | false } = {}) {
  return useQuery({
    queryKey: SYSTEM_STATUS_KEY,
    queryFn: () => api.system.status.query(),
    staleTime: 30_000,
    refetchInterval: opts.poll ?? false,
  });
}
