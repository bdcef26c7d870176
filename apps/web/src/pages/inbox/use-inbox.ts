import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/trpc";

export const INBOX_KEY = ["inbox.list"] as const;

/** 待本站处理, refreshed as cases arrive by sync. */
export function useInbox(enabled = true) {
  return useQuery({
    queryKey: INBOX_KEY,
    queryFn: () => api.inbox.list.query(),
    refetchInterval: 30_000,
    enabled,
  });
}
